// HTTP side of the update campaigns: `/campagne/<jeton>` shows the service's fiche; only a POST
// acts (« Tout est juste » on `/confirmer`, the correction form on `/corriger`): link scanners that
// follow GET links change nothing. The signed token is the only credential: it is in the path of
// every form, so a page elsewhere cannot post a valid answer without the e-mail in hand.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Orienteur } from "../../knowledge/orienteur.ts";
import type Database from "better-sqlite3";
import { createCampaignAnswers, type CampaignAnswers } from "../campaigns/answers.ts";
import { unansweredLines } from "../campaigns/follow-up.ts";
import { createCampaignRepository } from "../campaigns/repository.ts";
import { sendReminders, type CampaignMailer } from "../campaigns/send.ts";
import type { CampaignSettings } from "../campaigns/settings.ts";
import type { Answer } from "../../knowledge/answer/model.ts";
import type { Logger } from "../core/logger.ts";
import type { FeedbackRepository } from "../feedback/repository.ts";
import { correctionPage, fichePage } from "../campaigns/pages.ts";
import { campaignTexts } from "../campaigns/texts.ts";
import { readFormWithin } from "./newsletter-routes.ts";
import { message, page } from "./pages.ts";

export interface CampaignRoutesOptions {
  answers: CampaignAnswers;
  orienteur: () => Orienteur;
  maxBodyBytes: number;
}

const ROUTE = /^\/campagne\/([^/]{1,200})(?:\/(confirmer|corriger))?\/?$/;
const t = campaignTexts.page;

/** Handles `/campagne/…`; resolves to false for any other path. */
function createCampaignRoutes(options: CampaignRoutesOptions) {
  return async function handle(request: IncomingMessage, response: ServerResponse, url: URL): Promise<boolean> {
    if (url.pathname !== "/campagne" && !url.pathname.startsWith("/campagne/")) return false;
    const send = (status: number, title: string, body: string) => {
      // The token is in the path: no referrer may carry it to another site.
      response.writeHead(status, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store", "referrer-policy": "no-referrer", "x-robots-tag": "noindex" });
      response.end(page(title, body));
      return true;
    };
    const match = ROUTE.exec(url.pathname);
    if (!match) return send(404, t.title, message(t.notFound, "erreur"));
    let token: string;
    try {
      token = decodeURIComponent(match[1]!);
    } catch {
      token = "";
    }
    const action = match[2];
    const method = request.method === "HEAD" ? "GET" : (request.method ?? "GET");
    const opened = options.answers.open(token);
    if (!opened.ok) return send(opened.status, t.title, message(opened.message, "erreur"));
    const { service } = opened;

    if (method === "GET" && action === undefined) return send(200, t.title, fichePage(service, options.orienteur(), token));
    if (method === "GET" && action === "corriger") return send(200, t.correctTitle, correctionPage(service, token));
    if (method !== "POST" || action === undefined) {
      response.setHeader("allow", action ? "GET, POST" : "GET");
      return send(405, t.title, message(t.notFound, "erreur"));
    }
    const form = await readFormWithin(request, response, options.maxBodyBytes);
    if (!form) return send(413, t.title, message(t.tooLarge, "erreur"));
    if (action === "confirmer") {
      const outcome = await options.answers.confirm(token);
      return outcome.ok ? send(200, t.title, message(outcome.message)) : send(outcome.status, t.title, message(outcome.message, "erreur"));
    }
    const typed = (key: string) => form.get(key) ?? undefined;
    const outcome = await options.answers.correct(token, typed);
    if (outcome.ok) return send(200, t.correctTitle, message(outcome.message));
    // The form comes back as it was typed, with the reason on top.
    return send(outcome.status, t.correctTitle, correctionPage(service, token, typed, message(outcome.message, "erreur")));
  };
}

export interface CampaignServerDependencies {
  db: Database.Database;
  secret: string;
  /** The base folder the server watches: confirmations edit it, the hot reload serves them. */
  kbDir: string;
  orienteur: () => Orienteur;
  feedback: FeedbackRepository;
  notifyEditors: (answer: Answer) => Promise<void>;
  logger: Logger;
  maxBodyBytes: number;
  /** The server's mailer, for reminders sent on schedule. */
  mailer: CampaignMailer;
  publicUrl: string;
  domain: string;
  /** The configuration's campaign settings (config.campaigns). */
  settings: CampaignSettings;
  /** The clock (tests). */
  now?: () => number;
}

const PARIS_HOUR = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Paris", weekday: "short", hour: "numeric", hourCycle: "h23" });

/** Monday to Friday, 9 h to 17 h in Paris: when the people who read a service's mailbox are at work. */
function isWorkingHour(ms: number): boolean {
  const parts = Object.fromEntries(PARIS_HOUR.formatToParts(ms).map((p) => [p.type, p.value]));
  const hour = Number(parts.hour);
  return !["Sat", "Sun"].includes(parts.weekday ?? "") && hour >= 9 && hour < 17;
}

/**
 * The campaigns in the running server: the `/campagne/…` routes, the unanswered services for the
 * editors' monthly list, and the reminders when ORIENTEUR_CAMPAGNE_RELANCES_AUTO=1 (nothing is
 * ever sent otherwise: launching a campaign is an editor's command).
 */
export function setUpCampaigns(deps: CampaignServerDependencies) {
  const { settings } = deps;
  const repository = createCampaignRepository(deps.db);
  const answers = createCampaignAnswers({ ...deps, repository, settings });
  const now = deps.now ?? Date.now;
  let running = false;
  const remind = async () => {
    if (running || !isWorkingHour(now())) return;
    running = true;
    try {
      const context = { orienteur: deps.orienteur(), repository, mailer: deps.mailer, secret: deps.secret, publicUrl: deps.publicUrl, domain: deps.domain, settings, now };
      const outcomes = await sendReminders(context, { dryRun: false });
      if (outcomes.length > 0) deps.logger.info({ sent: outcomes.filter((o) => !o.failure).length, failed: outcomes.filter((o) => o.failure).length }, "campaign reminders");
    } catch (error) {
      deps.logger.error({ err: { name: (error as Error).name, code: (error as { code?: unknown }).code } }, "campaign reminders failed");
    } finally {
      running = false;
    }
  };
  return {
    routes: createCampaignRoutes({ answers, orienteur: deps.orienteur, maxBodyBytes: deps.maxBodyBytes }),
    /** Services asked that did not answer, one line each, for the editors' monthly list. */
    unanswered: () => unansweredLines(repository, deps.orienteur()),
    /**
     * With ORIENTEUR_CAMPAGNE_RELANCES_AUTO=1 only: looks every hour for due reminders and sends them
     * on working hours. Hourly rather than daily, so a restarted server does not push them back.
     */
    scheduleReminders(every: (ms: number, work: () => unknown) => void) {
      if (settings.autoReminders) every(60 * 60 * 1000, remind);
    },
  };
}
