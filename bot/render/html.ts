// HTML rendering of answers (local web page, Matrix formatted_body). Escaping and the link targets
// allowed (http(s), mailto, tel) come from knowledge/text/html.ts, shared with the newsletter.
import type { Answer, Block, ContactLine, Definition, EventCard, ServiceCard, Text } from "../../knowledge/answer/model.ts";
import { texts } from "../core/texts.ts";

import { escapeHtml, LINK_SCHEMES, safeHref } from "../../knowledge/text/html.ts";

export { escapeHtml, LINK_SCHEMES, safeHref };

export interface HtmlOptions {
  /**
   * Renders the options the bot offers as a form of submit buttons, each sending its number as `q`
   * to `action` with `fields` as hidden inputs (the conversation): a page without JavaScript can
   * pick one. Without it, the options are a numbered list (a script or the reader makes them usable).
   */
  choicesForm?: { action: string; fields: Record<string, string> } | undefined;
}

/** Renders an answer as an HTML fragment. */
export function renderHtml(answer: Answer, options: HtmlOptions = {}): string {
  return answer.blocks.map((block) => renderBlock(block, options)).join("\n");
}

/** A text run as HTML, with `<abbr>` and the expansion written out at a sigle's first use. */
function inlineHtml(text: Text): string {
  return text
    .map((span) => {
      let html = escapeHtml(span.text);
      if (span.abbr) html = `<abbr title="${escapeHtml(span.abbr)}">${html}</abbr> (${escapeHtml(span.abbr)})`;
      const href = safeHref(span.href);
      if (href) html = `<a href="${escapeHtml(href)}">${html}</a>`;
      if (span.bold) html = `<strong>${html}</strong>`;
      return html;
    })
    .join("");
}

function renderBlock(block: Block, options: HtmlOptions): string {
  switch (block.type) {
    case "title":
      return `<h2>${inlineHtml(block.text)}</h2>`;
    case "paragraph":
      return `<p>${inlineHtml(block.text)}</p>`;
    case "note":
      return `<p class="note note-${block.tone}">${inlineHtml(block.text)}</p>`;
    case "list":
      return `<ul>${block.items.map((item) => `<li>${inlineHtml(item)}</li>`).join("")}</ul>`;
    case "services":
      return `<ol class="services">${block.items.map(renderService).join("\n")}</ol>`;
    case "definitions":
      return `<dl class="sigles">${block.items.map(renderDefinition).join("\n")}</dl>`;
    case "events":
      return `<ul class="agenda">${block.items.map(renderEvent).join("\n")}</ul>`;
    case "choices":
      return renderChoices(block.items.map((choice) => choice.label), options.choicesForm);
  }
}

function renderChoices(labels: readonly string[], form: HtmlOptions["choicesForm"]): string {
  if (!form) return `<ol class="choix">${labels.map((label) => `<li>${escapeHtml(label)}</li>`).join("")}</ol>`;
  const hidden = Object.entries(form.fields)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join("");
  const items = labels.map((label, i) => `<li><button type="submit" class="choix-bouton" name="q" value="${i + 1}">${escapeHtml(label)}</button></li>`).join("");
  return `<form class="choix" method="get" action="${escapeHtml(form.action)}">${hidden}<ol class="choix">${items}</ol></form>`;
}

function renderService(card: ServiceCard): string {
  const badge = card.generaliste ? ` <span class="badge">${escapeHtml(texts.generalisteBadge)}</span>` : "";
  const parts = [`<h3>${inlineHtml(card.nom)}${badge}</h3>`, `<p>${inlineHtml(card.resume)}</p>`];
  if (card.raisons.length > 0) {
    parts.push(`<p class="raisons"><strong>${escapeHtml(texts.whyLabel)} :</strong> ${card.raisons.map(inlineHtml).join(" ; ")}.</p>`);
  }
  if (card.contacts.length > 0) parts.push(`<ul class="contacts">${card.contacts.map((c) => `<li>${contactHtml(c)}</li>`).join("")}</ul>`);
  if (card.orienter) parts.push(`<p class="orienter"><strong>${escapeHtml(texts.referLabel)} :</strong> ${inlineHtml(card.orienter)}</p>`);
  // The web page links the service's page by its path, whatever the public address.
  if (card.page) parts.push(`<p class="fiche"><a href="${escapeHtml(card.page)}">${escapeHtml(texts.pageLabel)}</a>${card.verifiee ? ` (${escapeHtml(card.verifiee)})` : ""}</p>`);
  return `<li class="service${card.generaliste ? " generaliste" : ""}">${parts.join("")}</li>`;
}

function contactHtml(contact: ContactLine): string {
  const href = safeHref(contact.href);
  const value = href ? `<a href="${escapeHtml(href)}">${escapeHtml(contact.value)}</a>` : escapeHtml(contact.value);
  return `${escapeHtml(contact.label)} : ${value}`;
}

function renderDefinition(definition: Definition): string {
  const meanings = definition.meanings
    .map((m) => `<dd><strong>${escapeHtml(m.formeLongue)}</strong> : ${escapeHtml(m.definition)}</dd>`)
    .join("");
  const services = definition.services.length > 0 ? `<dd class="services-lies">${escapeHtml(texts.sigle.servicesHere)} ${escapeHtml(definition.services.join(", "))}</dd>` : "";
  return `<dt>${escapeHtml(definition.sigle)}</dt>${meanings}${services}`;
}

function renderEvent(event: EventCard): string {
  const inscription = event.inscription ? `<br>${contactHtml(event.inscription)}` : "";
  return `<li><strong>${escapeHtml(event.titre)}</strong><br>${escapeHtml(event.quand)} — ${escapeHtml(event.ou)}<br>${escapeHtml(event.public)}${inscription}</li>`;
}
