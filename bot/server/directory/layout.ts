// The frame of every directory page: skip link, header, navigation, main, footer; the page's own
// title as its only <h1>. Server-rendered, no script: the pages work without JavaScript. The body
// class « annuaire » keeps the main page's sticky question form style out of these pages' forms.
import { escapeHtml } from "../../../knowledge/text/html.ts";
import { directoryTexts } from "./texts.ts";

/** A message above a page's content (the newsletter pages' own); errors are announced to screen readers at once. */
export { message as notice } from "../pages.ts";

export interface PageParts {
  title: string;
  /** Already HTML. */
  body: string;
  /** The base's name, shown in the header. */
  baseName: string;
  /** schema.org data for search engines, serialised safely into the head. */
  jsonLd?: unknown;
  /** Which navigation entry is the current page. */
  current?: "besoins" | "lieux" | "agenda" | "pratiques" | "couverture";
  /** Extra <link> elements for the head (an agenda feed), already HTML. */
  head?: string;
}

const NAV: [NonNullable<PageParts["current"]> | "ask", string, string][] = [
  ["ask", "/", directoryTexts.nav.ask],
  ["besoins", "/besoins", directoryTexts.nav.needs],
  ["lieux", "/lieux", directoryTexts.nav.places],
  ["agenda", "/agenda", directoryTexts.nav.agenda],
  ["pratiques", "/pratiques", directoryTexts.nav.practices],
  ["couverture", "/couverture", directoryTexts.nav.coverage],
];

/**
 * JSON for a <script type="application/ld+json"> block: « < » is written \u003c so that no text of
 * the base (« </script> ») can close the block.
 */
function jsonLdScript(data: unknown): string {
  return `<script type="application/ld+json">${JSON.stringify(data).replace(/</g, "\\u003c")}</script>`;
}

/** A complete directory page. */
export function directoryPage(parts: PageParts): string {
  const nav = NAV.map(([key, href, label]) => `<li><a href="${href}"${key === parts.current ? ' aria-current="page"' : ""}>${escapeHtml(label)}</a></li>`).join("");
  return `<!doctype html>
<html lang="fr">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${escapeHtml(parts.title)} — ${escapeHtml(parts.baseName)}</title>
  <link rel="stylesheet" href="/style.css">
  ${parts.head ?? ""}
  ${parts.jsonLd === undefined ? "" : jsonLdScript(parts.jsonLd)}
</head>
<body class="annuaire">
  <a class="evitement" href="#contenu">${escapeHtml(directoryTexts.nav.skip)}</a>
  <header><p class="marque"><a href="/">Orienteur</a></p><p class="sous-titre">${escapeHtml(parts.baseName)}</p></header>
  <nav aria-label="${escapeHtml(directoryTexts.nav.label)}"><ul>${nav}</ul></nav>
  <main id="contenu" tabindex="-1">
<h1>${escapeHtml(parts.title)}</h1>
${parts.body}
  </main>
</body>
</html>`;
}

/** `<a href>` to a directory path, the text escaped. */
export function link(href: string, label: string): string {
  return `<a href="${escapeHtml(href)}">${escapeHtml(label)}</a>`;
}
