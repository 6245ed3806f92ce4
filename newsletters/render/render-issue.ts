// Render: issue model → subject, preheader, responsive HTML (MJML, strict validation) and plain text.
// Rendered once per edition; per-recipient values are filled in afterwards by `personalize`.
import { oneLine } from "../../knowledge/text/control.ts";
import mjml2html from "mjml";
import type { IssueModel } from "../compose/model.ts";
import { issueToMjml } from "./mjml.ts";
import { issueToText } from "./text.ts";
import { renderTexts as t } from "./texts.ts";

export interface RenderOptions {
  /** Address of the web version (« Voir en ligne »), e.g. `https://orienteur.example.org/lettres/2.html`. */
  webUrl: string;
  /** Address of the list of issues, linked in the footer. */
  archiveUrl?: string | undefined;
  /** Start with « Bonjour {{prenom}}, ». */
  greeting: boolean;
  /** Longest line of the text part. */
  textWidth: number;
}

const defaultRenderOptions: Omit<RenderOptions, "webUrl"> = { greeting: true, textWidth: 72 };

/** One rendered edition, with `{{prenom}}`, `{{lien_desinscription}}` and `{{lien_preferences}}` left in. */
export interface RenderedIssue {
  subject: string;
  preheader: string;
  html: string;
  text: string;
}

/** Raised when the generated MJML does not validate: a bug in the renderer, never the editor's fault. */
class RenderError extends Error {
  override name = "RenderError";
}

/**
 * Renders an issue (or an edition of it). About 10–30 ms: call it once per edition, then
 * {@link personalize} per recipient.
 * @example
 * const rendered = await renderIssue(model, { webUrl: "http://localhost:8080/lettres/2.html" });
 */
export async function renderIssue(model: IssueModel, options: Partial<RenderOptions> & Pick<RenderOptions, "webUrl">): Promise<RenderedIssue> {
  const settings: RenderOptions = { ...defaultRenderOptions, ...options };
  const subject = oneLine(t.subject(model.numero, model.titre));
  const mjml = issueToMjml(model, { webUrl: settings.webUrl, archiveUrl: settings.archiveUrl, greeting: settings.greeting, subject });
  let html: string;
  try {
    // MJML 5 is asynchronous; fonts: {} keeps it from linking Google Fonts (privacy, and nothing to load).
    html = (await mjml2html(mjml, { validationLevel: "strict", fonts: {}, keepComments: false })).html;
  } catch (error) {
    throw new RenderError(`MJML rejected the generated newsletter: ${(error as Error).message}`, { cause: error });
  }
  const text = issueToText(model, { webUrl: settings.webUrl, archiveUrl: settings.archiveUrl, greeting: settings.greeting, width: settings.textWidth });
  return { subject, preheader: oneLine(model.preheader), html, text };
}

