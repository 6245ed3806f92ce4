// Telegram rendering: the Bot API's HTML parse mode (<b>, <i>, <a href> for web links only), its escaping and its
// 4096-character limit per message. Pure: no SDK, no I/O. Every tag opens and closes on one line,
// so a long answer can be cut between lines, and a too-long line between its text runs, without
// ever leaving a tag open or cutting an entity in two.
import { stripControls } from "../../knowledge/text/control.ts";
import type { Answer, Block, ContactLine, Definition, EventCard, ServiceCard, Text } from "../../knowledge/answer/model.ts";
import { texts } from "../core/texts.ts";
import { LINK_SCHEMES, safeHref } from "./html.ts";

/** Largest message Telegram accepts: 4096 UTF-16 code units of text once the HTML is parsed (tags and escapes do not count). */
export const TELEGRAM_MESSAGE_LIMIT = 4096;

/**
 * The length Telegram counts for our HTML: its text once tags are removed and entities decoded
 * (`&amp;` is one character). Only valid for HTML this module writes (no `<` or `>` outside tags).
 * @example telegramLength("<b>a &amp; b</b>") // → 5
 */
export function telegramLength(html: string): number {
  return html.replace(/<[^<>]*>/g, "").replace(/&(?:amp|lt|gt|quot);/g, "&").length;
}

/** A run of text with one style; rendered as `<b><i><a href="…">text</a></i></b>`. */
interface Run {
  text: string;
  bold?: boolean;
  italic?: boolean;
  href?: string | undefined;
}
type Line = Run[];
/** Lines kept in the same message when possible: one service, one definition, one event. */
type Group = Line[];
/** One block of the answer. */
type Section = Group[];

/** Escapes text for Telegram HTML: only `&`, `<` and `>` are special outside tags. */
export function escapeTelegramText(value: string): string {
  return value.replace(/[&<>]/g, (c) => ENTITIES[c]!);
}

