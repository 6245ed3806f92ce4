// Maps that remember the latest entries and forget the oldest past a size: conversation memories,
// room facts, flood counters. One definition for the bot and the newsletter, which both import
// knowledge/ (see ARCHITECTURE.md: knowledge/util holds generic helpers with no domain in them).

/**
 * Sets `key` as the newest entry of `map`, then forgets the oldest entries past `max`. Returns
 * `value`. Map order is insertion order, so an entry read again and kept again stays the longest.
 * @example keepRecent(threads, threadId, conversation, 10_000);
 */
export function keepRecent<K, V>(map: Map<K, V>, key: K, value: V, max: number): V {
  map.delete(key);
  map.set(key, value);
  while (map.size > max) map.delete(map.keys().next().value!);
  return value;
}
