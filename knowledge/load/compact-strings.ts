// Makes a loaded base's strings cheap to keep. A YAML parser cuts each value out of the file's text,
// and V8 keeps such a cut as a view on the whole text: one short `frais: gratuit` kept the whole
// file alive, so a base held every one of its files after loading (about 40 MB for 10 000
// services). A file with one « — » or « ’ » is also stored two bytes per character, and every cut
// of it too. Each distinct value is copied once, on its own and one byte per character when it
// can be, and every entry then shares that copy: bases repeat their codes, needs, publics,
// structures, conditions and hours thousands of times.

/** Strings shorter than this are already copies in V8 (SlicedString::kMinLength): sharing is enough. */
const SHORTEST_VIEW = 13;

/**
 * Replaces, in place, every string of these entries (plain objects and arrays, as a schema's output)
 * by one shared standalone copy per distinct value. Returns the entries.
 * @example
 * compactStrings([{ frais: "gratuit" }, { frais: "gratuit" }]) // both hold the same string, which no file's text holds
 */
export function compactStrings<T>(entries: T[]): T[] {
  const pool = new Map<string, string>();
  const shared = (text: string): string => {
    let kept = pool.get(text);
    if (kept === undefined) {
      kept = text.length < SHORTEST_VIEW ? text : standalone(text);
      pool.set(kept, kept);
    }
    return kept;
  };
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const item: unknown = value[i];
        if (typeof item === "string") value[i] = shared(item);
        else if (typeof item === "object" && item !== null) visit(item);
      }
      return;
    }
    const record = value as Record<string, unknown>;
    for (const key in record) {
      const item = record[key];
      if (typeof item === "string") record[key] = shared(item);
      else if (typeof item === "object" && item !== null) visit(item);
    }
  };
  visit(entries);
  return entries;
}

/**
 * A copy that holds only its own characters. Going through UTF-8 bytes makes V8 build a new string,
 * one byte per character when every character fits. A lone surrogate (only a YAML escape can
 * write one) would not survive the trip: that rare string is kept as it is.
 */
function standalone(text: string): string {
  const copy = Buffer.from(text, "utf8").toString("utf8");
  return copy === text ? copy : text;
}
