// Sending a campaign: one request per due service, then one e-mail each, spaced out (services'
// mail servers are small and a burst looks like spam). Idempotent: a service with a request still
// waiting is not asked twice, and a run cut short is finished by the next one. A permanent SMTP
// refusal (5xx) marks the address as refused; a temporary one leaves the request to the next run.
import type { Orienteur } from "../../knowledge/orienteur.ts";
import type { Mailer, OutgoingMessage } from "../../newsletters/send/send-loop.ts";
import type { Service } from "../../knowledge/schema/index.ts";
import { escapeHtml } from "../../knowledge/text/html.ts";
import type { CampaignRepository, CampaignRequest } from "./repository.ts";
import { frequencyMonths, selectServices, type CampaignFilter, type Selection } from "./select.ts";
import { monthsBetween } from "../../knowledge/checks/stale.ts";
import type { CampaignSettings } from "./settings.ts";
import { campaignTexts, type MailFacts } from "./texts.ts";
import { signCampaignToken } from "./token.ts";

/** The newsletter's message and mailer shapes: its SMTP and file mailers send campaign e-mails too. */
type CampaignMessage = OutgoingMessage;
export type CampaignMailer = Pick<Mailer, "send">;

export interface CampaignContext {
  orienteur: Orienteur;
  repository: CampaignRepository;
  mailer: CampaignMailer;
  secret: string;
  /** The server's public address, for the links (ORIENTEUR_PUBLIC_URL). */
  publicUrl: string;
  /** Domain of the Message-ID. */
  domain: string;
  settings: CampaignSettings;
  now?: () => number;
  /** Waits between two e-mails; tests pass a no-op with an interval of 0. */
  sleep?: (ms: number) => Promise<void>;
}

export interface SendOutcome {
  request: CampaignRequest;
  service: Service | undefined;
  /** « 550 Boîte inconnue » when refused. */
  failure?: string;
  permanent?: boolean;
}

export interface LaunchReport {
  selection: Selection;
  /** Due services that already have a request waiting: not asked again. */
  alreadyAsked: Service[];
  /** Due services whose address was refused for good before: to correct in the base first. */
  refusedBefore: { service: Service; email: string }[];
  /** What was (or, in a dry run, would be) sent. */
  outcomes: SendOutcome[];
  dryRun: boolean;
}

const DAY_MS = 24 * 60 * 60 * 1000;

const PARIS_DAY = new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Paris" });

/** The day in `AAAA-MM-JJ` for `ms`, in Paris. */
function parisDay(ms: number): string {
  return PARIS_DAY.format(ms);
}

/**
 * Launches a campaign for the services of `filter`; with `dryRun`, only says what would be sent.
 * @example await launchCampaign(context, { besoin: "portage-repas" }, { dryRun: false })
 */
export async function launchCampaign(context: CampaignContext, filter: CampaignFilter, options: { dryRun: boolean }): Promise<LaunchReport> {
  const now = (context.now ?? Date.now)();
  const selection = selectServices(context.orienteur, filter, parisDay(now), context.repository.lastAnswerAt);
  const alreadyAsked: Service[] = [];
  const refusedBefore: typeof selection.due = [];
  const fresh: typeof selection.due = [];
  for (const entry of selection.due) {
    if (context.repository.openRequestFor(entry.service.id, now)) alreadyAsked.push(entry.service);
    else if (context.repository.refusedBefore(entry.service.id, entry.email)) refusedBefore.push(entry);
    else fresh.push(entry);
  }
  if (options.dryRun) {
    const outcomes = fresh.map(({ service, email }) => ({ request: dryRequest(service.id, email, now, context.settings), service }));
    return { selection, alreadyAsked, refusedBefore, outcomes, dryRun: true };
  }
  const label = [parisDay(now), filter.besoin ? `besoin=${filter.besoin}` : "", filter.territoire ? `territoire=${filter.territoire}` : ""].filter(Boolean).join(" ");
  // Every request is written before any e-mail leaves: a run cut short is finished by the next one.
  for (const { service, email } of fresh) context.repository.addRequest({ campaign: label, serviceId: service.id, email, expiresAt: now + context.settings.linkDays * DAY_MS }, now);
  const pending = context.repository.unsent(now).filter((r) => fresh.some((f) => f.service.id === r.serviceId) || alreadyAsked.some((s) => s.id === r.serviceId));
  const outcomes = await sendAll(context, pending, false);
  return { selection, alreadyAsked, refusedBefore, outcomes, dryRun: false };
}

