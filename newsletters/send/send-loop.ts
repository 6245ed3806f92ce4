// The sending engine: takes due delivery rows, sends them at a steady rate through a pooled
// transport, and records each outcome. It can be killed at any point and run again.
import type { Delivery, DeliveryRepository } from "./deliveries.ts";

export interface OutgoingMessage {
  to: string;
  subject: string;
  html: string;
  text: string;
  /** Stable across retries, so receiving servers can drop a duplicate. */
  messageId: string;
  headers: Record<string, string>;
}

export interface Mailer {
  /** Resolves once the SMTP server accepted the message; rejects with the server's answer otherwise. */
  send(message: OutgoingMessage): Promise<void>;
  close(): void;
}

export interface SendOptions {
  /** Messages per second at most (10). */
  ratePerSecond: number;
  /** Messages in flight at once (4); match the transport's pool size. */
  concurrency: number;
  /** Attempts before a temporary failure becomes permanent (5). */
  maxAttempts: number;
  /** First retry delay after a temporary (4xx) failure, doubled each time (30 s). */
  retryBaseMs: number;
  /** How long to wait in this run for retries that are due later (2 min); beyond, run the command again. */
  maxWaitMs: number;
  /** Failures in a row that pause the send (20). */
  maxConsecutiveErrors: number;
  onProgress?: (progress: SendProgress) => void;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
}

export const defaultSendOptions: SendOptions = {
  ratePerSecond: 10,
  concurrency: 4,
  maxAttempts: 5,
  retryBaseMs: 30_000,
  maxWaitMs: 2 * 60_000,
  maxConsecutiveErrors: 20,
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export interface SendProgress {
  sent: number;
  failed: number;
  total: number;
}

export interface SendReport {
  /** Sent during this run. */
  sent: number;
  temporaryFailures: number;
  permanentFailures: number;
  /** Rows still waiting for a retry after this run. */
  waiting: number;
  /** Why the send paused itself, in French; undefined when it did not. */
  paused?: string;
  /** True when the issue had already been sent entirely: nothing was sent. */
  alreadyDone: boolean;
}

interface SmtpError extends Error {
  responseCode?: number;
  response?: string;
  code?: string;
}

/** A 5xx answer means this address will never work; anything else (4xx, network) may pass later. */
function isPermanent(error: SmtpError): boolean {
  return typeof error.responseCode === "number" && error.responseCode >= 500 && error.responseCode < 600;
}

function describe(error: SmtpError): string {
  const text = (error.response ?? error.message ?? String(error)).split("\n")[0]!.slice(0, 200);
  return error.responseCode ? `${error.responseCode} ${text.replace(/^\d{3}\s*/, "")}` : `${error.code ?? error.name}: ${text}`;
}

/**
 * Sends every due delivery of an issue.
 * @param build turns a delivery row into the message for that recipient (rendered once per edition by the caller).
 */
export async function runSend(
  issue: string,
  deliveries: DeliveryRepository,
  build: (delivery: Delivery) => OutgoingMessage,
  mailer: Mailer,
  options: Partial<SendOptions> = {},
): Promise<SendReport> {
  const settings = { ...defaultSendOptions, ...options };
  const report: SendReport = { sent: 0, temporaryFailures: 0, permanentFailures: 0, waiting: 0, alreadyDone: false };
  const state = deliveries.state(issue);
  if (state?.state === "termine") return { ...report, alreadyDone: true };
  deliveries.setState(issue, "en_cours");

  const initial = deliveries.counts(issue);
  const total = Object.values(initial).reduce((a, b) => a + b, 0);
  let done = initial.envoye;
  let failed = initial.echec_definitif;
  let consecutiveErrors = 0;
  let nextSlot = 0;
  const waitedSince = settings.now();

  const takeSlot = async () => {
    const now = settings.now();
    const slot = Math.max(now, nextSlot);
    nextSlot = slot + 1000 / settings.ratePerSecond;
    if (slot > now) await settings.sleep(slot - now);
  };

  const sendOne = async (delivery: Delivery) => {
    await takeSlot();
    deliveries.markInFlight(issue, delivery.subscriberId);
    try {
      await mailer.send(build(delivery));
      deliveries.markSent(issue, delivery.subscriberId, settings.now());
      report.sent++;
      done++;
      consecutiveErrors = 0;
    } catch (error) {
      const smtp = error as SmtpError;
      consecutiveErrors++;
      const attempts = delivery.attempts + 1;
      if (isPermanent(smtp) || attempts >= settings.maxAttempts) {
        deliveries.markPermanentFailure(issue, delivery.subscriberId, delivery.email, describe(smtp), settings.now());
        report.permanentFailures++;
        failed++;
      } else {
        deliveries.markTemporaryFailure(issue, delivery.subscriberId, describe(smtp), settings.now() + settings.retryBaseMs * 2 ** (attempts - 1));
        report.temporaryFailures++;
      }
      if (consecutiveErrors >= settings.maxConsecutiveErrors && !report.paused) {
        report.paused = `${consecutiveErrors} échecs de suite (dernier : ${describe(smtp)}) : l'envoi est mis en pause. Vérifiez le serveur d'envoi (SMTP_URL), puis relancez la même commande : personne ne recevra la lettre deux fois.`;
      }
    }
    settings.onProgress?.({ sent: done, failed, total });
  };

  for (;;) {
    if (report.paused) break;
    const batch = deliveries.due(issue, settings.concurrency * 25, settings.now());
    if (batch.length === 0) {
      const counts = deliveries.counts(issue);
      if (counts.echec_temporaire === 0) break;
      if (settings.now() - waitedSince > settings.maxWaitMs) break;
      await settings.sleep(Math.min(1000, settings.retryBaseMs));
      continue;
    }
    const queue = [...batch];
    const workers = Array.from({ length: Math.min(settings.concurrency, queue.length) }, async () => {
      for (let next = queue.shift(); next && !report.paused; next = queue.shift()) await sendOne(next);
    });
    await Promise.all(workers);
  }

  const counts = deliveries.counts(issue);
  report.waiting = counts.echec_temporaire + counts.a_envoyer + counts.en_cours;
  if (report.paused) deliveries.setState(issue, "en_pause", report.paused);
  else if (report.waiting === 0) deliveries.setState(issue, "termine");
  return report;
}