/** Escapes an attribute value (a link target): `"` as well. */
export function escapeTelegramAttribute(value: string): string {
  return value.replace(/[&<>"]/g, (c) => ENTITIES[c]!);
}

const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" };

function clean(value: string): string {
  // Control and bidirectional-override characters: they could disguise a link or garble the chat.
  return stripControls(value);
}

function runHtml(run: Run): string {
  if (run.text === "") return "";
  let html = escapeTelegramText(run.text);
  if (run.href) html = `<a href="${escapeTelegramAttribute(run.href)}">${html}</a>`;
  if (run.italic) html = `<i>${html}</i>`;
  if (run.bold) html = `<b>${html}</b>`;
  return html;
}

const lineHtml = (line: Line): string => line.map(runHtml).join("");
const groupHtml = (group: Group): string => group.map(lineHtml).join("\n");
const sectionHtml = (section: Section): string => section.map(groupHtml).join("\n\n");

const plain = (value: string, style: Omit<Run, "text"> = {}): Run => ({ text: clean(value), ...style });

/** A text of the answer as runs; a sigle reads « SIGLE (expansion) » at its first use. */
function runs(text: Text, style: Omit<Run, "text"> = {}): Run[] {
  return text.map((span) => plain(span.abbr ? `${span.text} (${span.abbr})` : span.text, { bold: span.bold, ...style, href: safeHref(span.href, LINK_SCHEMES.telegram) }));
}

function section(block: Block): Section {
  switch (block.type) {
    case "title":
      return [[runs(block.text, { bold: true })]];
    case "paragraph":
      return [[runs(block.text)]];
    case "note":
      return [[[plain(block.tone === "warning" ? "⚠️ " : "ℹ️ "), ...runs(block.text, { italic: true })]]];
    case "list":
      return [block.items.map((item) => [plain("• "), ...runs(item)])];
    case "services":
      return block.items.map((card, i) => serviceGroup(card, i + 1));
    case "definitions":
      return block.items.map(definitionGroup);
    case "events":
      return block.items.map(eventGroup);
    case "choices":
      return [block.items.map((choice, i) => [plain(`${i + 1}. `, { bold: true }), plain(choice.label)])];
  }
}

function serviceGroup(card: ServiceCard, position: number): Group {
  const title: Line = [plain(`${position}. `, { bold: true }), ...runs(card.nom, { bold: true })];
  if (card.generaliste) title.push(plain(` — ${texts.generalisteBadge}`, { italic: true }));
  const lines: Group = [title, runs(card.resume)];
  if (card.raisons.length > 0) {
    const reasons: Line = [plain(`${texts.whyLabel} :`, { bold: true }), plain(" ")];
    card.raisons.forEach((raison, i) => reasons.push(...(i > 0 ? [plain(" ; ")] : []), ...runs(raison)));
    reasons.push(plain("."));
    lines.push(reasons);
  }
  for (const contact of card.contacts) lines.push(contactLine(contact));
  if (card.orienter) lines.push([plain(`${texts.referLabel} :`, { bold: true }), plain(" "), ...runs(card.orienter)]);
  const page = safeHref(card.page, LINK_SCHEMES.telegram);
  if (page) lines.push([plain(texts.pageLabel, { href: page }), ...(card.verifiee ? [plain(` (${card.verifiee})`)] : [])]);
  else if (card.verifiee) lines.push([plain(`${texts.pageShort} ${card.verifiee}`)]);
  return lines;
}

/** Telegram keeps only web links: an e-mail address or a phone number is written plain, and Telegram links it itself. */
function contactLine(contact: ContactLine): Line {
  return [plain(`${contact.label} : `), plain(contact.value, { href: safeHref(contact.href, LINK_SCHEMES.telegram) })];
}

function definitionGroup(definition: Definition): Group {
  const lines: Group = [[plain(definition.sigle, { bold: true })]];
  definition.meanings.forEach((meaning, i) => {
    const number = definition.meanings.length > 1 ? `${i + 1}. ` : "";
    lines.push([plain(number), plain(meaning.formeLongue, { bold: true }), plain(` : ${meaning.definition}`)]);
  });
  if (definition.services.length > 0) lines.push([plain(`${texts.sigle.servicesHere} ${definition.services.join(", ")}`, { italic: true })]);
  return lines;
}

function eventGroup(event: EventCard): Group {
  const lines: Group = [[plain("• "), plain(event.titre, { bold: true })], [plain(`${event.quand} — ${event.ou}`)], [plain(event.public)]];
  if (event.inscription) lines.push(contactLine(event.inscription));
  return lines;
}

/**
 * Renders an answer as Telegram HTML messages, each at most `limit` characters as Telegram counts
 * them (see {@link telegramLength}).
 * Cuts between blocks first, then between the items of a block, then between lines, and only
 * inside a line (between words, each piece keeping its own tags) when a line alone is too long.
 * @example renderTelegram(answer) // → ["<b>2 services répondent à Clamecy</b>\n\n<b>1. </b>…"]
 */
export function renderTelegram(answer: Answer, limit = TELEGRAM_MESSAGE_LIMIT): string[] {
  const chunks: string[] = [];
  let current = "";
  let size = 0;
  const add = (piece: string, separator: string, pieceSize = telegramLength(piece)) => {
    if (piece === "") return;
    if (current === "") {
      current = piece;
      size = pieceSize;
    } else if (size + separator.length + pieceSize <= limit) {
      current += separator + piece;
      size += separator.length + pieceSize;
    } else {
      chunks.push(current);
      current = piece;
      size = pieceSize;
    }
  };
  for (const block of answer.blocks) {
    const sec = section(block).map((group) => group.map(merge));
    // Each piece is measured once: the size that decides where to cut is the one added.
    const whole = sectionHtml(sec);
    const wholeSize = telegramLength(whole);
    if (wholeSize <= limit) {
      add(whole, "\n\n", wholeSize);
      continue;
    }
    for (const group of sec) {
      const html = groupHtml(group);
      const htmlSize = telegramLength(html);
      if (htmlSize <= limit) {
        add(html, "\n\n", htmlSize);
        continue;
      }
      group.forEach((line, i) => splitLine(line, limit).forEach((piece, j) => add(piece, i === 0 && j === 0 ? "\n\n" : "\n")));
    }
  }
  if (current !== "") chunks.push(current);
  return chunks;
}

/** An inline keyboard: one button per row, as Telegram's `reply_markup`. */
export interface TelegramKeyboard {
  inline_keyboard: { text: string; callback_data: string }[][];
}

/** What a choice button sends back: `choix:<number>` (Telegram allows 1–64 bytes). */
export const CHOICE_DATA = /^choix:(\d{1,2})$/;

/**
 * The answer's choices as inline buttons (« 3. Montigny-sur-Canne (58340) » sends `choix:3`), or
 * undefined when it offers none. The numbered list stays in the text for clients without buttons.
 */
export function telegramKeyboard(answer: Answer): TelegramKeyboard | undefined {
  const block = answer.blocks.find((b) => b.type === "choices");
  if (block?.type !== "choices" || block.items.length === 0) return undefined;
  // Button labels are plain text (no parse mode); Telegram shows about 60 characters of them.
  return { inline_keyboard: block.items.slice(0, 99).map((choice, i) => [{ text: clean(`${i + 1}. ${choice.label}`).slice(0, 64), callback_data: `choix:${i + 1}` }]) };
}

/** Joins neighbouring runs of the same style: `<b>1. </b><b>Nom</b>` becomes `<b>1. Nom</b>`. */
function merge(line: Line): Line {
  const merged: Line = [];
  for (const run of line) {
    const last = merged.at(-1);
    if (last && !!last.bold === !!run.bold && !!last.italic === !!run.italic && last.href === run.href) merged[merged.length - 1] = { ...last, text: last.text + run.text };
    else if (run.text !== "") merged.push(run);
  }
  return merged;
}

/** A line as one or more HTML pieces of at most `limit` characters, cut between runs, then between words. */
function splitLine(line: Line, limit: number): string[] {
  const pieces: string[] = [];
  let current = "";
  let size = 0;
  for (const run of line) {
    for (const part of splitRun(run, limit)) {
      const html = runHtml(part);
      const htmlSize = telegramLength(html);
      if (size + htmlSize <= limit) {
        current += html;
        size += htmlSize;
      } else {
        if (current !== "") pieces.push(current);
        current = html;
        size = htmlSize;
      }
    }
  }
  if (current !== "") pieces.push(current);
  return pieces;
}

/** A run cut into runs whose text fits in `limit`, preferably at a space, never inside a character. */
function splitRun(run: Run, limit: number): Run[] {
  if (telegramLength(runHtml(run)) <= limit) return [run];
  let style: Run = run;
  if (runHtml({ ...style, text: "x" }).length - 1 >= limit / 2) {
    // An absurdly long link target: keep the words, drop the link.
    style = { text: run.text, bold: run.bold, italic: run.italic };
  }
  // Tags and escapes do not count: each character of the text counts for its UTF-16 length.
  const budget = limit;
  const parts: Run[] = [];
  let piece = "";
  let size = 0;
  let lastSpace = -1;
  for (const char of style.text) {
    const width = char.length;
    if (size + width > budget) {
      const cut = lastSpace > 0 ? lastSpace : piece.length;
      parts.push({ ...style, text: piece.slice(0, cut) });
      piece = piece.slice(cut);
      size = piece.length;
      lastSpace = -1;
      if (size + width > budget) {
        parts.push({ ...style, text: piece });
        piece = "";
        size = 0;
      }
    }
    piece += char;
    size += width;
    if (/\s/.test(char)) lastSpace = piece.length;
  }
  if (piece !== "") parts.push({ ...style, text: piece });
  return parts;
}
