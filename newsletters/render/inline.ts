// Text runs and contact lines as HTML and as plain text: the only place the newsletter escapes.
// Braces from the base or the editor are neutralised too, so nothing they write can become a
// `{{placeholder}}` that personalisation would fill in.
import { stripControls } from "../../knowledge/text/control.ts";
import { escapeHtml, safeHref } from "../../knowledge/text/html.ts";
import type { ContactLine, RichText } from "../compose/model.ts";

/** U+2060 WORD JOINER: invisible, and breaks « {{ » apart in the text part. */
const JOINER = "\u2060";

/** Escapes text for HTML content and attributes, braces included. */
export function escapeContent(value: string): string {
  // Control characters and bidirectional overrides could hide or reorder text.
  return escapeHtml(stripControls(value)).replace(/\{/g, "&#123;");
}

/** Cleans text for the plain-text part: no control characters, no « {{ » left whole. */
export function cleanText(value: string): string {
  return stripControls(value).replace(/\{/g, `{${JOINER}`);
}

/** A link target as an escaped attribute value, or undefined when it is not http(s), mailto or tel. */
export function hrefAttribute(href: string | undefined): string | undefined {
  const safe = safeHref(href);
  return safe === undefined ? undefined : escapeContent(safe);
}

/** A text run as HTML: sigles written out at first use, links kept only when safe. */
export function richHtml(text: RichText): string {
  return text
    .map((span) => {
      let html = escapeContent(span.text).replace(/\n/g, "<br>");
      if (span.code) html = `<code>${html}</code>`;
      if (span.abbr) html = `<abbr title="${escapeContent(span.abbr)}">${html}</abbr> (${escapeContent(span.abbr)})`;
      if (span.italic) html = `<em>${html}</em>`;
      if (span.bold) html = `<strong>${html}</strong>`;
      const href = hrefAttribute(span.href);
      if (href) html = `<a href="${href}">${html}</a>`;
      return html;
    })
    .join("");
}

/** A text run as plain text; a link is followed by its address unless the text already is it. */
export function richText(text: RichText): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const span = text[i]!;
    out += span.abbr ? `${span.text} (${span.abbr})` : span.code ? `« ${span.text} »` : span.text;
    const href = safeHref(span.href);
    // A link split in several runs (bold inside a link) gets its address once, after the last run.
    if (href && text[i + 1]?.href !== span.href) {
      const target = href.replace(/^(?:mailto|tel):/i, "");
      if (!out.endsWith(target)) out += ` <${target}>`;
    }
  }
  return cleanText(out);
}

/** « Téléphone : <a href="tel:…">01 99 00 12 34</a> » */
export function contactHtml(contact: ContactLine): string {
  const href = hrefAttribute(contact.href);
  const value = href ? `<a href="${href}">${escapeContent(contact.value)}</a>` : escapeContent(contact.value);
  return `${escapeContent(contact.label)} : ${value}`;
}

/** « Téléphone : 01 99 00 12 34 » */
export function contactText(contact: ContactLine): string {
  return cleanText(`${contact.label} : ${contact.value}`);
}
