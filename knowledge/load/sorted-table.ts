// A lookup table kept as text: one « key TAB value » line per key, sorted by key, a key found by
// bisection. Opening one costs a pass over the text to find where lines start, whatever it holds:
// a command that needs three keys of 45 000 parses three values, not 45 000 (France's spellings of
// places, knowledge/places/place-index.ts). Keys hold neither tab nor line break.

export interface SortedTable {
  /** The value of the line whose key is `key`, or undefined. */
  get(key: string): string | undefined;
}

/**
 * The text of a table: its rows sorted by key (as JavaScript compares strings), one line each.
 * @example sortedTableText([["nevers", "[1]"], ["decize", "[2]"]]) // "decize\t[2]\nnevers\t[1]"
 */
export function sortedTableText(rows: Iterable<readonly [key: string, value: string]>): string {
  return [...rows]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, value]) => `${key}\t${value}`)
    .join("\n");
}

/** Opens a table written by {@link sortedTableText}. */
export function readSortedTable(text: string): SortedTable {
  let count = text === "" ? 0 : 1;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) count++;
  const starts = new Int32Array(count);
  let line = 0;
  if (count > 0) starts[line++] = 0;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts[line++] = i + 1;
  const tabAfter = (start: number) => text.indexOf("\t", start);
  return {
    get(key) {
      let low = 0;
      let high = count - 1;
      while (low <= high) {
        const middle = (low + high) >> 1;
        const start = starts[middle]!;
        const tab = tabAfter(start);
        const found = text.slice(start, tab);
        if (found === key) {
          const end = middle + 1 < count ? starts[middle + 1]! - 1 : text.length;
          return text.slice(tab + 1, end);
        }
        if (key < found) high = middle - 1;
        else low = middle + 1;
      }
      return undefined;
    },
  };
}
