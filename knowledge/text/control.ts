// Control and bidirectional-override characters: they can disguise a link, garble a chat message
// or break a mail header. One definition for every renderer of the bot and the newsletter.

/** Control characters but tab and line feed, and the bidi overrides and isolates. */
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
/** The same, line breaks and tabs included: what a one-line value must not hold. */
const CONTROLS_AND_BREAKS = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]+/g;

/** The text without control or bidi-override characters; line breaks and tabs stay. */
export function stripControls(value: string): string {
  return value.replace(CONTROLS, "");
}

/** The text on one line (a mail subject, a header, a first name): every control or break is a space. */
export function oneLine(value: string): string {
  return value.replace(CONTROLS_AND_BREAKS, " ").replace(/\s+/g, " ").trim();
}

/** The text with every control character, line breaks included, removed outright. */
export function withoutAnyControl(value: string): string {
  return value.replace(CONTROLS_AND_BREAKS, "");
}
