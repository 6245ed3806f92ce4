// The issue model as an MJML document. Every string from the model goes through the escaping of
// inline.ts; the only `{{…}}` in the result are the personalisation placeholders written here.
import type { IssueModel } from "../compose/model.ts";
import { sectionBodyHtml } from "./html-blocks.ts";
import { escapeContent, hrefAttribute } from "./inline.ts";
import { renderTexts as t } from "./texts.ts";

/** Colours chosen for contrast (WCAG AA at least, most AAA) on their background. */
const COLORS = {
  page: "#f2f4f7",
  paper: "#ffffff",
  ink: "#1f2933",
  muted: "#4b5563",
  brand: "#1d4e89",
  link: "#0b57a4",
  badge: "#e3edf8",
  notice: "#fff4e0",
  noticeInk: "#5c3b00",
  footer: "#e6e9ee",
  footerInk: "#333d4b",
} as const;

const STYLE = `
  a { color: ${COLORS.link}; text-decoration: underline; }
  p { margin: 0 0 12px 0; }
  h2 { font-size: 21px; line-height: 1.3; margin: 0 0 12px 0; color: ${COLORS.brand}; }
  h3 { font-size: 17px; line-height: 1.35; margin: 20px 0 6px 0; color: ${COLORS.ink}; }
  ul, ol { margin: 0 0 12px 0; padding-left: 22px; }
  li { margin: 0 0 4px 0; }
  blockquote { margin: 0 0 12px 0; padding: 0 0 0 12px; border-left: 3px solid ${COLORS.brand}; }
  code { font-family: Consolas, Menlo, monospace; font-size: 15px; background-color: ${COLORS.page}; }
  pre { white-space: pre-wrap; margin: 0 0 12px 0; }
  abbr { text-decoration: none; }
  .meta { color: ${COLORS.muted}; font-size: 14px; margin-bottom: 8px; }
  .badge { background-color: ${COLORS.badge}; color: ${COLORS.brand}; font-weight: bold; padding: 1px 6px; }
  .contacts { list-style: none; padding-left: 0; font-size: 15px; }
  .item { border-top: 1px solid #d5dae1; padding-top: 4px; }
`;

const RESPONSIVE = `
  @media only screen and (max-width: 480px) {
    .masthead h1 { font-size: 23px !important; }
  }
`;

export interface MjmlOptions {
  webUrl: string;
  archiveUrl?: string | undefined;
  greeting: boolean;
  subject: string;
}

/** Builds the MJML source of an issue. */
export function issueToMjml(model: IssueModel, options: MjmlOptions): string {
  const webUrl = hrefAttribute(options.webUrl) ?? "#";
  const sections = model.sections.map(
    (section) => `
    <mj-section padding="16px 0 8px 0">
      <mj-column>
        <mj-text>
          <h2>${escapeContent(section.titre)}</h2>
          ${sectionBodyHtml(section)}
        </mj-text>
      </mj-column>
    </mj-section>`,
  );
  const edition = model.edition;
  const editionLines = [
    edition?.territoire ? `<p>${escapeContent(t.editionLine(edition.territoire.nom))}</p>` : "",
    edition && edition.themes.length > 0 ? `<p>${escapeContent(t.themesLine(edition.themes))}</p>` : "",
  ].join("");
  const archive = hrefAttribute(options.archiveUrl);
  const contact = model.base.contact ? hrefAttribute(`mailto:${model.base.contact}`) : undefined;

  return `<mjml lang="fr" dir="ltr">
  <mj-head>
    <mj-title>${escapeContent(options.subject)}</mj-title>
    <mj-preview>${escapeContent(model.preheader)}</mj-preview>
    <mj-breakpoint width="480px" />
    <mj-attributes>
      <mj-all font-family="Helvetica, Arial, sans-serif" />
      <mj-text font-size="16px" line-height="1.5" color="${COLORS.ink}" padding="0 24px" />
      <mj-section background-color="${COLORS.paper}" />
    </mj-attributes>
    <mj-style inline="inline">${STYLE}</mj-style>
    <mj-style>${RESPONSIVE}</mj-style>
  </mj-head>
  <mj-body background-color="${COLORS.page}" width="600px">
    <mj-section background-color="${COLORS.page}" padding="12px 0 6px 0">
      <mj-column>
        <mj-text align="right" font-size="13px" color="${COLORS.muted}"><a href="${webUrl}">${escapeContent(t.viewOnline)}</a></mj-text>
      </mj-column>
    </mj-section>
    <mj-section background-color="${COLORS.brand}" padding="24px 0 16px 0" css-class="masthead">
      <mj-column>
        <mj-text color="#ffffff">
          <p style="margin: 0 0 6px 0; font-size: 14px; color: #ffffff;">${escapeContent(t.masthead)} · ${escapeContent(model.base.nom)}</p>
          <h1 style="margin: 0 0 8px 0; font-size: 27px; line-height: 1.25; color: #ffffff;">${escapeContent(model.titre)}</h1>
          <p style="margin: 0; font-size: 15px; color: #ffffff;">${escapeContent(t.issueLine(model.numero, model.date))}</p>
        </mj-text>
      </mj-column>
    </mj-section>${
      model.base.fictif
        ? `
    <mj-section background-color="${COLORS.notice}" padding="12px 0 0 0">
      <mj-column>
        <mj-text color="${COLORS.noticeInk}" font-size="14px"><p><strong>${escapeContent(t.fictional)}</strong></p></mj-text>
      </mj-column>
    </mj-section>`
        : ""
    }${
      options.greeting || editionLines
        ? `
    <mj-section padding="20px 0 0 0">
      <mj-column>
        <mj-text>${options.greeting ? `<p>${t.greeting}</p>` : ""}${editionLines}</mj-text>
      </mj-column>
    </mj-section>`
        : ""
    }${sections.join("")}
    <mj-section padding="8px 0 16px 0">
      <mj-column>
        <mj-divider border-width="1px" border-color="#d5dae1" padding="0 24px" />
      </mj-column>
    </mj-section>
    <mj-section background-color="${COLORS.footer}" padding="20px 0 12px 0">
      <mj-column>
        <mj-text font-size="14px" color="${COLORS.footerInk}">
          <p>${escapeContent(t.footer.why(model.base.nom))}</p>
          ${contact ? `<p>${escapeContent(t.footer.editors)} <a href="${contact}">${escapeContent(model.base.contact!)}</a></p>` : ""}
          <p><a href="{{lien_desinscription}}">${escapeContent(t.footer.unsubscribe)}</a> · <a href="{{lien_preferences}}">${escapeContent(t.footer.preferences)}</a>${archive ? ` · <a href="${archive}">${escapeContent(t.footer.archive)}</a>` : ""}</p>
        </mj-text>
      </mj-column>
    </mj-section>
  </mj-body>
</mjml>`;
}
