// Matrix rendering (also Tchap): an answer as one or more message events, each with a plain
// `body` and an HTML `formatted_body` restricted to the tags Matrix clients keep (client-server
// spec, « m.room.message msgtypes »: no <abbr>, no <dl>, no class attributes). Pure: no SDK.
//
// Size: a homeserver refuses any event over 65 536 bytes of JSON, envelope included (signatures,
// hashes, relations, `unsigned`). The text travels twice (body and formatted_body), so each field
// of a chunk is kept at most MATRIX_FIELD_LIMIT bytes of JSON-escaped UTF-8: a quarter of the
// limit each, leaving half of it to the envelope, and long answers read as several messages.
import type { Answer, Block, Definition, EventCard, ServiceCard, Text } from "../../knowledge/answer/model.ts";
import { texts } from "../core/texts.ts";
import { escapeHtml, LINK_SCHEMES, safeHref } from "./html.ts";
import { inline as inlineText, renderText } from "./text.ts";

/** One Matrix event's worth of an answer. */
export interface MatrixChunk {
  /** Plain-text fallback (`body`). */
  body: string;
  /** HTML (`formatted_body`, format `org.matrix.custom.html`). */
  html: string;
}

/** Largest body or formatted_body of one event, in bytes of JSON-escaped UTF-8. */
export const MATRIX_FIELD_LIMIT = 16_384;

/** A piece that cannot be cut further except as plain text: a paragraph, a list item, a service… */
interface Unit {
  html: string;
  text: string;
  /** Items of one list share a container, reopened (with the right number) in the next chunk. */
  group?: { block: number; open: (firstIndex: number) => string; close: string; index: number; joiner: string };
}

/** Text without control and bidi-override characters (the text renderer's cleaning). */
const clean = (value: string): string => inlineText([{ text: value }]);

/** A text run as Matrix HTML: sigles read « SIGLE (expansion) », links only http(s)/mailto (the spec's subset has no tel:: the number stays plain text). */
function inlineMatrix(text: Text): string {
  return text
    .map((span) => {
      let html = escapeHtml(clean(span.text));
      if (span.abbr) html = `${html} (${escapeHtml(clean(span.abbr))})`;
      const href = safeHref(span.href, LINK_SCHEMES.matrix);
      if (href) html = `<a href="${escapeHtml(href)}">${html}</a>`;
      if (span.bold) html = `<strong>${html}</strong>`;
      return html;
    })
    .join("");
}

/** The plain text of one block, exactly as the text renderer writes it. */
const plain = (block: Block): string => renderText({ blocks: [block] });

function contactHtml(contact: ServiceCard["contacts"][number]): string {
  const href = safeHref(contact.href, LINK_SCHEMES.matrix);
  const value = escapeHtml(clean(contact.value));
  return `${escapeHtml(contact.label)} : ${href ? `<a href="${escapeHtml(href)}">${value}</a>` : value}`;
}

function serviceHtml(card: ServiceCard): string {
  const badge = card.generaliste ? ` — <em>${escapeHtml(texts.generalisteBadge)}</em>` : "";
  const parts = [`<p><strong>${inlineMatrix(card.nom)}</strong>${badge}<br>${inlineMatrix(card.resume)}</p>`];
  if (card.raisons.length > 0) parts.push(`<p><strong>${escapeHtml(texts.whyLabel)} :</strong> ${card.raisons.map(inlineMatrix).join(" ; ")}.</p>`);
  if (card.contacts.length > 0) parts.push(`<ul>${card.contacts.map((c) => `<li>${contactHtml(c)}</li>`).join("")}</ul>`);
  if (card.orienter) parts.push(`<p><strong>${escapeHtml(texts.referLabel)} :</strong> ${inlineMatrix(card.orienter)}</p>`);
  const page = safeHref(card.page, LINK_SCHEMES.matrix);
  const checked = card.verifiee ? escapeHtml(clean(card.verifiee)) : "";
  if (page) parts.push(`<p><a href="${escapeHtml(page)}">${escapeHtml(texts.pageLabel)}</a>${checked ? ` (${checked})` : ""}</p>`);
  else if (checked) parts.push(`<p>${escapeHtml(texts.pageShort)} ${checked}</p>`);
  return `<li>${parts.join("")}</li>`;
}

