// What personal-data detection reads: the text with its disguises evened out — non-breaking and
// narrow spaces made plain spaces, fullwidth digits and letters (« ０６ », « ＠ ») made ASCII, and
// invisible characters (zero-width space, joiners, word joiner, soft hyphen, BOM) removed — with a map
// back to the text as typed, so that what is replaced is exactly what was typed, disguises included.

/** Characters that show nothing: a number typed with them between its digits is still a number. */
const INVISIBLE = /[\u00AD\u180E\u200B-\u200F\u2060-\u2064\uFEFF]/u;
/** Spaces other than the plain one (no-break, narrow no-break, thin, figure, ideographic…). */
const ODD_SPACE = /[\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]/u;

export interface DetectionView {
  /** The evened-out text that patterns read. */
  text: string;
  /** For each position of `text` (and its end), the position in the text as typed. */
  origin: number[];
}

/**
 * The text as detection reads it, with a map back to the original positions.
 * @example detectionView("06\u202F12\u200B34").text // → "06 1234"
 */
export function detectionView(typed: string): DetectionView {
  let text = "";
  const origin: number[] = [];
  for (let i = 0; i < typed.length; i++) {
    const char = typed[i]!;
    if (INVISIBLE.test(char)) continue;
    const code = char.charCodeAt(0);
    // Fullwidth forms U+FF01–U+FF5E are ASCII shifted by 0xFEE0.
    const even = ODD_SPACE.test(char) ? " " : code >= 0xff01 && code <= 0xff5e ? String.fromCharCode(code - 0xfee0) : char;
    text += even;
    origin.push(i);
  }
  origin.push(typed.length);
  return { text, origin };
}

/** Maps a span [start, end) of the view back to the text as typed. */
export function originalSpan(view: DetectionView, start: number, end: number): { start: number; end: number } {
  return { start: view.origin[start]!, end: end > start ? view.origin[end - 1]! + 1 : view.origin[start]! };
}
