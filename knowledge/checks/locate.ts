// Finds the file, line and column of a field of a loaded entry, for the quality checks' messages.
// A stale-date check may point at thousands of entries, and the `yaml` library parses about
// 3 MB a second: a top-level key of an entry, written plainly on its line, is found with a
// text search; anything else goes through the `yaml` library's positions.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { KnowledgeBase } from "../base.ts";
import { locate, type YamlFile } from "../load/read-yaml.ts";
import type { KindName } from "../schema/index.ts";

interface Location {
  /** Path relative to the base folder (`services/ssiad-clamecy.yaml`). */
  file: string;
  line: number;
  column: number;
}

export interface Locator {
  /** Where a field of an entry is written; the entry itself when the field is absent. */
  at(kind: KindName, id: string, path?: readonly (string | number)[]): Location;
}

interface CachedFile {
  source: string;
  isList: boolean;
  lineStarts?: number[];
  /** Offsets of the top-level list items (`- ` at column 1), for list files. */
  itemStarts?: number[];
  yamlFile?: YamlFile;
}

/** A locator reading each file at most once. */
export function createLocator(base: KnowledgeBase): Locator {
  const files = new Map<string, CachedFile>();

  const read = (file: string): CachedFile => {
    let cached = files.get(file);
    if (!cached) {
      const source = readFileSync(join(base.dir, file), "utf8");
      cached = { source, isList: startsWithListItem(source) };
      files.set(file, cached);
    }
    return cached;
  };

  return {
    at(kind, id, path = []) {
      const ref = base.sources.get(`${kind}:${id}`);
      if (!ref) return { file: kind, line: 0, column: 0 };
      const cached = read(ref.file);
      const key = path[0];
      if (path.length === 1 && typeof key === "string") {
        const fast = cached.isList ? findItemValue(cached, ref.index, key) : findValue(cached, 0, cached.source.length, "", key);
        if (fast) return { file: ref.file, ...fast };
      }
      cached.yamlFile ??= { file: ref.file, source: cached.source, isList: true, entries: [] };
      return { file: ref.file, ...locate(cached.yamlFile, ref.index, path) };
    },
  };
}

/** True when the first content line of the file is a list item (`- id: …`). */
function startsWithListItem(source: string): boolean {
  for (const line of source.split("\n", 200)) {
    const trimmed = line.trim();
    if (trimmed === "" || trimmed.startsWith("#") || trimmed === "---") continue;
    return trimmed.startsWith("-");
  }
  return false;
}

/**
 * Line and column of the value of a key of the entry written between `start` and `end`, when
 * the key starts a line after `keyStart` (a regular expression: the entry's indentation) and
 * its value is written plainly on the key's line (`date_maj: 2026-03-17`). Block values,
 * anchors, tags, or a key found twice are left to the YAML parser.
 */
function findValue(cached: CachedFile, start: number, end: number, keyStart: string, key: string): { line: number; column: number } | undefined {
  const pattern = new RegExp(`^${keyStart}${key.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}[ \\t]*:[ \\t]*`, "gm");
  const slice = cached.source.slice(start, end);
  const match = pattern.exec(slice);
  if (!match || pattern.exec(slice)) return undefined;
  const valueStart = start + match.index + match[0].length;
  const first = cached.source[valueStart];
  if (first === undefined || "\n\r#|>&!*".includes(first)) return undefined;
  cached.lineStarts ??= lineStartsOf(cached.source);
  const line = lineIndex(cached.lineStarts, valueStart);
  return { line: line + 1, column: valueStart - cached.lineStarts[line]! + 1 };
}

/**
 * The same, for the `index`-th item of a file holding a list of entries. The item's keys are
 * aligned with its first one, written after the dash (`- id: …`) or alone on the next line.
 */
function findItemValue(cached: CachedFile, index: number, key: string): { line: number; column: number } | undefined {
  cached.itemStarts ??= [...cached.source.matchAll(/^-(?=[ \t\r\n]|$)/gm)].map((match) => match.index);
  const start = cached.itemStarts[index];
  if (start === undefined) return undefined;
  const end = cached.itemStarts[index + 1] ?? cached.source.length;
  const item = cached.source.slice(start, end);
  const onDashLine = /^-( +)[^\s#]/.exec(item);
  const belowDash = onDashLine ? undefined : /^-[ \t]*(?:#.*)?\r?\n( +)[^\s#]/.exec(item);
  const indent = onDashLine ? onDashLine[1]!.length + 1 : belowDash?.[1]?.length;
  if (indent === undefined) return undefined;
  return findValue(cached, start, end, `(?:-[ \\t]+| {${indent}})`, key);
}

function lineStartsOf(source: string): number[] {
  const starts = [0];
  for (let i = source.indexOf("\n"); i !== -1; i = source.indexOf("\n", i + 1)) starts.push(i + 1);
  return starts;
}

/** Index of the line holding `offset` (binary search over line starts). */
function lineIndex(starts: readonly number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (starts[middle]! <= offset) low = middle;
    else high = middle - 1;
  }
  return low;
}
