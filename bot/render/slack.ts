// Slack rendering: an Answer as Block Kit messages (header and mrkdwn section blocks) with a
// plain-text fallback. The only place that escapes for Slack. Pure: imports no SDK.
//
// Slack's limits: 50 blocks per message, 3000 characters per section text, 150 per header.
// Every piece of user or knowledge-base text goes through `escapeSlack`, so it can neither
// notify (<!channel>, <@U…>), link, nor open or close formatting (*, _, ~, `, > quotes).
import { stripControls } from "../../knowledge/text/control.ts";
import type { Answer, Block, ContactLine, Definition, EventCard, ServiceCard, Text } from "../../knowledge/answer/model.ts";
import { texts } from "../core/texts.ts";
import { safeHref } from "./html.ts";

interface SlackPlainText {
  type: "plain_text";
  text: string;
  emoji: boolean;
}

interface SlackMrkdwnText {
  type: "mrkdwn";
  text: string;
  /** No automatic parsing of mentions, channel names or URLs: what we escaped stays text. */
  verbatim: true;
}

/** A button of an actions block: `action_id` names what it does, `value` is what it sends back. */
interface SlackButton {
  type: "button";
  text: SlackPlainText;
  action_id: string;
  value: string;
}

type SlackBlock =
  | { type: "header"; text: SlackPlainText }
  | { type: "section"; text: SlackMrkdwnText }
  | { type: "actions"; elements: SlackButton[] };

/** The action_id of a choice button: `choix-<number>`; its value is the number. */
export const SLACK_CHOICE_ACTION = /^choix-(\d{1,2})$/;

/** Characters of readable text a block adds (buttons add none to the fallback). */
const blockChars = (block: SlackBlock): number => (block.type === "actions" ? 0 : block.text.text.length);

/** One chat.postMessage: blocks and the plain-text fallback Slack shows in notifications. */
export interface SlackMessage {
  text: string;
  blocks: SlackBlock[];
}

export interface SlackLimits {
  blocksPerMessage: number;
  sectionChars: number;
  headerChars: number;
  /**
   * Characters of block text per message, separators included. The fallback `text` is made of the
   * same text with less markup, so it stays under this too: Slack recommends a `text` under 4 000
   * characters (it truncates longer ones), and refuses too much block text (`msg_blocks_too_long`).
   */
  messageChars: number;
}

export const slackLimits: SlackLimits = { blocksPerMessage: 50, sectionChars: 3000, headerChars: 150, messageChars: 4000 };

// Longer bold runs or links are written plain: a section can then always be split outside them.
const MAX_BOLD = 300;
const MAX_LINK = 1500;

/**
 * Renders an answer as one or more Slack messages, each within Slack's limits.
 * @example renderSlack(answer).forEach((m) => client.chat.postMessage({ channel, ...m }))
 */
export function renderSlack(answer: Answer, limits: SlackLimits = slackLimits): SlackMessage[] {
  const blocks = answer.blocks.flatMap((block) => renderBlock(block, limits));
  const messages: SlackMessage[] = [];
  let current: SlackBlock[] = [];
  let chars = 0;
  for (const block of blocks) {
    const size = blockChars(block);
    // Blocks are joined by a blank line in the fallback text.
    const joined = current.length > 0 ? chars + 2 + size : size;
    if (current.length > 0 && (current.length >= limits.blocksPerMessage || joined > limits.messageChars)) {
      messages.push(toMessage(current));
      current = [];
      chars = size;
    } else chars = joined;
    current.push(block);
  }
  if (current.length > 0) messages.push(toMessage(current));
  return messages;
}

const LOOKALIKES: Record<string, string> = { "*": "\u2217", "~": "\u223c", "`": "\u02cb" };
const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;" };
/** Every character escapeSlack changes (a leading `>` included). */
const SLACK_SPECIAL = /[&<>*~`_]/;

/**
 * Escapes text for Slack (mrkdwn and plain_text alike): `&`, `<`, `>` become entities, so no
 * mention or link can form; formatting markers are replaced by look-alikes (`*` → `∗`, `~` → `∼`,
 * `` ` `` → `ˋ`, `_` at a word edge → `ˍ`, a leading `>` → `＞`) so they cannot open or close
 * formatting across spans. Underscores inside words (`jean_dupont`) never format and are kept.
 * @example escapeSlack("<!channel> *urgent*") // → "&lt;!channel&gt; ∗urgent∗"
 */