function definitionHtml(definition: Definition): string {
  const lines = definition.meanings.map((m, i) => {
    const number = definition.meanings.length > 1 ? `${i + 1}. ` : "";
    return `${number}<em>${escapeHtml(clean(m.formeLongue))}</em> : ${escapeHtml(clean(m.definition))}`;
  });
  if (definition.services.length > 0) lines.push(`${escapeHtml(texts.sigle.servicesHere)} ${escapeHtml(clean(definition.services.join(", ")))}`);
  return `<p><strong>${escapeHtml(clean(definition.sigle))}</strong><br>${lines.join("<br>")}</p>`;
}

function eventHtml(event: EventCard): string {
  const lines = [`<strong>${escapeHtml(clean(event.titre))}</strong>`, `${escapeHtml(clean(event.quand))} — ${escapeHtml(clean(event.ou))}`, escapeHtml(clean(event.public))];
  if (event.inscription) lines.push(contactHtml(event.inscription));
  return `<li>${lines.join("<br>")}</li>`;
}

/** Cuts an answer into units, in reading order. */
function unitsOf(answer: Answer): Unit[] {
  const units: Unit[] = [];
  answer.blocks.forEach((block, b) => {
    switch (block.type) {
      case "title":
        units.push({ html: `<h3>${inlineMatrix(block.text)}</h3>`, text: plain(block) });
        break;
      case "paragraph":
        units.push({ html: `<p>${inlineMatrix(block.text)}</p>`, text: plain(block) });
        break;
      case "note":
        units.push({ html: `<blockquote>${block.tone === "warning" ? "⚠" : "ℹ"} ${inlineMatrix(block.text)}</blockquote>`, text: plain(block) });
        break;
      case "list":
        block.items.forEach((item, index) => {
          const group = { block: b, open: () => "<ul>", close: "</ul>", index, joiner: "\n" };
          units.push({ html: `<li>${inlineMatrix(item)}</li>`, text: plain({ type: "list", items: [item] }), group });
        });
        break;
      case "services":
        block.items.forEach((card, index) => {
          const group = { block: b, open: (first: number) => (first === 0 ? "<ol>" : `<ol start="${first + 1}">`), close: "</ol>", index, joiner: "\n\n" };
          // The text renderer numbers from 1; a card's number is its place in the whole block.
          const text = plain({ type: "services", items: [card] }).replace(/^1\./, `${index + 1}.`);
          units.push({ html: serviceHtml(card), text, group });
        });
        break;
      case "definitions":
        for (const definition of block.items) units.push({ html: definitionHtml(definition), text: plain({ type: "definitions", items: [definition] }) });
        break;
      case "choices":
        block.items.forEach((choice, index) => {
          const group = { block: b, open: (first: number) => (first === 0 ? "<ol>" : `<ol start="${first + 1}">`), close: "</ol>", index, joiner: "\n" };
          units.push({ html: `<li>${escapeHtml(clean(choice.label))}</li>`, text: `${index + 1}. ${clean(choice.label)}`, group });
        });
        break;
      case "events":
        block.items.forEach((event, index) => {
          const group = { block: b, open: () => "<ul>", close: "</ul>", index, joiner: "\n\n" };
          units.push({ html: eventHtml(event), text: plain({ type: "events", items: [event] }), group });
        });
        break;
    }
  });
  return units;
}

/** Bytes a string takes inside a JSON event: UTF-8, with JSON escapes. */
export function jsonBytes(value: string): number {
  return Buffer.byteLength(JSON.stringify(value)) - 2;
}

