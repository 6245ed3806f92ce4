// A fast reader for the YAML that bases are written in: block mappings and lists, plain and quoted
// values, flow lists of scalars (`[a, b]`), folded and literal blocks (`>-`, `|`), comments. It reads
// 10 000 services in a fraction of js-yaml's time because it walks lines, not characters, and
// resolves a value's type only when it may be a number, a boolean or null.
//
// It never guesses: whatever it does not know for sure (anchors, tags, escapes, `{`, tabs, a colon
// inside a value, a duplicate key, odd indentation…) makes it give up on the whole file, which
// js-yaml then reads, with its errors and their positions. On what it reads, it gives exactly
// js-yaml's result with the core schema (test/knowledge/plain-yaml.test.ts compares both on every
// YAML file of the repository and on tricky snippets).
import jsYaml from "js-yaml";

/** What {@link readPlainYaml} returns when the file needs the full parser. */
export const NEEDS_FULL_PARSER: unique symbol = Symbol("needs the full YAML parser");

/** Thrown inside the reader to give up; caught at its entry. */
class GiveUp extends Error {}
const GIVE_UP = new GiveUp();

/** js-yaml's own resolvers of the core schema (null, bool, int, float), so types resolve as it does. */
const IMPLICIT = (jsYaml.CORE_SCHEMA as unknown as { compiledImplicit: { resolve(text: string): boolean; construct(text: string): unknown }[] }).compiledImplicit;
/** Characters js-yaml refuses in a stream, and surrogates (an emoji): such a file goes to js-yaml. */
const UNUSUAL = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x84\x86-\x9F\uFFFE\uFFFF\uD800-\uDFFF\t\r]/;

/**
 * Keys already read, by a hash of their characters: services repeat the same thirty keys, and a
 * key found here is reused as it is (already a property name for V8) instead of cut again.
 */
const KEYS = new Map<number, string>();

const SPACE = 32;
const HASH = 35;
const COLON = 58;
const DASH = 45;

/**
 * The value of a YAML file, as `jsYaml.load(source, { schema: CORE_SCHEMA })` would give it, or
 * {@link NEEDS_FULL_PARSER} when the file uses anything beyond the plain subset (or is invalid).
 * @example
 * readPlainYaml("- id: ssiad\n  besoins: [soins-domicile]\n") // [{ id: "ssiad", besoins: ["soins-domicile"] }]
 * readPlainYaml("a: &x 1\nb: *x\n") // NEEDS_FULL_PARSER
 */
export function readPlainYaml(source: string): unknown {
  if (UNUSUAL.test(source) || source.charCodeAt(0) === 0xfeff) return NEEDS_FULL_PARSER;
  try {
    return new PlainReader(source).document();
  } catch (error) {
    if (error === GIVE_UP) return NEEDS_FULL_PARSER;
    throw error;
  }
}

class PlainReader {
  /** Start of the next line with content, after a node was read (-1 at the end). */
  private next = -1;
  /** Hash of the last key {@link keyEnd} found. */
  private keyHash = 0;
  /** True when the last line {@link plainLine} read ended with a comment, which ends the value. */
  private commented = false;

  constructor(private readonly src: string) {}

  document(): unknown {
    const first = this.contentLine(0);
    if (first < 0 || this.indentOf(first) !== 0) throw GIVE_UP; // empty, or indented as a whole
    const value = this.isItem(first) ? this.sequence(first, 0) : this.mapping(first, first, 0);
    if (this.next >= 0) throw GIVE_UP;
    return value;
  }

  private lineEnd(start: number): number {
    const end = this.src.indexOf("\n", start);
    return end < 0 ? this.src.length : end;
  }

  private indentOf(start: number): number {
    let at = start;
    while (this.src.charCodeAt(at) === SPACE) at++;
    return at - start;
  }

  /** The first line from `start` on that is neither blank nor a comment; -1 at the end. */
  private contentLine(start: number): number {
    const { src } = this;
    let line = start;
    while (line < src.length) {
      const end = this.lineEnd(line);
      let at = line;
      while (src.charCodeAt(at) === SPACE) at++;
      if (at < end && src.charCodeAt(at) !== HASH) return line;
      line = end + 1;
    }
    return -1;
  }

  /** `-` then a space or the end of the line, at the line's indentation. */
  private isItem(line: number): boolean {
    const at = line + this.indentOf(line);
    if (this.src.charCodeAt(at) !== DASH) return false;
    const after = this.src.charCodeAt(at + 1);
    return after === SPACE || at + 1 === this.lineEnd(line);
  }