export function escapeSlack(value: string): string {
  const stripped = stripControls(value);
  // Most texts hold none of these: they are returned without the four passes below.
  if (!SLACK_SPECIAL.test(stripped)) return stripped;
  return stripped
    .replace(/^(\s*)>/gm, "$1\uff1e")
    .replace(/[&<>]/g, (c) => ENTITIES[c]!)
    .replace(/[*~`]/g, (c) => LOOKALIKES[c]!)
    .replace(/_/g, (c, offset: number, whole: string) => (/[\p{L}\p{N}]/u.test(whole[offset - 1] ?? "") && /[\p{L}\p{N}]/u.test(whole[offset + 1] ?? "") ? c : "\u02cd"));
}

/** A link target as Slack writes it inside `<…|label>`: http(s), mailto and tel only. */
function linkTarget(href: string | undefined): string | undefined {
  const safe = safeHref(href);
  if (!safe || safe.length > MAX_LINK / 2) return undefined;
  return safe.replace(/[\s<>|"]/g, (c) => encodeURIComponent(c)).replace(/&/g, "&amp;");
}

function link(href: string | undefined, label: string): string {
  const target = linkTarget(href);
  const flat = label.replace(/\s+/g, " ").trim();
  return target && flat && target.length + flat.length < MAX_LINK ? `<${target}|${flat}>` : label;
}

/** Bold, when the run is short and has no line break; spaces stay outside the markers so they close. */
function bold(escaped: string): string {
  const match = /^(\s*)([\s\S]*?)(\s*)$/.exec(escaped)!;
  const inner = match[2]!;
  if (inner === "" || inner.length > MAX_BOLD || inner.includes("\n")) return escaped;
  return `${match[1]}*${inner}*${match[3]}`;
}

/** A sigle written out at its first use: « SIGLE (expansion) ». */
const spanText = (span: Text[number]) => (span.abbr ? `${span.text} (${span.abbr})` : span.text);

/** A text run as mrkdwn, with bold runs and links. */
function inline(text: Text): string {
  return text
    .map((span) => {
      let out = link(span.href, escapeSlack(spanText(span)));
      if (span.bold) out = bold(out);
      return out;
    })
    .join("");
}

/** A text run without markup, for places that are already bold or plain_text. */
function flat(text: Text): string {
  return escapeSlack(text.map(spanText).join(""));
}

function section(mrkdwn: string, limits: SlackLimits): SlackBlock[] {
  return splitMrkdwn(mrkdwn, limits.sectionChars)
    .filter((part) => part.trim() !== "")
    .map((part) => ({ type: "section", text: { type: "mrkdwn", text: part, verbatim: true } }));
}

function renderBlock(block: Block, limits: SlackLimits): SlackBlock[] {
  switch (block.type) {
    case "title": {
      const title = flat(block.text).replace(/\s+/g, " ").trim();
      if (title === "") return [];
      return title.length <= limits.headerChars ? [{ type: "header", text: { type: "plain_text", text: title, emoji: true } }] : section(bold(title), limits);
    }
    case "paragraph":
      return section(inline(block.text), limits);
    case "note":
      return section(`${block.tone === "warning" ? ":warning:" : ":information_source:"} ${inline(block.text)}`, limits);
    case "list":
      return section(block.items.map((item) => `• ${inline(item)}`).join("\n"), limits);
    case "services":
      return block.items.flatMap((card, i) => section(renderService(card, i + 1), limits));
    case "definitions":
      return block.items.flatMap((definition) => section(renderDefinition(definition), limits));
    case "events":
      return block.items.flatMap((event) => section(renderEvent(event), limits));
    case "choices":
      // The numbered list is read everywhere (notifications too); the buttons answer in one click.
      return [
        ...section(block.items.map((choice, i) => `${i + 1}. ${escapeSlack(choice.label)}`).join("\n"), limits),
        ...choiceButtons(block.items.map((choice) => choice.label)),
      ];
  }
}

/** Up to 25 buttons per actions block (Slack's limit), labels at most 75 characters, plain text (no escaping). */
function choiceButtons(labels: string[]): SlackBlock[] {
  const buttons: SlackButton[] = labels.slice(0, 25).map((label, i) => ({
    type: "button",
    text: { type: "plain_text", text: `${i + 1}. ${stripControls(label)}`.slice(0, 75), emoji: false },
    action_id: `choix-${i + 1}`,
    value: String(i + 1),
  }));
  return buttons.length > 0 ? [{ type: "actions", elements: buttons }] : [];
}

function renderService(card: ServiceCard, position: number): string {
  const badge = card.generaliste ? ` — ${escapeSlack(texts.generalisteBadge)}` : "";
  const lines = [`${bold(`${position}. ${flat(card.nom)}`)}${badge}`, inline(card.resume)];
  if (card.raisons.length > 0) lines.push(`${bold(`${escapeSlack(texts.whyLabel)} :`)} ${card.raisons.map(inline).join(" ; ")}.`);
  for (const contact of card.contacts) lines.push(contactLine(contact));
  if (card.orienter) lines.push(`${bold(`${escapeSlack(texts.referLabel)} :`)} ${inline(card.orienter)}`);
  const checked = card.verifiee ? escapeSlack(card.verifiee) : "";
  if (linkTarget(card.page)) lines.push(`${link(card.page, escapeSlack(texts.pageLabel))}${checked ? ` (${checked})` : ""}`);
  else if (checked) lines.push(`${escapeSlack(texts.pageShort)} ${checked}`);
  return lines.join("\n");
}

function contactLine(contact: ContactLine): string {
  return `${escapeSlack(contact.label)} : ${link(contact.href, escapeSlack(contact.value))}`;
}

function renderDefinition(definition: Definition): string {
  const lines = [bold(escapeSlack(definition.sigle))];
  definition.meanings.forEach((meaning, i) => {
    const number = definition.meanings.length > 1 ? `${i + 1}. ` : "";
    lines.push(`${number}${bold(escapeSlack(meaning.formeLongue))} : ${escapeSlack(meaning.definition)}`);
  });
  if (definition.services.length > 0) lines.push(`${escapeSlack(texts.sigle.servicesHere)} ${escapeSlack(definition.services.join(", "))}`);
  return lines.join("\n");
}

function renderEvent(event: EventCard): string {
  const lines = [bold(escapeSlack(event.titre)), `${escapeSlack(event.quand)} — ${escapeSlack(event.ou)}`, escapeSlack(event.public)];
  if (event.inscription) lines.push(contactLine(event.inscription));
  return lines.join("\n");
}

/** The fallback `text`: the blocks without markup (still escaped: Slack parses `text` too). */
function toMessage(blocks: SlackBlock[]): SlackMessage {
  const plain = blocks.flatMap((block) =>
    block.type === "actions" ? [] : block.type === "header" ? [block.text.text] : [block.text.text.replace(/<[^<>|]*\|([^<>]*)>/g, "$1").replace(/\*/g, "")],
  );
  return { text: plain.join("\n\n"), blocks };
}

/**
 * Splits mrkdwn at `max` characters: between lines when it can, else at a space, never inside a
 * `<link|label>`, an `&entity;` or a bold run.
 */
function splitMrkdwn(text: string, max: number): string[] {
  if (text.length <= max) return [text];
  const parts: string[] = [];
  let current: string | undefined;
  for (const line of text.split("\n")) {
    for (const piece of line.length > max ? splitLine(line, max) : [line]) {
      if (current === undefined) current = piece;
      else if (current.length + 1 + piece.length <= max) current += `\n${piece}`;
      else {
        parts.push(current);
        current = piece;
      }
    }
  }
  if (current !== undefined) parts.push(current);
  return parts;
}

/** Indexes before which a line may be cut: outside links, entities and bold runs. */
function safeCuts(line: string): boolean[] {
  const safe = new Array<boolean>(line.length + 1).fill(false);
  let inLink = false;
  let inEntity = false;
  let boldOpen = false;
  for (let i = 0; i <= line.length; i++) {
    safe[i] = !inLink && !inEntity && !boldOpen;
    const c = line[i];
    if (c === undefined) break;
    if (inLink) inLink = c !== ">";
    else if (inEntity) inEntity = c !== ";";
    else if (c === "<") inLink = true;
    else if (c === "&") inEntity = true;
    else if (c === "*") boldOpen = !boldOpen;
  }
  return safe;
}

function splitLine(line: string, max: number): string[] {
  const safe = safeCuts(line);
  const pieces: string[] = [];
  let start = 0;
  while (line.length - start > max) {
    let cut = -1;
    for (let i = start + max; i > start && cut < 0; i--) if (safe[i] && line[i - 1] === " ") cut = i;
    for (let i = start + max; i > start && cut < 0; i--) if (safe[i]) cut = i;
    if (cut < 0) cut = start + max;
    pieces.push(line.slice(start, cut).trimEnd());
    start = cut;
    while (line[start] === " ") start++;
  }
  pieces.push(line.slice(start));
  return pieces;
}
