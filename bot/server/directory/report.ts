// « Signaler une erreur » from a service's page: the same field reports as `signaler` in chat (stored
// scrubbed by the feedback repository, posted to the editors' rooms), with no author kept at all.
import { findPersonalData, PERSONAL_DATA_LABELS } from "../../../knowledge/privacy/personal-data.ts";
import type { Service } from "../../../knowledge/schema/index.ts";
import { text, type Answer } from "../../../knowledge/answer/model.ts";
import type { Logger } from "../../core/logger.ts";
import { texts } from "../../core/texts.ts";
import type { FeedbackRepository } from "../../feedback/repository.ts";
import { notice } from "./layout.ts";
import { directoryTexts } from "./texts.ts";

/** Longest report accepted, as in chat (the repository keeps at most this much). */
const MAX_REPORT_LENGTH = 2000;

export interface ReportDeps {
  feedback: FeedbackRepository;
  notifyEditors?: ((answer: Answer) => Promise<void>) | undefined;
  logger: Logger;
}

/** What the page shows after a report: the message (HTML), the text to show again when refused, and the status. */
export interface ReportOutcome {
  status: number;
  notice: string;
  typed?: string;
}

/** Stores a report typed on the service's page and tells the editors; a refused one keeps the text typed. */
export async function reportFromPage(deps: ReportDeps, service: Service, typed: string): Promise<ReportOutcome> {
  const r = directoryTexts.report;
  if (typed.trim() === "") return { status: 400, notice: notice(r.empty, "erreur"), typed };
  if (typed.length > MAX_REPORT_LENGTH) return { status: 400, notice: notice(r.tooLong(MAX_REPORT_LENGTH), "erreur"), typed: typed.slice(0, MAX_REPORT_LENGTH) };
  // No room, no address, no browser detail: a web page names no one.
  const saved = deps.feedback.addSignalement({ platform: "web", room: null, serviceId: service.id, texte: typed });
  deps.logger.info({ platform: "web", signalement: saved.id, service: service.id }, "field report");
  if (deps.notifyEditors) {
    const message: Answer = {
      blocks: [
        { type: "title", text: text(texts.feedback.editorsTitle(saved.id, service.nom, service.id)) },
        { type: "paragraph", text: text(saved.texte) },
        { type: "paragraph", text: text(r.editorsFrom) },
        { type: "note", tone: "info", text: text(texts.feedback.editorsClose(saved.id)) },
      ],
    };
    // The report is stored: a failed post must not make the reporter think it was lost.
    await deps.notifyEditors(message).catch((error: unknown) =>
      deps.logger.warn({ signalement: saved.id, err: { name: (error as Error).name, message: (error as Error).message } }, "editors not notified"),
    );
  }
  const removed = findPersonalData(typed);
  const thanks = notice(r.thanks(saved.id));
  return { status: 200, notice: removed.length > 0 ? `${thanks}${notice(texts.feedback.removed(removed.map((kind) => PERSONAL_DATA_LABELS[kind])))}` : thanks };
}
