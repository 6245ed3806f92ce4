// « signaler <service> : <texte> »: a field report, stored scrubbed, acknowledged, and posted to the
// editors' rooms. A private chat's id names its author: only group rooms are kept with the report.
import { findPersonalData, PERSONAL_DATA_LABELS } from "../../../knowledge/privacy/personal-data.ts";
import { findReportedService } from "../../feedback/find-service.ts";
import { text, type Answer, type Block } from "../../../knowledge/answer/model.ts";
import { plainAnswer } from "../build-answers.ts";
import { texts } from "../texts.ts";
import type { RoomHandler } from "./types.ts";

export const signaler: RoomHandler = async (context, typed, env) => {
  const { message, prefix } = context;
  const lookup = findReportedService(env.orienteur, typed);
  if (lookup.kind === "empty") return plainAnswer(texts.feedback.usage(prefix));
  if (lookup.kind === "unknown") {
    const blocks: Block[] = [{ type: "paragraph", text: text(texts.feedback.unknownService(lookup.typed)) }];
    if (lookup.suggestions.length > 0) {
      blocks.push({ type: "paragraph", text: text(texts.feedback.suggestions) });
      blocks.push({ type: "list", items: lookup.suggestions.map((s) => text(texts.feedback.suggestion(s.nom, s.id))) });
    }
    blocks.push({ type: "paragraph", text: text(texts.feedback.retry(prefix, lookup.suggestions[0]?.id ?? "ssiad-nevers")) });
    return { blocks };
  }
  const { service } = lookup;
  if (lookup.texte.trim() === "") return plainAnswer(texts.feedback.missingText(service.nom, service.id, prefix));
  const saved = env.feedback.addSignalement({ platform: message.platform, room: message.isDirect ? null : message.room, serviceId: service.id, texte: lookup.texte });
  env.logger.info({ platform: message.platform, signalement: saved.id, service: service.id }, "field report");
  if (env.notifyEditors) {
    const notice: Answer = {
      blocks: [
        { type: "title", text: text(texts.feedback.editorsTitle(saved.id, service.nom, service.id)) },
        { type: "paragraph", text: text(saved.texte) },
        { type: "paragraph", text: text(texts.feedback.editorsFrom(saved.platform, saved.room)) },
        { type: "note", tone: "info", text: text(texts.feedback.editorsClose(saved.id)) },
      ],
    };
    // The report is stored: a failed post must not make the reporter think it was lost.
    await env.notifyEditors(notice).catch((error: unknown) =>
      env.logger.warn({ signalement: saved.id, err: { name: (error as Error).name, message: (error as Error).message } }, "editors not notified"),
    );
  }
  const removed = findPersonalData(lookup.texte);
  const blocks: Block[] = [{ type: "paragraph", text: text(texts.feedback.thanks(saved.id, service.nom)) }];
  if (removed.length > 0) blocks.push({ type: "note", tone: "info", text: text(texts.feedback.removed(removed.map((kind) => PERSONAL_DATA_LABELS[kind]))) });
  return { blocks };
};
