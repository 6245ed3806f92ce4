// Counting requests per key in a sliding window, in memory and bounded: the subscription form must
// not become a way to mail any address again and again, or to flood the server. Keys are hashed
// with a key drawn at start, so no address or client address sits in memory in clear.
import { createHmac, randomBytes } from "node:crypto";
import { keepRecent } from "../../knowledge/util/bounded-map.ts";

export interface ThrottleOptions {
  /** Requests allowed per key within the window. */
  limit: number;
  windowMs: number;
  /** Keys remembered at most; the oldest are forgotten first (a flood cannot grow memory). */
  maxKeys: number;
}

export interface Throttle {
  /** Counts one request for `key` at `now`; false when the key is over its limit (the request is then not counted). */
  allow(key: string, now?: number): boolean;
  /** Keys currently remembered (for tests of the bound). */
  size(): number;
}

/** A sliding-window counter per key. */
export function createThrottle(options: ThrottleOptions): Throttle {
  const hashKey = randomBytes(32);
  const seen = new Map<string, number[]>();
  return {
    allow(key, now = Date.now()) {
      const id = createHmac("sha256", hashKey).update(key).digest("base64url");
      const recent = (seen.get(id) ?? []).filter((at) => now - at < options.windowMs);
      // Kept as the newest either way: the least recently seen keys are the ones forgotten.
      if (recent.length >= options.limit) {
        keepRecent(seen, id, recent, options.maxKeys);
        return false;
      }
      recent.push(now);
      keepRecent(seen, id, recent, options.maxKeys);
      return true;
    },
    size: () => seen.size,
  };
}