/** Sends the reminders that are due: sent, unanswered, older than the delay, fewer than the maximum. */
export async function sendReminders(context: CampaignContext, options: { dryRun: boolean }): Promise<SendOutcome[]> {
  const now = (context.now ?? Date.now)();
  const { reminderDays, maxReminders } = context.settings;
  const due = context.repository.waiting(now).filter((request) => {
    if (request.sends - 1 >= maxReminders || (request.lastSentAt ?? 0) + reminderDays * DAY_MS > now) return false;
    // A fiche an editor checked meanwhile (`kb verifier`) needs no reminder.
    const service = context.orienteur.service(request.serviceId);
    return service !== undefined && monthsBetween(service.date_maj, parisDay(now)) >= frequencyMonths(service);
  });
  if (options.dryRun) return due.map((request) => ({ request, service: context.orienteur.service(request.serviceId) }));
  return sendAll(context, due, true);
}

async function sendAll(context: CampaignContext, requests: readonly CampaignRequest[], reminder: boolean): Promise<SendOutcome[]> {
  const sleep = context.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const outcomes: SendOutcome[] = [];
  for (const [index, request] of requests.entries()) {
    const service = context.orienteur.service(request.serviceId);
    if (!service) continue;
    if (index > 0 && context.settings.intervalSeconds > 0) await sleep(context.settings.intervalSeconds * 1000);
    const now = (context.now ?? Date.now)();
    try {
      await context.mailer.send(campaignMessage(context, request, service, reminder));
      context.repository.markSent(request.id, now);
      outcomes.push({ request: context.repository.request(request.id)!, service });
    } catch (error) {
      const { responseCode, response, message } = error as { responseCode?: number; response?: string; message?: string };
      const permanent = responseCode !== undefined && responseCode >= 500;
      const failure = responseCode ? `${responseCode} ${(response ?? "").replace(/^\d{3}[\s-]*/, "")}`.trim() : (error as { code?: string }).code ?? message ?? "erreur";
      context.repository.markFailed(request.id, failure, permanent, now);
      outcomes.push({ request: context.repository.request(request.id)!, service, failure, permanent });
    }
  }
  return outcomes;
}

/** The link a request's e-mail carries. */
function campaignLink(context: Pick<CampaignContext, "secret" | "publicUrl">, request: Pick<CampaignRequest, "id" | "serviceId" | "expiresAt">): string {
  return `${context.publicUrl.replace(/\/+$/, "")}/campagne/${signCampaignToken(context.secret, request.id, request.serviceId, request.expiresAt)}`;
}

/** The e-mail of one request, in French, text and HTML. */
function campaignMessage(context: CampaignContext, request: CampaignRequest, service: Service, reminder: boolean): CampaignMessage {
  const info = context.orienteur.base.info;
  const facts: MailFacts = {
    serviceName: service.nom,
    checkedOn: service.date_maj,
    link: campaignLink(context, request),
    expiresAt: request.expiresAt,
    baseName: info.nom,
    editorsEmail: info.contact_editeurs,
    reminder,
  };
  const paragraphs = campaignTexts.mail.lines(facts);
  const html = paragraphs
    .map((p) => (p === facts.link ? `<p><a href="${escapeHtml(p)}">${escapeHtml(p)}</a></p>` : `<p>${escapeHtml(p).replace(/\n/g, "<br>")}</p>`))
    .join("\n");
  return {
    to: request.email,
    subject: campaignTexts.mail.subject(facts),
    text: paragraphs.join("\n\n"),
    html: `<!doctype html><html lang="fr"><body>${html}</body></html>`,
    // Stable per e-mail of the request, so a retried send can be recognised as the same message.
    messageId: `<campagne-${request.id}-${request.sends + 1}@${context.domain}>`,
    // Replies go to the editors, not to a sending address nobody reads.
    headers: { "Auto-Submitted": "auto-generated", ...(info.contact_editeurs ? { "Reply-To": info.contact_editeurs } : {}) },
  };
}

function dryRequest(serviceId: string, email: string, now: number, settings: CampaignSettings): CampaignRequest {
  return { id: 0, campaign: "", serviceId, email, createdAt: now, expiresAt: now + settings.linkDays * DAY_MS, sends: 0, lastSentAt: null, failure: null, bouncedAt: null, answer: null, answeredAt: null };
}
