// « Marquer comme à jour »: sets a service's `date_maj` to the day an editor checked it, by
// editing its YAML file in place. The `yaml` library's Document API finds the exact bytes of
// the value; only those bytes change, so comments, key order, quotes, folded descriptions and
// blank lines stay exactly as the editor wrote them. A missing `date_maj` is added as the
// entry's last field, aligned with the others.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import jsYaml from "js-yaml";
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type YAMLMap } from "yaml";
import { todayInParis } from "../checks/run.ts";
import { verifyMessages } from "../checks/messages.ts";
import { listYamlFiles } from "../load/read-yaml.ts";
import { dateSchema } from "../schema/common.ts";
import { closestIdentifier } from "../text/distance.ts";

export interface MarkVerifiedOptions {
  /** The day the service was checked, `AAAA-MM-JJ`; today in Paris by default. */
  date?: string | undefined;
  /** Today, `AAAA-MM-JJ`, to refuse a date in the future (for tests). */
  today?: string | undefined;
}

export interface VerifiedEdit {
  id: string;
  /** Path of the edited file, relative to the base folder, with `/` separators. */
  file: string;
  /** 1-based line of `date_maj` after the edit. */
  line: number;
  /** The previous date, undefined when the field was added. */
  before: string | undefined;
  after: string;
  /** The `date_maj` line before and after (before is undefined when added). */
  lineBefore: string | undefined;
  lineAfter: string;
  /** False when the service was already marked on that date: nothing was written. */
  changed: boolean;
}

/** A French message for the editor: unknown service, bad date, unreadable file. */
export class MarkVerifiedError extends Error {
  override name = "MarkVerifiedError";
}

/**
 * Marks a service of the base in `dir` as checked on `options.date` (today by default).
 * @example
 * const edit = await markVerified("knowledge/demo-nievre", "ssiad-clamecy");
 * console.log(`${edit.file}:${edit.line} ${edit.before} → ${edit.after}`);
 */
export async function markVerified(dir: string, id: string, options: MarkVerifiedOptions = {}): Promise<VerifiedEdit> {
  const today = options.today ?? todayInParis();
  const date = options.date ?? today;
  if (!dateSchema.safeParse(date).success) throw new MarkVerifiedError(verifyMessages.badDate(date));
  if (date > today) throw new MarkVerifiedError(verifyMessages.futureDate(date));

  const root = resolve(dir);
  if (!existsSync(root)) throw new MarkVerifiedError(verifyMessages.missingDir(dir));
  const path = await findServiceFile(root, id);
  const file = relative(root, path).split(sep).join("/");
  const source = readFileSync(path, "utf8");
  const edited = editDate(source, file, id, date);
  if (edited.changed) writeFileSync(path, edited.source);
  return { id, file, ...edited.edit };
}

/** The file holding service `id`; a French error with the closest identifiers when there is none. */
async function findServiceFile(root: string, id: string): Promise<string> {
  const paths = await listYamlFiles(join(root, "services"));
  const ids: string[] = [];
  for (const path of paths) {
    const source = readFileSync(path, "utf8");
    const entries = idsIn(source);
    if (entries.includes(id)) return path;
    ids.push(...entries);
  }
  throw new MarkVerifiedError(verifyMessages.unknownId(id, suggest(id, ids)));
}

/** The identifiers of the entries of one file (none when it does not parse: `kb check` reports that). */
function idsIn(source: string): string[] {
  let contents: unknown;
  try {
    contents = jsYaml.load(source, { schema: jsYaml.CORE_SCHEMA });
  } catch {
    return [];
  }
  const entries = Array.isArray(contents) ? contents : [contents];
  return entries.flatMap((entry) => (entry !== null && typeof entry === "object" && "id" in entry ? [String(entry.id)] : []));
}

/** The known identifier closest to a mistyped one, or those containing it (`ssiad` → `ssiad-clamecy`). */
function suggest(id: string, ids: readonly string[]): string[] {
  const best = closestIdentifier(id, ids);
  if (best) return [best];
  return ids.filter((candidate) => candidate.includes(id)).sort().slice(0, 3);
}

interface Edited {
  source: string;
  changed: boolean;
  edit: Omit<VerifiedEdit, "id" | "file">;
}

