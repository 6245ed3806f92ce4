// The HTML of an issue's sections and items, shared by the e-mail (inside MJML) and the web archive
// page. Plain semantic tags with classes: the e-mail inlines its styles, the archive links a sheet.
import type { EventItem, Item, PratiqueItem, RichBlock, Section, ServiceItem } from "../compose/model.ts";
import { contactHtml, escapeContent, hrefAttribute, richHtml } from "./inline.ts";
import { renderTexts as t } from "./texts.ts";

/** The inside of a section: its heading level is the caller's (h2 in both renderers). */
export function sectionBodyHtml(section: Section): string {
  const parts = section.blocks.map(blockHtml);
  const href = hrefAttribute(section.lien?.href);
  if (section.lien && href) parts.push(`<p><a href="${href}">${escapeContent(section.lien.texte)}</a></p>`);
  parts.push(...section.items.map(itemHtml));
  return parts.join("\n");
}

function blockHtml(block: RichBlock): string {
  switch (block.type) {
    case "paragraph":
      return `<p>${richHtml(block.text)}</p>`;
    case "heading":
      return `<h3>${richHtml(block.text)}</h3>`;
    case "list": {
      const tag = block.ordered ? "ol" : "ul";
      const sublist = (i: number) => block.sublists?.[i];
      return `<${tag}>${block.items.map((item, i) => `<li>${richHtml(item)}${sublist(i) ? blockHtml(sublist(i)!) : ""}</li>`).join("")}</${tag}>`;
    }
    case "quote":
      return `<blockquote>${block.paragraphs.map((p) => `<p>${richHtml(p)}</p>`).join("")}</blockquote>`;
    case "code":
      return `<pre><code>${escapeContent(block.text)}</code></pre>`;
  }
}

function itemHtml(item: Item): string {
  switch (item.type) {
    case "service":
      return serviceHtml(item);
    case "pratique":
      return pratiqueHtml(item);
    case "evenement":
      return eventHtml(item);
  }
}

function serviceHtml(item: ServiceItem): string {
  const dated = item.statut === "nouveau" && item.dateCreation ? t.addedOn(item.dateCreation) : t.checkedOn(item.dateMaj);
  const meta = [item.structure, item.commune, dated].filter(Boolean).map((v) => escapeContent(v!)).join(" · ");
  const parts = [
    `<h3>${richHtml(item.nom)}</h3>`,
    `<p class="meta"><span class="badge">${escapeContent(t.status[item.statut])}</span> ${meta}</p>`,
    `<p>${richHtml(item.resume)}</p>`,
  ];
  if (item.orienter) parts.push(`<p><strong>${escapeContent(t.refer)} :</strong> ${richHtml(item.orienter)}</p>`);
  parts.push(contactsHtml(item.contacts));
  return `<div class="item service">${parts.join("")}</div>`;
}

function pratiqueHtml(item: PratiqueItem): string {
  const parts = [
    `<h3>${richHtml(item.titre)}</h3>`,
    `<p class="meta">${item.selection ? `<span class="badge">${escapeContent(t.status.selection)}</span> ` : ""}${escapeContent(t.publishedOn(item.date))}</p>`,
    `<p>${richHtml(item.resume)}</p>`,
    `<p class="meta"><strong>${escapeContent(t.partners)} :</strong> ${escapeContent(item.partenaires.join(" ; "))}</p>`,
    contactsHtml(item.contacts),
  ];
  return `<div class="item pratique">${parts.join("")}</div>`;
}

function eventHtml(item: EventItem): string {
  const parts = [
    `<h3>${richHtml(item.titre)}</h3>`,
    `<p class="meta"><strong>${escapeContent(t.when)} :</strong> ${escapeContent(item.quand)}<br><strong>${escapeContent(t.where)} :</strong> ${escapeContent(item.ou)}<br><strong>${escapeContent(t.forWhom)} :</strong> ${richHtml(item.public)}</p>`,
    `<p>${richHtml(item.description)}</p>`,
    contactsHtml(item.contacts),
  ];
  return `<div class="item evenement">${parts.join("")}</div>`;
}

function contactsHtml(contacts: Item["contacts"]): string {
  if (contacts.length === 0) return "";
  return `<ul class="contacts">${contacts.map((c) => `<li>${contactHtml(c)}</li>`).join("")}</ul>`;
}
