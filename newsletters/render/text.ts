// The plain-text part: what a text-only mail client, a screen reader in text mode or a spam filter
// reads. Headings underlined, links written out as addresses, lines wrapped near 72 characters.
import type { IssueModel, Item, ListBlock, RichBlock, Section } from "../compose/model.ts";
import { cleanText, contactText, richText } from "./inline.ts";
import { renderTexts as t } from "./texts.ts";

export interface TextOptions {
  webUrl: string;
  archiveUrl?: string | undefined;
  greeting: boolean;
  /** Longest line, URLs excepted (they are never cut). */
  width: number;
}

/** Builds the plain-text part of an issue. */
export function issueToText(model: IssueModel, options: TextOptions): string {
  const w = options.width;
  const out: string[] = [];
  out.push(wrap(`${t.masthead} · ${model.base.nom}`, w));
  out.push(underline(cleanText(model.titre), "="));
  out.push(t.issueLine(model.numero, model.date));
  out.push(t.viewOnlineText(options.webUrl));
  if (model.base.fictif) out.push(wrap(`/!\\ ${t.fictional}`, w));
  if (model.edition?.territoire) out.push(wrap(cleanText(t.editionLine(model.edition.territoire.nom)), w));
  if (model.edition && model.edition.themes.length > 0) out.push(wrap(cleanText(t.themesLine(model.edition.themes)), w));
  if (options.greeting) out.push(t.greeting);
  for (const section of model.sections) out.push(sectionText(section, w));
  const footer = [
    "-- ",
    wrap(cleanText(t.footer.why(model.base.nom)), w),
    model.base.contact ? wrap(cleanText(`${t.footer.editors} ${model.base.contact}`), w) : "",
    `${t.footer.unsubscribe} : {{lien_desinscription}}`,
    `${t.footer.preferences} : {{lien_preferences}}`,
    options.archiveUrl ? `${t.footer.archive} : ${options.archiveUrl}` : "",
  ].filter(Boolean);
  out.push(footer.join("\n"));
  return `${out.join("\n\n")}\n`;
}

function sectionText(section: Section, width: number): string {
  const parts = [underline(cleanText(section.titre).toUpperCase(), "-")];
  for (const block of section.blocks) parts.push(blockText(block, width));
  if (section.lien) parts.push(wrap(`${cleanText(section.lien.texte)} : ${section.lien.href}`, width));
  for (const item of section.items) parts.push(itemText(item, width));
  return parts.join("\n\n");
}

function blockText(block: RichBlock, width: number): string {
  switch (block.type) {
    case "paragraph":
      return richText(block.text).split("\n").map((line) => wrap(line, width)).join("\n");
    case "heading":
      return underline(richText(block.text), "~");
    case "list":
      return listText(block, width, "");
    case "quote":
      return block.paragraphs.map((p) => wrap(richText(p), width - 2, "> ", "> ")).join("\n>\n");
    case "code":
      return cleanText(block.text).split("\n").map((line) => `    ${line}`).join("\n");
  }
}

/** A list, its sub-lists indented under their item (« – » for sub-bullets, as people type them). */
function listText(list: ListBlock, width: number, indent: string): string {
  const bullet = indent ? "– " : "• ";
  return list.items
    .map((item, i) => {
      const marker = list.ordered ? `${i + 1}. ` : bullet;
      const line = wrap(richText(item), width, indent + marker, indent + " ".repeat(marker.length));
      const sublist = list.sublists?.[i];
      return sublist ? `${line}\n${listText(sublist, width, `${indent}  `)}` : line;
    })
    .join("\n");
}

function itemText(item: Item, width: number): string {
  const lines: string[] = [];
  const detail = (text: string) => lines.push(wrap(text, width, "  ", "  "));
  switch (item.type) {
    case "service": {
      lines.push(wrap(richText(item.nom), width, "• ", "  "));
      const dated = item.statut === "nouveau" && item.dateCreation ? t.addedOn(item.dateCreation) : t.checkedOn(item.dateMaj);
      detail(cleanText([`[${t.status[item.statut]}]`, item.structure, item.commune, dated].filter(Boolean).join(" · ")));
      detail(richText(item.resume));
      if (item.orienter) detail(`${t.refer} : ${richText(item.orienter)}`);
      break;
    }
    case "pratique":
      lines.push(wrap(richText(item.titre), width, "• ", "  "));
      detail(cleanText(`${item.selection ? `[${t.status.selection}] · ` : ""}${t.publishedOn(item.date)}`));
      detail(richText(item.resume));
      detail(cleanText(`${t.partners} : ${item.partenaires.join(" ; ")}`));
      break;
    case "evenement":
      lines.push(wrap(richText(item.titre), width, "• ", "  "));
      detail(cleanText(`${t.when} : ${item.quand}`));
      detail(cleanText(`${t.where} : ${item.ou}`));
      detail(`${t.forWhom} : ${richText(item.public)}`);
      detail(richText(item.description));
      break;
  }
  for (const contact of item.contacts) detail(contactText(contact));
  return lines.join("\n");
}

function underline(title: string, mark: string): string {
  return `${title}\n${mark.repeat(Math.max(3, [...title].length))}`;
}

/**
 * Wraps a paragraph at `width` characters, on spaces only: a long URL stays whole on its own line.
 * @example
 * wrap("un deux trois", 8, "• ", "  ") // "• un deux\n  trois"
 */
export function wrap(text: string, width: number, first = "", rest = first): string {
  const words = glueFrenchPunctuation(text.split(/[ \t]+/).filter(Boolean));
  const lines: string[] = [];
  let line = first;
  let empty = true;
  for (const word of words) {
    const candidate = empty ? `${line}${word}` : `${line} ${word}`;
    if (!empty && [...candidate].length > width) {
      lines.push(line);
      line = `${rest}${word}`;
    } else line = candidate;
    empty = false;
  }
  lines.push(line);
  return lines.join("\n").replace(/ +$/gm, "");
}

/** French puts a space before « : ; ! ? » and inside « guillemets »: a line must not start with them. */
function glueFrenchPunctuation(words: string[]): string[] {
  const glued: string[] = [];
  for (const word of words) {
    const last = glued.length - 1;
    if (last >= 0 && (/^[:;!?»]$/.test(word) || glued[last] === "«" || glued[last]!.endsWith(" «"))) glued[last] += ` ${word}`;
    else glued.push(word);
  }
  return glued;
}