/** The file's text with the service's `date_maj` set to `date`, every other byte unchanged. */
function editDate(source: string, file: string, id: string, date: string): Edited {
  const lineCounter = new LineCounter();
  const document = parseDocument(source, { lineCounter, prettyErrors: false });
  if (document.errors.length > 0) throw new MarkVerifiedError(verifyMessages.unreadable(file));
  const entry = findEntry(document.contents, id);
  if (!entry) throw new MarkVerifiedError(verifyMessages.unknownId(id, []));

  const pair = entry.items.find((item) => isPair(item) && isScalar(item.key) && item.key.value === "date_maj");
  let result: string;
  let offset: number;
  let before: string | undefined;
  const value = pair?.value;
  if (pair && isScalar(value) && value.range) {
    const [start, end] = value.range;
    if (value.type === "BLOCK_FOLDED" || value.type === "BLOCK_LITERAL") throw new MarkVerifiedError(verifyMessages.notADate(file, lineCounter.linePos(start).line));
    before = value.value === null ? undefined : String(value.value);
    if (before === date) {
      const line = lineCounter.linePos(start).line;
      const text = lineAt(source, line);
      return { source, changed: false, edit: { line, before, after: date, lineBefore: text, lineAfter: text, changed: false } };
    }
    const quote = value.type === "QUOTE_DOUBLE" ? '"' : value.type === "QUOTE_SINGLE" ? "'" : "";
    const text = `${source[start - 1] === ":" ? " " : ""}${quote}${date}${quote}`;
    result = source.slice(0, start) + text + source.slice(end);
    offset = start;
  } else if (pair) {
    throw new MarkVerifiedError(verifyMessages.notADate(file, lineCounter.linePos((pair.key as { range?: [number, number, number] }).range?.[0] ?? 0).line));
  } else {
    ({ result, offset } = appendField(source, file, entry, lineCounter, `date_maj: ${date}`));
  }

  // Whatever the file's style, the edit must read back as intended before it is written.
  const check = new LineCounter();
  const reread = findEntry(parseDocument(result, { lineCounter: check }).contents, id)?.get("date_maj");
  if (String(reread) !== date) throw new MarkVerifiedError(verifyMessages.cannotEdit(file, lineCounter.linePos(offset).line, date));
  const line = check.linePos(offset).line;
  const lineBefore = before === undefined ? undefined : lineAt(source, line);
  return { source: result, changed: true, edit: { line, before, after: date, lineBefore, lineAfter: lineAt(result, line), changed: true } };
}

/** The mapping of service `id`: the document itself, or one item of a list. */
function findEntry(contents: unknown, id: string): YAMLMap | undefined {
  const candidates = isSeq(contents) ? contents.items : [contents];
  for (const candidate of candidates) {
    if (isMap(candidate) && String(candidate.get("id")) === id) return candidate as YAMLMap;
  }
  return undefined;
}

/** Adds `field` on its own line after the entry's last field, with the entry's indentation. */
function appendField(source: string, file: string, entry: YAMLMap, lineCounter: LineCounter, field: string): { result: string; offset: number } {
  const first = entry.items[0];
  const last = entry.items[entry.items.length - 1];
  const firstKey = first && isScalar(first.key) ? first.key.range : undefined;
  const lastEnd = last && ((last.value as { range?: [number, number, number] } | null)?.range?.[1] ?? (last.key as { range?: [number, number, number] } | null)?.range?.[1]);
  if (!firstKey || lastEnd === undefined) throw new MarkVerifiedError(verifyMessages.unreadable(file));
  const indent = " ".repeat(lineCounter.linePos(firstKey[0]).col - 1);
  const eol = source.includes("\r\n") ? "\r\n" : "\n";
  // Right after the line holding the end of the last value (its trailing comment included).
  const lineEnd = source[lastEnd - 1] === "\n" ? lastEnd - 1 : source.indexOf("\n", lastEnd);
  const text = `${indent}${field}${eol}`;
  if (lineEnd === -1) return { result: `${source}${eol}${text}`, offset: source.length + eol.length + indent.length + field.indexOf(":") + 2 };
  const at = lineEnd + 1;
  return { result: source.slice(0, at) + text + source.slice(at), offset: at + indent.length + field.indexOf(":") + 2 };
}

function lineAt(source: string, line: number): string {
  return (source.split("\n")[line - 1] ?? "").replace(/\r$/, "");
}
