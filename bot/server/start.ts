// Starts Orienteur: loads the base, opens the local state, serves the local web page, and starts
// every chat platform whose credentials are set — each on its own, so one failing platform never
// stops the others. Stops gracefully on SIGINT/SIGTERM: no new messages, answers in flight
// finished, state closed.
import type { AddressInfo } from "node:net";
import { loadKnowledge } from "../../knowledge/load/load-knowledge.ts";
import { createOrienteur } from "../../knowledge/orienteur.ts";
import { createBot } from "../core/bot.ts";
import { createConversation, type Conversation } from "../core/conversation.ts";
import { openStore } from "../store/store.ts";
import type { Config } from "./config.ts";
import { createLogger, type Logger } from "./logger.ts";
import { createAdapters } from "./platforms.ts";
import { supervise, type Supervised } from "./supervise.ts";
import { createWebServer, defaultWebServerOptions } from "./web.ts";
import { watchBase } from "./watch-base.ts";
import { createFeedbackRepository } from "../feedback/repository.ts";
import { recordUnmetNeed } from "../feedback/unmet-needs.ts";
import { scheduleEditorDigests } from "./editor-digests.ts";
import type { Adapter } from "../core/contract.ts";
import { linkServicePages, type Answer } from "../../knowledge/answer/model.ts";
import { resolve } from "node:path";
import { createFileMailer } from "../../newsletters/send/file-mailer.ts";
import { createSmtpMailer } from "../../newsletters/send/transport.ts";
import { createSubscriptionService } from "../../newsletters/subscribe/service.ts";
import { createSubscriberRepository } from "../../newsletters/subscribers/repository.ts";
import { createNewsletterRoutes } from "./newsletter-routes.ts";
import { createDirectoryRoutes } from "./directory/routes.ts";
import { setUpCampaigns } from "./campaign-routes.ts";
import { linkSecret } from "./secret.ts";
import { relayFinishedIssues } from "./relay.ts";
import { startNewsletterJobs } from "./newsletter-jobs.ts";
import { prepareDraft } from "../../newsletters/schedule.ts";
import { createDeliveryRepository } from "../../newsletters/send/deliveries.ts";

export interface ServerOptions {
  kb: string;
  port: number;
  host: string;
  /** Platforms, state file and access lists: the configuration its caller read (readConfig), problems reported. */
  config: Config;
  logger?: Logger;
  /** Where French reports for the operator go (stderr). */
  report?: (message: string) => void;
  /** Handle SIGINT/SIGTERM (true); tests turn it off. */
  handleSignals?: boolean;
}

export interface RunningServer {
  url: string;
  baseName: string;
  /** Platforms being started or running. */
  platforms: string[];
  /** Resolves once the server has stopped. */
  closed: Promise<void>;
  stop(): Promise<void>;
}

