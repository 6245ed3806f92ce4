// The newsletter's periodic work in the running server: scheduled sends (every minute) and the
// return mailbox (every five minutes, when ORIENTEUR_BOUNCE_IMAP_URL is set). Each job runs alone
// (a slow tick is never overlapped by the next) and logs outcomes, never addresses or contents.
import type { Orienteur } from "../../knowledge/orienteur.ts";
import { createApprovalRepository } from "../../newsletters/send/approvals.ts";
import { createDeliveryRepository } from "../../newsletters/send/deliveries.ts";
import { checkReturnMailbox } from "../../newsletters/send/return-mailbox-run.ts";
import { runDueSends } from "../../newsletters/send/scheduled-sends.ts";
import { createSmtpMailer } from "../../newsletters/send/transport.ts";
import type { SubscriptionService } from "../../newsletters/subscribe/service.ts";
import { createSubscriberRepository } from "../../newsletters/subscribers/repository.ts";
import type { Answer } from "../../knowledge/answer/model.ts";
import type { Store } from "../store/store.ts";
import type { Config } from "./config.ts";
import type { Logger } from "./logger.ts";

export interface NewsletterJobDependencies {
  config: Config;
  store: Store;
  secret: string;
  orienteur: () => Orienteur;
  subscriptions: SubscriptionService;
  archiveDir: string;
  notifyEditors: (answer: Answer) => Promise<void>;
  logger: Logger;
  /** Runs `work` every `ms` until the server stops. */
  every: (ms: number, work: () => unknown) => void;
}

/** Runs `work` unless its previous run is still going; `idle()` waits for the current run. */
function alone(work: () => Promise<void>): (() => Promise<void>) & { idle: () => Promise<void> } {
  let running: Promise<void> | undefined;
  const run = () => (running ??= work().finally(() => (running = undefined)));
  return Object.assign(run, { idle: async () => void (await running?.catch(() => {})) });
}

export interface NewsletterJobs {
  /** Stops starting work, lets a send stop after its messages in flight, and waits for both jobs. */
  stop(): Promise<void>;
}

/** Starts the scheduled-send and return-mailbox jobs. */
export function startNewsletterJobs(deps: NewsletterJobDependencies): NewsletterJobs {
  const { config, store, logger } = deps;
  let stopping = false;
  const sends = alone(async () => {
    const reports = await runDueSends({
      orienteur: deps.orienteur,
      approvals: createApprovalRepository(store.db),
      subscribers: createSubscriberRepository(store.db),
      deliveries: createDeliveryRepository(store.db),
      createMailer: () => (config.newsletter.smtpUrl ? createSmtpMailer({ smtpUrl: config.newsletter.smtpUrl, from: config.newsletter.from, maxConnections: 4, ...(config.newsletter.dkim ? { dkim: config.newsletter.dkim } : {}) }) : undefined),
      message: { baseUrl: config.newsletter.publicUrl, secret: deps.secret, listDomain: config.newsletter.listDomain, ...(config.newsletter.unsubscribeMailbox ? { unsubscribeMailbox: config.newsletter.unsubscribeMailbox } : {}) },
      archiveDir: deps.archiveDir,
      notifyEditors: deps.notifyEditors,
      // A stopping server ends the send after the messages in flight; its lease lets the next start resume.
      send: { ratePerSecond: config.newsletter.sendRate, stopRequested: () => stopping },
    });
    for (const r of reports) logger.info({ issue: r.numero, sent: r.sent, waiting: r.waiting, paused: Boolean(r.paused), busy: Boolean(r.busy), published: r.published }, "scheduled newsletter send");
  });
  const safely = (name: string, job: () => Promise<void>) => () => (stopping ? Promise.resolve() : job()).catch((error: unknown) => logger.error({ err: { name: (error as Error).name, code: (error as { code?: string }).code } }, `${name} failed`));
  deps.every(60_000, safely("scheduled newsletter send", sends));
  void safely("scheduled newsletter send", sends)();

  const imapUrl = config.newsletter.bounces.imapUrl;
  let mailbox: ReturnType<typeof alone> | undefined;
  if (imapUrl) {
    mailbox = alone(async () => {
      const summary = await checkReturnMailbox(imapUrl, store, deps.subscriptions, deps.secret, config.newsletter.bounces.options);
      if (summary.read > 0) logger.info({ ...summary }, "return mailbox read");
    });
    deps.every(5 * 60_000, safely("return mailbox", mailbox));
    void safely("return mailbox", mailbox)();
  }
  return {
    async stop() {
      stopping = true;
      await Promise.all([sends.idle(), mailbox?.idle()]);
    },
  };
}