  /**
   * The end of a key at `at` (its colon), or -1 when the text there is not `key:` followed by a space
   * or the line's end. Keys are what editors write (`zone_eligibilite`, `horaires-accueil`): letters,
   * digits, `_` and `-`, from a letter or `_`; any other key goes to js-yaml.
   */
  private keyEnd(at: number, end: number): number {
    const { src } = this;
    const first = src.charCodeAt(at);
    if (!((first >= 97 && first <= 122) || (first >= 65 && first <= 90) || first === 95)) return -1; // a letter or `_`
    let k = at;
    let hash = 0;
    for (; k < end; k++) {
      const c = src.charCodeAt(k);
      // letters, digits, `_` and `-`
      if (!((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === DASH)) break;
      hash = (Math.imul(hash, 31) + c) | 0;
    }
    if (src.charCodeAt(k) !== COLON) return -1;
    this.keyHash = hash;
    return k + 1 === end || src.charCodeAt(k + 1) === SPACE ? k : -1;
  }

  /** A block mapping whose first key starts at `keyAt` on `line`; its keys sit at column `indent`. */
  private mapping(line: number, keyAt: number, indent: number): Record<string, unknown> {
    const map: Record<string, unknown> = {};
    for (;;) {
      const end = this.lineEnd(line);
      const colon = this.keyEnd(keyAt, end);
      if (colon < 0) throw GIVE_UP;
      let key = KEYS.get(this.keyHash);
      if (key === undefined || key.length !== colon - keyAt || !this.src.startsWith(key, keyAt)) {
        key = this.src.slice(keyAt, colon);
        KEYS.set(this.keyHash, key);
      }
      if (key === "__proto__" || Object.prototype.hasOwnProperty.call(map, key)) throw GIVE_UP;
      map[key] = this.value(line, colon + 1, end, indent, true);
      const next = this.next;
      if (next < 0) return map;
      const nextIndent = this.indentOf(next);
      if (nextIndent < indent) return map;
      if (nextIndent > indent || this.isItem(next)) throw GIVE_UP;
      line = next;
      keyAt = next + indent;
    }
  }

  /** A block list whose items' dashes sit at column `indent`, the first on `line`. */
  private sequence(line: number, indent: number): unknown[] {
    const list: unknown[] = [];
    for (;;) {
      const end = this.lineEnd(line);
      const dash = line + indent;
      let at = dash + 1;
      while (this.src.charCodeAt(at) === SPACE) at++;
      if (at < end && this.keyEnd(at, end) >= 0) list.push(this.mapping(line, at, at - line));
      else if (at < end && this.src.charCodeAt(at) === DASH && (at + 1 === end || this.src.charCodeAt(at + 1) === SPACE)) throw GIVE_UP; // `- - a`
      else list.push(this.value(line, dash + 1, end, indent, false));
      const next = this.next;
      if (next < 0) return list;
      const nextIndent = this.indentOf(next);
      if (nextIndent < indent || (nextIndent === indent && !this.isItem(next))) return list;
      if (nextIndent > indent) throw GIVE_UP;
      line = next;
    }
  }

  /**
   * The value after a key's colon or an item's dash (`from`, up to the line's `end`); `indent` is the
   * column of that key or dash. Sets `next` to the next line with content after the value.
   */
  private value(line: number, from: number, end: number, indent: number, inMapping: boolean): unknown {
    const { src } = this;
    let at = from;
    while (src.charCodeAt(at) === SPACE) at++;
    if (at === end || src.charCodeAt(at) === HASH) {
      // Nothing on the line: a nested block, or null.
      const next = (this.next = this.contentLine(end + 1));
      if (next < 0) return null;
      const nextIndent = this.indentOf(next);
      if (nextIndent > indent) {
        if (this.isItem(next)) return this.sequence(next, nextIndent);
        const nextEnd = this.lineEnd(next);
        if (this.keyEnd(next + nextIndent, nextEnd) >= 0) return this.mapping(next, next + nextIndent, nextIndent);
        // A value written below its key (`zone_eligibilite:` then `[ "58062", … ]`).
        return this.value(next, next + nextIndent, nextEnd, indent, false);
      }
      // A list written at its key's indentation (`besoins:` then `- aide`).
      if (inMapping && nextIndent === indent && this.isItem(next)) return this.sequence(next, indent);
      return null;
    }
    const c = src.charCodeAt(at);
    const after = src.charCodeAt(at + 1);
    const spaceAfter = after === SPACE || at + 1 === end;
    switch (src[at]) {
      case '"':
      case "'": {
        const [text, close, closeLineEnd] = this.quoted(at, end, indent);
        this.endOfLine(close, closeLineEnd);
        this.next = this.contentLine(closeLineEnd + 1);
        return text;
      }
      case "[":
        return this.flowList(at, end, indent);
      case ">":
      case "|":
        return this.block(at, end, indent);
      case "{":
      case "&":
      case "*":
      case "!":
      case "%":
      case "@":
      case "`":
      case ",":
      case "]":
      case "}":
        throw GIVE_UP;
    }
    if ((c === DASH || c === 63 || c === COLON) && spaceAfter) throw GIVE_UP; // `- `, `? `, `: `
    return this.plain(at, end, indent);
  }

  /** Only spaces, or spaces then a comment, from `at` to the line's end. */
  private endOfLine(at: number, end: number): void {
    let k = at;
    while (this.src.charCodeAt(k) === SPACE) k++;
    if (k < end && !(k > at && this.src.charCodeAt(k) === HASH)) throw GIVE_UP;
  }

  /**
   * A quoted value without escapes, folded over its lines as YAML does: a line break is a space,
   * a blank line a break. Returns its text, the position after the closing quote and the end of
   * that quote's line. Lines of the value must be more indented than `indent`.
   */
  private quoted(open: number, end: number, indent: number): [string, number, number] {
    const { src } = this;
    const quote = src[open]!;
    let text = "";
    let from = open + 1;
    let lineEnd = end;
    for (;;) {
      const close = src.indexOf(quote, from);
      if (close >= 0 && close < lineEnd) {
        if (quote === "'" && src.charCodeAt(close + 1) === 39) {
          text += this.unescaped(from, close + 1); // `''` is one quote
          from = close + 2;
          continue;
        }
        return [text + this.unescaped(from, close), close + 1, lineEnd];
      }
      // The line ends inside the quotes: its trailing spaces go, and the next line's indentation.
      let last = lineEnd;
      while (last > from && src.charCodeAt(last - 1) === SPACE) last--;
      text += this.unescaped(from, last);
      let breaks = 1;
      let line = lineEnd + 1;
      for (;;) {
        if (line >= src.length) throw GIVE_UP;
        lineEnd = this.lineEnd(line);
        const lineIndent = this.indentOf(line);
        if (line + lineIndent < lineEnd) {
          if (lineIndent <= indent) throw GIVE_UP;
          from = line + lineIndent;
          break;
        }
        breaks++;
        line = lineEnd + 1;
      }
      text += breaks === 1 ? " " : "\n".repeat(breaks - 1);
    }
  }

  /** The text between two positions of a quoted value; gives up on a backslash (an escape). */
  private unescaped(from: number, to: number): string {
    const text = this.src.slice(from, to);
    if (text.includes("\\")) throw GIVE_UP;
    return text;
  }

  /** `[a, "b", c]`, on one line or several: scalars only. */
  private flowList(open: number, end: number, indent: number): unknown[] {
    const { src } = this;
    const list: unknown[] = [];
    let at = open + 1;
    let lineEnd = end;
    for (;;) {
      [at, lineEnd] = this.skipFlowSpace(at, lineEnd, indent);
      if (src[at] === "]" && list.length === 0) break;
      if (src[at] === '"' || src[at] === "'") {
        const [text, close, closeLineEnd] = this.quoted(at, lineEnd, indent);
        list.push(text);
        at = close;
        lineEnd = closeLineEnd;
      } else {
        let stop = at;
        while (stop < lineEnd && src[stop] !== "," && src[stop] !== "]") stop++;
        let last = stop;
        while (last > at && src.charCodeAt(last - 1) === SPACE) last--;
        const text = src.slice(at, last);
        if (text === "" || /[[\]{}]| #|: |:$|^[-?:#&*!|>'"%@`]/.test(text)) throw GIVE_UP;
        list.push(resolvePlain(text));
        at = stop;
      }
      [at, lineEnd] = this.skipFlowSpace(at, lineEnd, indent);
      if (src[at] === "]") break;
      if (src[at] !== ",") throw GIVE_UP; // an item over two lines
      at++;
    }
    this.endOfLine(at + 1, lineEnd);
    this.next = this.contentLine(lineEnd + 1);
    return list;
  }

  /** Spaces, and line breaks to lines more indented than `indent`, inside a flow list: the next position and its line's end. */
  private skipFlowSpace(at: number, lineEnd: number, indent: number): [number, number] {
    const { src } = this;
    for (;;) {
      while (src.charCodeAt(at) === SPACE) at++;
      if (at < lineEnd) return [at, lineEnd];
      const line = lineEnd + 1;
      if (line >= src.length) throw GIVE_UP;
      lineEnd = this.lineEnd(line);
      const lineIndent = this.indentOf(line);
      at = line + lineIndent;
      if (at < lineEnd && lineIndent <= indent) throw GIVE_UP;
    }
  }

  /** A folded (`>`) or literal (`|`) block, clipped or stripped (`-`), its lines below the key. */
  private block(header: number, end: number, indent: number): string {
    const { src } = this;
    const folded = src[header] === ">";
    let at = header + 1;
    const strip = src[at] === "-";
    if (strip) at++;
    while (src.charCodeAt(at) === SPACE) at++;
    if (at !== end) throw GIVE_UP; // `+`, an indentation digit, a comment
    let text = "";
    let read = false;
    let textIndent = -1;
    let empty = 0;
    let line = end + 1;
    while (line < src.length) {
      const lineEnd = this.lineEnd(line);
      const lineIndent = this.indentOf(line);
      if (line + lineIndent === lineEnd) {
        // A blank line: kept as a line break, unless it holds spaces beyond the block's indentation.
        if (textIndent < 0 || lineIndent > textIndent) throw GIVE_UP;
        empty++;
        line = lineEnd + 1;
        continue;
      }
      if (textIndent < 0) {
        if (lineIndent <= indent) throw GIVE_UP; // an empty block
        textIndent = lineIndent;
      }
      if (lineIndent < textIndent) break;
      if (lineIndent > textIndent && folded) throw GIVE_UP; // more-indented lines keep their breaks
      // Folded: lines joined by a space, a blank line is a line break. Literal: every break kept.
      if (read) text += folded ? (empty === 0 ? " " : "\n".repeat(empty)) : "\n".repeat(1 + empty);
      text += src.slice(line + textIndent, lineEnd);
      read = true;
      empty = 0;
      line = lineEnd + 1;
    }
    if (textIndent < 0) throw GIVE_UP;
    // Clipped: one line break, even at the end of a file without one (js-yaml adds it to the text).
    if (!strip) text += "\n";
    this.next = this.contentLine(line);
    return text;
  }

  /** A plain value from `at`, over the more indented lines that follow it. */
  private plain(at: number, end: number, indent: number): unknown {
    const { src } = this;
    let text = this.plainLine(at, end);
    let line = end + 1;
    let breaks = 0;
    let lastContentEnd = end;
    while (line < src.length && !this.commented) {
      const lineEnd = this.lineEnd(line);
      const lineIndent = this.indentOf(line);
      if (line + lineIndent === lineEnd) {
        breaks++;
        line = lineEnd + 1;
        continue;
      }
      if (lineIndent <= indent || src.charCodeAt(line + lineIndent) === HASH) break;
      text += (breaks === 0 ? " " : "\n".repeat(breaks)) + this.plainLine(line + lineIndent, lineEnd);
      if (/^[-?:,[\]{}&*!|>'"%@`]/.test(src[line + lineIndent]!)) throw GIVE_UP;
      breaks = 0;
      lastContentEnd = lineEnd;
      line = lineEnd + 1;
    }
    this.next = this.contentLine(lastContentEnd + 1);
    return resolvePlain(text);
  }

  /** One line of a plain value: up to a comment, without trailing spaces; gives up on a `: ` inside. */
  private plainLine(at: number, end: number): string {
    const { src } = this;
    let stop = at;
    // A comment starts at a `#` after a space.
    while (stop < end && !(src.charCodeAt(stop) === HASH && src.charCodeAt(stop - 1) === SPACE)) stop++;
    this.commented = stop < end;
    while (stop > at && src.charCodeAt(stop - 1) === SPACE) stop--;
    const text = src.slice(at, stop);
    if (text.includes(": ") || text.endsWith(":")) throw GIVE_UP;
    return text;
  }
}

/** A plain scalar's value: js-yaml's core schema types for what may be one, the text otherwise. */
function resolvePlain(text: string): unknown {
  const c = text.charCodeAt(0);
  // Every null, bool, int and float of the core schema starts with one of these.
  if ((c >= 48 && c <= 57) || c === 43 || c === DASH || c === 46 || c === 126 || "nNtTfF".includes(text[0]!)) {
    for (const type of IMPLICIT) if (type.resolve(text)) return type.construct(text);
  }
  return text;
}
