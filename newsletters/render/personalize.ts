// Per-recipient values filled into a rendered edition: a string substitution, never a new MJML
// render. One pass with a replacer function: a value is never re-read as a placeholder, and
// « $' » or « $& » in a value stays text (a replacement string would expand them).
import { oneLine, withoutAnyControl } from "../../knowledge/text/control.ts";
import { escapeHtml, safeHref } from "../../knowledge/text/html.ts";
import type { RenderedIssue } from "./render-issue.ts";

const PLACEHOLDERS = ["prenom", "lien_desinscription", "lien_preferences"] as const;
type Placeholder = (typeof PLACEHOLDERS)[number];

export interface RecipientValues {
  /** First name for « Bonjour Camille, »; empty or absent gives « Bonjour, ». */
  prenom?: string | undefined;
  /** https: address of this recipient's one-click unsubscribe page. */
  lien_desinscription: string;
  /** https: address of this recipient's preferences (territory, themes). */
  lien_preferences: string;
}

const PATTERN = /( ?)\{\{(prenom|lien_desinscription|lien_preferences)\}\}/g;

/**
 * Fills one recipient's values into a rendered edition: HTML-escaped in the HTML part, as they are
 * in the text part. The rendered edition is not changed, so it serves every recipient. Works on
 * any `{ html, text }` (a {@link RenderedIssue} keeps its subject and preheader).
 * @example
 * const mail = personalize(rendered, { prenom: "Camille", lien_desinscription: "https://…/d/abc", lien_preferences: "https://…/p/abc" });
 */
export function personalize<T extends { html: string; text: string }>(rendered: T, values: RecipientValues | Readonly<Record<string, string | undefined>>): T {
  const link = (name: "lien_desinscription" | "lien_preferences") => {
    const value = values[name];
    if (typeof value !== "string" || !safeHref(value) || !/^https?:/i.test(value)) {
      throw new Error(`personalize: ${name} must be an http(s) address, got ${JSON.stringify(value)}`);
    }
    return withoutAnyControl(value);
  };
  const clean: Record<Placeholder, string> = {
    prenom: oneLine(values.prenom ?? ""),
    lien_desinscription: link("lien_desinscription"),
    lien_preferences: link("lien_preferences"),
  };
  const fill = (escape: (value: string) => string) => (_match: string, space: string, name: Placeholder) => {
    const value = clean[name];
    // « Bonjour {{prenom}}, » with no first name reads « Bonjour, », not « Bonjour , ».
    if (value === "") return "";
    return `${space}${escape(value)}`;
  };
  return {
    ...rendered,
    html: rendered.html.replace(PATTERN, fill((v) => escapeHtml(v).replace(/\{/g, "&#123;"))),
    text: rendered.text.replace(PATTERN, fill((v) => v)),
  };
}
