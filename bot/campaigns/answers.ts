// What a service's answer does. « Tout est juste » sets the fiche's `date_maj` to today in its YAML
// file (only the date bytes change: knowledge/edit/mark-verified.ts), records who confirmed and
// when, and commits the file when configured; the running server's hot reload then serves the
// new date. « Proposer une correction » becomes a field report for the editors, with the diff, and
// a notice in their rooms.
import { todayInParis } from "../../knowledge/checks/run.ts";
import { markVerified, MarkVerifiedError } from "../../knowledge/edit/mark-verified.ts";
import type { Orienteur } from "../../knowledge/orienteur.ts";
import { scrubPersonalData } from "../../knowledge/privacy/personal-data.ts";
import type { Service } from "../../knowledge/schema/index.ts";
import type { Answer } from "../../knowledge/answer/model.ts";
import type { Logger } from "../core/logger.ts";
import type { FeedbackRepository } from "../feedback/repository.ts";
import { EDITABLE_FIELDS, fieldValue, normaliseTyped } from "./fields.ts";
import { commitFile } from "./git.ts";
import type { CampaignRepository, CampaignRequest, FieldChange } from "./repository.ts";
import type { CampaignSettings } from "./settings.ts";
import { campaignTexts } from "./texts.ts";
import { checkCampaignToken } from "./token.ts";

export interface AnswerDependencies {
  /** The base folder the running server watches. */
  kbDir: string;
  orienteur: () => Orienteur;
  repository: CampaignRepository;
  feedback: FeedbackRepository;
  secret: string;
  settings: Pick<CampaignSettings, "git">;
  notifyEditors: (answer: Answer) => Promise<void>;
  logger: Logger;
  now?: () => number;
}

type Opened = { ok: true; request: CampaignRequest; service: Service } | { ok: false; status: 403 | 410; message: string };

type Outcome = { ok: true; message: string; day?: string } | { ok: false; status: number; message: string };

/** Longest comment kept, in characters. */
const MAX_COMMENT = 2000;

export interface CampaignAnswers {
  /** The request and service a link opens, or why it cannot (forged: 403, expired or gone: 410). */
  open(token: string): Opened;
  confirm(token: string): Promise<Outcome>;
  /** `typed`: the form's fields by key, and `commentaire`. */
  correct(token: string, typed: (key: string) => string | undefined): Promise<Outcome>;
}

/** The answers side of the campaigns, for the server's routes. */
export function createCampaignAnswers(deps: AnswerDependencies): CampaignAnswers {
  const now = deps.now ?? Date.now;
  // Confirmations edit files one at a time: two services of one list file must not overwrite each other.
  let queue: Promise<unknown> = Promise.resolve();
  const serially = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => {});
    return next;
  };

  const open = (token: string): Opened => {
    const check = checkCampaignToken(deps.secret, token, (id) => deps.repository.request(id)?.serviceId, now());
    if (!check.ok) return check.reason === "forge" ? { ok: false, status: 403, message: campaignTexts.page.forged } : { ok: false, status: 410, message: campaignTexts.page.expired };
    const request = deps.repository.request(check.requestId)!;
    const service = deps.orienteur().service(request.serviceId);
    if (!service) return { ok: false, status: 410, message: campaignTexts.page.serviceGone };
    return { ok: true, request, service };
  };

  return {
    open,
    confirm: (token) =>
      serially(async () => {
        const opened = open(token);
        if (!opened.ok) return opened;
        const day = todayInParis(new Date(now()));
        let edit;
        try {
          edit = await markVerified(deps.kbDir, opened.service.id, { date: day, today: day });
        } catch (error) {
          // A fiche moved or unreadable: the editors must look; the service is told to retry later.
          deps.logger.error({ err: { name: (error as Error).name }, service: opened.service.id, known: error instanceof MarkVerifiedError }, "campaign confirmation not saved");
          return { ok: false, status: 500, message: campaignTexts.page.failed };
        }
        deps.repository.markAnswered(opened.request.id, "confirme", now());
        deps.logger.info({ service: opened.service.id, outcome: edit.changed ? "confirmed" : "already confirmed" }, "campaign answer");
        if (deps.settings.git && edit.changed) {
          await commitFile(deps.kbDir, edit.file, campaignTexts.git.message(opened.service.id, day), campaignTexts.git.body).catch((error: unknown) =>
            deps.logger.error({ err: { name: (error as Error).name, code: (error as { code?: unknown }).code }, service: opened.service.id }, "campaign confirmation not committed"),
          );
        }
        return { ok: true, day, message: edit.changed ? campaignTexts.page.confirmed(day) : campaignTexts.page.alreadyConfirmed(day) };
      }),
    async correct(token, typed) {
      const opened = open(token);
      if (!opened.ok) return opened;
      const { service, request } = opened;
      const changes: FieldChange[] = [];
      for (const field of EDITABLE_FIELDS) {
        const raw = typed(field.key);
        if (raw === undefined) continue;
        const before = fieldValue(service, field.key);
        // A text already longer than the field's limit comes back whole: it is not a change.
        const after = normaliseTyped(raw).slice(0, Math.max(field.max, before.length));
        if (after !== normaliseTyped(before)) changes.push({ field: field.key, before, after });
      }
      // Free text may name people: it is scrubbed like every field report.
      const comment = scrubPersonalData(normaliseTyped(typed("commentaire") ?? "")).slice(0, MAX_COMMENT);
      if (changes.length === 0 && !comment) return { ok: false, status: 400, message: campaignTexts.page.nothingChanged };
      const labelOf = (key: string) => EDITABLE_FIELDS.find((f) => f.key === key)?.label ?? key;
      const lines = changes.map((c) => campaignTexts.editors.change(c, labelOf(c.field)));
      const report = deps.feedback.addSignalement({ platform: "campagne", room: null, serviceId: service.id, texte: campaignTexts.editors.reportText(lines, comment) }, now());
      deps.repository.addCorrection({ requestId: request.id, serviceId: service.id, changes, comment, signalementId: report.id }, now());
      deps.repository.markAnswered(request.id, "corrige", now());
      deps.logger.info({ service: service.id, fields: changes.map((c) => c.field), outcome: "correction" }, "campaign answer");
      // The editors' rooms get the values themselves (services' public contact details), the report a scrubbed copy.
      await deps.notifyEditors({
        blocks: [
          { type: "title", text: [{ text: campaignTexts.editors.correctionTitle(service.nom, service.id) }] },
          ...(lines.length > 0 ? [{ type: "list" as const, items: lines.map((line) => [{ text: line }]) }] : []),
          ...(comment ? [{ type: "paragraph" as const, text: [{ text: campaignTexts.editors.comment(comment) }] }] : []),
          { type: "paragraph", text: [{ text: campaignTexts.editors.how(report.id) }] },
        ],
      });
      return { ok: true, message: campaignTexts.page.corrected(changes.length) };
    },
  };
}
