// The web archive's pages: plain, accessible HTML with one linked style sheet (no inline style or
// script, so the server's Content-Security-Policy `default-src 'self'` allows them as they are).
import type { IssueModel } from "../compose/model.ts";
import { sectionBodyHtml } from "../render/html-blocks.ts";
import { escapeContent } from "../render/inline.ts";
import { renderTexts as t } from "../render/texts.ts";

/** The sections of an issue as an HTML fragment (the page's main content, and the feed's entry content). */
export function issueArticleHtml(model: IssueModel): string {
  const notice = model.base.fictif ? `<p class="notice">${escapeContent(t.fictional)}</p>\n` : "";
  return (
    notice +
    model.sections
      .map((section, index) => {
        const id = `section-${index + 1}`;
        return `<section aria-labelledby="${id}" class="${section.kind}">\n<h2 id="${id}">${escapeContent(section.titre)}</h2>\n${sectionBodyHtml(section)}\n</section>`;
      })
      .join("\n")
  );
}

/** The web version of one issue (`<numero>.html`). */
export function issuePageHtml(model: IssueModel): string {
  const title = t.subject(model.numero, model.titre);
  return page({
    title,
    description: model.preheader,
    feedTitle: t.archive.feedTitle(model.base.nom),
    header: `<p><a href="./">${escapeContent(t.archive.back)}</a></p>
<p class="kicker">${escapeContent(t.masthead)} · ${escapeContent(model.base.nom)}</p>
<h1>${escapeContent(model.titre)}</h1>
<p>${escapeContent(t.issueLine(model.numero, model.date))}</p>`,
    main: issueArticleHtml(model),
    footer: footer(model.base.contact),
  });
}

/** The list of issues (`index.html`), newest first. */
export function indexPageHtml(models: readonly IssueModel[], baseName: string, contact?: string): string {
  const list =
    models.length === 0
      ? `<p>${escapeContent(t.archive.empty)}</p>`
      : `<ul class="issues">\n${models
          .map((m) => `<li><a href="${m.numero}.html">${escapeContent(t.archive.issueLink(m.numero, m.date, m.titre))}</a><br><span class="meta">${escapeContent(m.preheader)}</span></li>`)
          .join("\n")}\n</ul>`;
  return page({
    title: t.archive.title(baseName),
    description: t.archive.intro,
    feedTitle: t.archive.feedTitle(baseName),
    header: `<p class="kicker">${escapeContent(t.masthead)}</p>\n<h1>${escapeContent(t.archive.title(baseName))}</h1>\n<p>${escapeContent(t.archive.intro)}</p>`,
    main: list,
    footer: footer(contact),
  });
}

function footer(contact: string | undefined): string {
  const editors = contact ? `<p>${escapeContent(t.footer.editors)} <a href="mailto:${escapeContent(contact)}">${escapeContent(contact)}</a></p>` : "";
  return `<p><a href="feed.atom">${escapeContent(t.archive.feed)}</a></p>${editors}`;
}

function page(parts: { title: string; description: string; feedTitle: string; header: string; main: string; footer: string }): string {
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeContent(parts.title)}</title>
<meta name="description" content="${escapeContent(parts.description)}">
<link rel="stylesheet" href="style.css">
<link rel="alternate" type="application/atom+xml" title="${escapeContent(parts.feedTitle)}" href="feed.atom">
</head>
<body>
<a class="skip" href="#contenu">${escapeContent(t.archive.skip)}</a>
<header>
${parts.header}
</header>
<main id="contenu">
${parts.main}
</main>
<footer>
${parts.footer}
</footer>
</body>
</html>
`;
}

/** The archive's style sheet: readable line length, strong contrast, visible focus. */
export const ARCHIVE_CSS = `:root { color-scheme: light; --ink: #1f2933; --muted: #4b5563; --brand: #1d4e89; --link: #0b57a4; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 44rem; padding: 0 1rem 2rem; font: 1.0625rem/1.55 system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; color: var(--ink); background: #fff; }
a { color: var(--link); }
a:focus-visible { outline: 3px solid var(--brand); outline-offset: 2px; }
.skip { position: absolute; left: -999px; }
.skip:focus { left: 1rem; top: 1rem; background: #fff; padding: .5rem; }
header { border-bottom: 3px solid var(--brand); margin-bottom: 1.5rem; padding-top: 1rem; }
h1 { font-size: 1.8rem; line-height: 1.2; margin: .25rem 0 .5rem; }
h2 { color: var(--brand); font-size: 1.35rem; margin: 2rem 0 .75rem; }
h3 { font-size: 1.1rem; margin: 1.25rem 0 .25rem; }
.kicker, .meta { color: var(--muted); font-size: .95rem; }
.notice { background: #fff4e0; color: #5c3b00; padding: .75rem 1rem; font-weight: bold; }
.badge { background: #e3edf8; color: var(--brand); font-weight: bold; padding: 0 .35rem; }
.contacts { list-style: none; padding-left: 0; }
.item { border-top: 1px solid #d5dae1; }
blockquote { margin: 0 0 1rem; padding-left: 1rem; border-left: 3px solid var(--brand); }
abbr { text-decoration: none; }
.issues { list-style: none; padding-left: 0; }
.issues li { margin-bottom: 1rem; }
footer { border-top: 1px solid #d5dae1; margin-top: 2rem; color: var(--muted); }
`;
