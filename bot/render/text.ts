// Plain-text rendering (terminal, e-mail text part, fallbacks). No markup, so nothing to escape;
// control characters are removed so a hostile text cannot move the cursor or clear a terminal.
import { stripControls } from "../../knowledge/text/control.ts";
import type { Answer, Block, ContactLine, Definition, EventCard, ServiceCard, Text } from "../../knowledge/answer/model.ts";
import { texts } from "../core/texts.ts";

/** Renders an answer as plain text. */
export function renderText(answer: Answer): string {
  return answer.blocks.map(renderBlock).join("\n\n").trim();
}

function clean(value: string): string {
  return stripControls(value);
}

/** A text run as plain text, with sigles written out at their first use. */
export function inline(text: Text): string {
  return clean(text.map((span) => (span.abbr ? `${span.text} (${span.abbr})` : span.text)).join(""));
}

function renderBlock(block: Block): string {
  switch (block.type) {
    case "title":
      return inline(block.text).toUpperCase() === inline(block.text) ? inline(block.text) : `${inline(block.text)}\n${"─".repeat(Math.min(60, inline(block.text).length))}`;
    case "paragraph":
      return inline(block.text);
    case "note":
      return `${block.tone === "warning" ? "⚠" : "ℹ"} ${inline(block.text)}`;
    case "list":
      return block.items.map((item) => `• ${inline(item)}`).join("\n");
    case "services":
      return block.items.map((card, i) => renderService(card, i + 1)).join("\n\n");
    case "definitions":
      return block.items.map(renderDefinition).join("\n\n");
    case "events":
      return block.items.map(renderEvent).join("\n\n");
    case "choices":
      return block.items.map((choice, i) => `${i + 1}. ${clean(choice.label)}`).join("\n");
  }
}

function renderService(card: ServiceCard, position: number): string {
  const lines = [`${position}. ${inline(card.nom)}${card.generaliste ? ` [${texts.generalisteBadge}]` : ""}`];
  lines.push(`   ${inline(card.resume)}`);
  if (card.raisons.length > 0) lines.push(`   ${texts.whyLabel} : ${card.raisons.map(inline).join(" ; ")}.`);
  for (const contact of card.contacts) lines.push(`   ${contactLine(contact)}`);
  if (card.orienter) lines.push(`   ${texts.referLabel} : ${inline(card.orienter)}`);
  // A path alone (« /services/… ») opens nothing from a terminal: only a full address is written.
  const page = card.page && /^https?:\/\//.test(card.page) ? card.page : undefined;
  if (page) lines.push(`   ${texts.pageLabel}${card.verifiee ? ` (${clean(card.verifiee)})` : ""} : ${clean(page)}`);
  else if (card.verifiee) lines.push(`   ${texts.pageShort} ${clean(card.verifiee)}`);
  return lines.join("\n");
}

function contactLine(contact: ContactLine): string {
  return `${contact.label} : ${clean(contact.value)}`;
}

function renderDefinition(definition: Definition): string {
  const lines = [clean(definition.sigle)];
  definition.meanings.forEach((meaning, i) => {
    const number = definition.meanings.length > 1 ? `${i + 1}. ` : "";
    lines.push(`  ${number}${clean(meaning.formeLongue)} : ${clean(meaning.definition)}`);
  });
  if (definition.services.length > 0) lines.push(`  ${texts.sigle.servicesHere} ${clean(definition.services.join(", "))}`);
  return lines.join("\n");
}

function renderEvent(event: EventCard): string {
  const lines = [`• ${clean(event.titre)}`, `  ${clean(event.quand)} — ${clean(event.ou)}`, `  ${clean(event.public)}`];
  if (event.inscription) lines.push(`  ${contactLine(event.inscription)}`);
  return lines.join("\n");
}
