// What the running server does every minute for scheduled issues: an approved issue whose time
// has come is sent, once (the delivery rows and the lease see to that), and the editors hear when
// it starts, when it reached everyone, and when it needs them (paused, file changed). Retries of
// greylisted recipients are picked up by later ticks, over hours, with no one relaunching.
import { readFileSync } from "node:fs";
import type { Answer } from "../../knowledge/answer/model.ts";
import type { Orienteur } from "../../knowledge/orienteur.ts";
import type { SubscriberRepository } from "../subscribers/repository.ts";
import { fingerprintOf, type Approval, type ApprovalRepository } from "./approvals.ts";
import type { DeliveryRepository } from "./deliveries.ts";
import type { MessageSettings } from "./message.ts";
import { prepareIssue, sendIssue, type SendIssueReport } from "./send-issue.ts";
import type { Mailer, SendOptions } from "./send-loop.ts";
import { sendTexts } from "./texts.ts";

export interface ScheduledSendDependencies {
  orienteur: () => Orienteur;
  approvals: ApprovalRepository;
  subscribers: SubscriberRepository;
  deliveries: DeliveryRepository;
  /** A mailer for one tick's sends; undefined when SMTP_URL is not set. */
  createMailer: () => Mailer | undefined;
  message: MessageSettings;
  archiveDir: string;
  notifyEditors: (answer: Answer) => Promise<void>;
  send?: Partial<SendOptions>;
  now?: () => number;
}

const say = (...paragraphs: string[]): Answer => ({ blocks: paragraphs.map((text, i) => (i === 0 ? { type: "title" as const, text: [{ text }] } : { type: "paragraph" as const, text: [{ text }] })) });

/** Sends (or resumes) every approved issue whose time has come; resolves to the reports of this tick. */
export async function runDueSends(deps: ScheduledSendDependencies): Promise<SendIssueReport[]> {
  const now = deps.now ?? Date.now;
  const reports: SendIssueReport[] = [];
  for (const approval of deps.approvals.due(now())) {
    if (deps.send?.stopRequested?.()) break;
    const report = await runOne(approval, deps, now);
    if (report) reports.push(report);
  }
  return reports;
}

async function runOne(approval: Approval, deps: ScheduledSendDependencies, now: () => number): Promise<SendIssueReport | undefined> {
  const t = sendTexts.scheduled;
  let content: string;
  try {
    content = readFileSync(approval.path, "utf8");
  } catch {
    deps.approvals.close(approval.issue, "fichier introuvable", now());
    await deps.notifyEditors(say(t.missingTitle(approval.issue), t.missing(approval.path)));
    return undefined;
  }
  if (fingerprintOf(content) !== approval.fingerprint && approval.startedAt === null) {
    deps.approvals.close(approval.issue, "modifiée après approbation", now());
    await deps.notifyEditors(say(t.changedTitle(approval.issue), t.changed(approval.path)));
    return undefined;
  }
  // A started send waiting only for retries due later: nothing to do this minute (no rendering).
  if (approval.startedAt !== null && deps.deliveries.state(approval.issue)?.state === "en_cours") {
    const counts = deps.deliveries.counts(approval.issue);
    const next = deps.deliveries.nextRetryAt(approval.issue);
    if (counts.a_envoyer + counts.en_cours === 0 && next !== undefined && next > now()) return undefined;
  }
  const mailer = deps.createMailer();
  if (!mailer) {
    deps.approvals.close(approval.issue, "SMTP_URL manquant", now());
    await deps.notifyEditors(say(t.noSmtpTitle(approval.issue), t.noSmtp));
    return undefined;
  }
  try {
    const model = await prepareIssue(approval.path, deps.orienteur(), { archiveDir: deps.archiveDir, message: deps.message });
    if (deps.approvals.markStarted(approval.issue, now())) await deps.notifyEditors(say(t.startedTitle(model.numero, model.titre)));
    // Within a tick, no waiting for retries: the next ticks pick them up when they are due.
    const report = await sendIssue(model, deps.orienteur(), deps.subscribers, deps.deliveries, mailer, {
      message: deps.message,
      archiveDir: deps.archiveDir,
      now: new Date(now()),
      send: { maxWaitMs: 0, now, ...deps.send },
    });
    if (report.busy) return report;
    if (report.paused) {
      deps.approvals.close(approval.issue, "en pause", now());
      await deps.notifyEditors(say(t.pausedTitle(model.numero), report.paused, t.resume(approval.path)));
    } else if (report.published || report.alreadyDone || report.waiting === 0) {
      deps.approvals.close(approval.issue, "envoyée", now());
      await deps.notifyEditors(say(t.doneTitle(model.numero, model.titre), t.done(report.audience, report.permanentFailures, report.cancelled)));
    }
    return report;
  } catch (error) {
    deps.approvals.close(approval.issue, "erreur", now());
    await deps.notifyEditors(say(t.failedTitle(approval.issue), (error as Error).message, t.resume(approval.path)));
    return undefined;
  } finally {
    mailer.close();
  }
}