/** Loads the base and starts the servers; rejects with a French error if the base is invalid or the port taken. */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const report = options.report ?? ((message: string) => process.stderr.write(`${message}\n`));
  const { config } = options;
  const logger = options.logger ?? createLogger(config.logLevel ? { level: config.logLevel } : {});

  const started = performance.now();
  let orienteur = createOrienteur(await loadKnowledge(options.kb));
  const conversation = createConversation(orienteur);
  // The chats link each service's page by its full address (ORIENTEUR_PUBLIC_URL, or this server's);
  // the web page keeps paths, which are right whatever address it is reached by. One memory for both.
  const chatConversation: Conversation = {
    ...conversation,
    handle: (message) => {
      const reply = conversation.handle(message);
      linkServicePages(reply.answer, config.newsletter.publicUrl);
      return reply;
    },
  };
  logger.info({ services: orienteur.base.services.length, ms: Math.round(performance.now() - started) }, "knowledge base loaded");

  const store = openStore(config.db);
  const secret = linkSecret(config, store, report);
  const mailer = config.newsletter.smtpUrl
    ? createSmtpMailer({ smtpUrl: config.newsletter.smtpUrl, from: config.newsletter.from, maxConnections: 2, ...(config.newsletter.dkim ? { dkim: config.newsletter.dkim } : {}) })
    : createFileMailer(config.newsletter.mailDir, config.newsletter.from);
  if (!config.newsletter.smtpUrl) report(`SMTP_URL n'est pas défini : les e-mails de confirmation sont écrits dans ${resolve(config.newsletter.mailDir)} au lieu d'être envoyés.`);
  const subscriptions = createSubscriptionService(createSubscriberRepository(store.db), mailer, () => orienteur, {
    secret,
    baseUrl: config.newsletter.publicUrl,
    listDomain: config.newsletter.listDomain,
    confirmationTtlMs: 7 * 24 * 60 * 60 * 1000,
    now: () => Date.now(),
    // Confirmations leave after the page answered (same timing for everyone): failures are logged, never the address.
    onMailError: (error) => logger.error({ err: { name: error.name, code: (error as { code?: string }).code } }, "confirmation e-mail not sent"),
  });
  const archiveDir = resolve(config.newsletter.archiveDir);
  // One body-size rule for every form and JSON endpoint: the web server's.
  const maxBodyBytes = defaultWebServerOptions.maxBodyBytes;
  const newsletterRoutes = createNewsletterRoutes({ subscriptions, archiveDir, maxBodyBytes });
  const feedback = createFeedbackRepository(store.db);
  // The web directory (service pages, browsing, agenda, coverage); its reports reach the editors like chat ones.
  // notifyEditors is defined below, once the platforms exist; it is only called on a request.
  const directoryRoutes = createDirectoryRoutes({ orienteur: () => orienteur, feedback, notifyEditors: (answer) => notifyEditors(answer), logger, maxBodyBytes, publicUrl: config.newsletter.publicUrl });
  // Update campaigns: the services' answers (/campagne/<jeton>) edit the watched base folder.
  const campaigns = setUpCampaigns({
    db: store.db, secret, kbDir: resolve(options.kb), orienteur: () => orienteur, feedback, notifyEditors: (answer) => notifyEditors(answer), logger, maxBodyBytes, mailer,
    publicUrl: config.newsletter.publicUrl, domain: config.newsletter.listDomain, settings: config.campaigns,
  });
  const web = createWebServer({
    conversation: () => conversation,
    orienteur: () => orienteur,
    logger,
    extraRoutes: async (request, response, url) => (await directoryRoutes(request, response, url)) || (await campaigns.routes(request, response, url)) || newsletterRoutes(request, response, url),
    afterOrientation: (orientation) => void recordUnmetNeed(feedback, orientation, orienteur),
  }, { maxBodyBytes, allowedHosts: config.web.allowedHosts, ...(config.web.maxPending ? { maxPending: config.web.maxPending } : {}) });
  await new Promise<void>((resolve, reject) => {
    web.once("error", (error: NodeJS.ErrnoException) =>
      reject(new Error(error.code === "EADDRINUSE" ? `Le port ${options.port} est déjà utilisé : choisissez-en un autre avec --port ou ORIENTEUR_PORT.` : `Le serveur web n'a pas pu démarrer : ${error.message}`)),
    );
    web.listen(options.port, options.host, resolve);
  });
  const address = web.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  const url = `http://${host === "127.0.0.1" ? "localhost" : host}:${address.port}`;
  logger.info({ platform: "web", url }, "web page ready");

  const supervised: Supervised[] = [];
  let adapters: Adapter[] = [];
  // Periodic work is stopped with the server: nothing may touch the store once it is closed.
  const timers: NodeJS.Timeout[] = [];
  const every = (ms: number, work: () => unknown) => {
    const timer = setInterval(work, ms);
    timer.unref();
    timers.push(timer);
  };
  let bot: ReturnType<typeof createBot> | undefined;
  /** Posts to every editors' room whose platform is running; logs when none is configured. */
  const notifyEditors = async (answer: Answer) => {
    if (config.editorRooms.length === 0) logger.warn({ outcome: "no-editor-room" }, "editors' notification not delivered: ORIENTEUR_EDITOR_ROOMS is empty");
    for (const target of config.editorRooms) {
      const [platform, ...rest] = target.split(":");
      const adapter = adapters.find((a) => a.platform === platform);
      if (!adapter?.post) continue;
      await adapter.post(rest.join(":"), answer).catch((error: unknown) => logger.error({ platform, err: { name: (error as Error).name } }, "editors' notification failed"));
    }
  };
  // Remembered in the store, so a restart neither repeats nor skips a digest.
  const periodic = scheduleEditorDigests(feedback, () => orienteur, notifyEditors, logger, { get: (key) => store.getValue(key), set: (key, value) => store.setValue(key, value) }, campaigns.unanswered);
  // Scheduled sends and the return mailbox run with or without chat platforms.
  campaigns.scheduleReminders(every);
  const newsletterJobs = startNewsletterJobs({ config, store, secret, orienteur: () => orienteur, subscriptions, archiveDir, notifyEditors, logger, every });
  const watcher = watchBase(resolve(options.kb), {
    swap: (next) => {
      orienteur = next;
      conversation.setOrienteur(next);
    },
    notifyEditors,
    logger,
  });
  // Ready means watched: an edit made right after start is not missed.
  await watcher.ready;
  if (config.matrix || config.slack || config.telegram) {
    bot = createBot(
      { orienteur: () => orienteur, conversation: chatConversation, store, logger, subscriptions, feedback, notifyEditors },
      { editors: config.editors, allowedRooms: config.allowedRooms, allowedInviters: config.allowedInviters },
    );
    const engine = bot;
    every(60 * 60 * 1000, () => store.pruneSeen(24 * 60 * 60 * 1000));
    adapters = await createAdapters(config, { store, logger, mayJoin: engine.mayJoin });
    for (const adapter of adapters) {
      supervised.push(supervise(adapter, async (message) => void (await engine.handle(adapter, message)), logger, report));
    }
    const cadence = config.newsletter.cadence;
    if (cadence) {
      const draft = async () => {
        const prepared = await prepareDraft(orienteur, { archiveDir, draftsDir: resolve(config.newsletter.draftsDir), cadence, today: new Date().toISOString().slice(0, 10) });
        if (!prepared) return;
        logger.info({ issue: prepared.numero, outcome: "draft prepared" }, "newsletter draft");
        await notifyEditors(prepared.message);
      };
      const safeDraft = () => draft().catch((error: unknown) => logger.error({ err: { name: (error as Error).name, message: (error as Error).message } }, "newsletter draft failed"));
      void Promise.all(supervised.map((s) => s.started)).then(safeDraft);
      every(6 * 60 * 60 * 1000, safeDraft);
    }
    if (config.relayRooms.length > 0) {
      const deliveries = createDeliveryRepository(store.db);
      const relay = () =>
        relayFinishedIssues(config.relayRooms, archiveDir, config.newsletter.publicUrl, { adapters, store, deliveries, logger }).catch((error: unknown) =>
          logger.error({ err: { name: (error as Error).name } }, "newsletter relay failed"),
        );
      void Promise.all(supervised.map((s) => s.started)).then(relay);
      every(60_000, relay);
    }
  }

  let resolveClosed!: () => void;
  const closed = new Promise<void>((resolve) => (resolveClosed = resolve));
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      logger.info("stopping");
      watcher.close();
      periodic.stop();
      for (const timer of timers) clearInterval(timer);
      await Promise.all(supervised.map((s) => s.stop()));
      await bot?.idle();
      await newsletterJobs.stop();
      await new Promise<void>((resolve) => {
        // Answers in flight finish; kept-alive connections are closed as soon as they fall idle.
        const sweep = setInterval(() => web.closeIdleConnections(), 50);
        const force = setTimeout(() => web.closeAllConnections(), 5000);
        web.close(() => {
          clearInterval(sweep);
          clearTimeout(force);
          resolve();
        });
        web.closeIdleConnections();
      });
      mailer.close();
      store.close();
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      logger.info("stopped");
      resolveClosed();
    })();
    return stopping;
  };
  if (options.handleSignals ?? true) {
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  }
  return { url, baseName: orienteur.base.info.nom, platforms: adapters.map((a) => a.platform), closed, stop };
}