/** Splits plain text at line boundaries, then spaces, then characters, into paragraphs that fit. */
function plainUnits(text: string, limit: number): Unit[] {
  // Escaping works character by character, so sizes add up: no need to re-measure a whole piece.
  const htmlOf = (piece: string) => escapeHtml(piece).replace(/\n/g, "<br>");
  const wrapper = jsonBytes("<p></p>");
  const pieces: string[] = [];
  let current = "";
  let htmlSize = 0;
  let textSize = 0;
  const push = (token: string, separator: string): boolean => {
    const addition = current === "" ? token : separator + token;
    const addHtml = jsonBytes(htmlOf(addition));
    const addText = jsonBytes(addition);
    if (wrapper + htmlSize + addHtml <= limit && textSize + addText <= limit) {
      current += addition;
      htmlSize += addHtml;
      textSize += addText;
      return true;
    }
    if (current !== "") pieces.push(current);
    current = "";
    htmlSize = 0;
    textSize = 0;
    if (wrapper + jsonBytes(htmlOf(token)) > limit || jsonBytes(token) > limit) return false;
    return push(token, separator);
  };
  for (const line of text.split("\n")) {
    if (push(line, "\n")) continue;
    for (const word of line.split(" ")) {
      if (push(word, " ")) continue;
      for (const char of word) {
        if (!push(char, "")) throw new Error("renderMatrix: limit too small for a single character");
      }
    }
  }
  if (current !== "") pieces.push(current);
  return pieces.map((piece) => ({ html: `<p>${htmlOf(piece)}</p>`, text: piece }));
}

/**
 * Renders an answer as Matrix message chunks, split between blocks and list items (never inside a
 * tag or an entity) so that body and formatted_body each stay within `limit` bytes.
 * @example renderMatrix(answer).map((c) => ({ msgtype: "m.text", body: c.body, format: "org.matrix.custom.html", formatted_body: c.html }))
 */
export function renderMatrix(answer: Answer, limit: number = MATRIX_FIELD_LIMIT): MatrixChunk[] {
  const chunks: MatrixChunk[] = [];
  let html: string[] = [];
  let text: string[] = [];
  let htmlBytes = 0;
  let textBytes = 0;
  let open: Unit["group"] | undefined;

  const closeGroup = () => {
    if (!open) return;
    html.push(open.close);
    htmlBytes += open.close.length;
    open = undefined;
  };
  const flush = () => {
    closeGroup();
    if (html.length > 0) chunks.push({ body: text.join(""), html: html.join("") });
    html = [];
    text = [];
    htmlBytes = 0;
    textBytes = 0;
  };

  const queue = unitsOf(answer);
  for (let i = 0; i < queue.length; i++) {
    const unit = queue[i]!;
    const sameGroup = open !== undefined && unit.group?.block === open.block;
    const opening = unit.group && !sameGroup ? unit.group.open(unit.group.index) : "";
    const closing = unit.group ? unit.group.close : "";
    const joiner = text.length === 0 ? "" : sameGroup ? unit.group!.joiner : "\n\n";
    const unitHtml = jsonBytes(unit.html);
    const unitText = jsonBytes(unit.text);
    if (jsonBytes(opening) + unitHtml + closing.length > limit || unitText > limit) {
      // A single unit too long for one event: it goes out as plain paragraphs, cut at lines.
      queue.splice(i + 1, 0, ...plainUnits(unit.text, limit));
      continue;
    }
    const closeOpen = !sameGroup && open ? open.close.length : 0;
    const extraHtml = closeOpen + jsonBytes(opening) + unitHtml + (unit.group ? closing.length : 0);
    if (htmlBytes + extraHtml > limit || textBytes + jsonBytes(joiner) + unitText > limit) {
      flush();
      i--;
      continue;
    }
    if (!sameGroup) closeGroup();
    if (opening) {
      html.push(opening);
      htmlBytes += jsonBytes(opening);
      open = unit.group;
    }
    html.push(unit.html);
    htmlBytes += unitHtml;
    text.push(joiner, unit.text);
    textBytes += jsonBytes(joiner) + unitText;
  }
  flush();
  return chunks;
}
