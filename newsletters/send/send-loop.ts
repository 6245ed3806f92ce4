// The sending engine: takes due delivery rows, sends them at a steady rate through a pooled
// transport, and records each outcome. It can be killed at any point and run again. One run per
// issue at a time (a lease in the store); each recipient is checked again just before sending;
// SMTP failures are read like a mail server's queue would (smtp-errors.ts).
import type { Delivery, DeliveryRepository } from "./deliveries.ts";
import { newHolderId } from "./lease.ts";
import { classifySmtpFailure, type SmtpFailure } from "./smtp-errors.ts";
import { sendTexts } from "./texts.ts";

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
  /** Attempts of one recipient refused temporarily before this issue gives up on them (10, about 17 hours). */
  maxAttempts: number;
  /** First retry delay after a recipient's temporary (4xx) refusal, doubled each time (5 min). */
  retryBaseMs: number;
  /** Longest delay between two attempts of one recipient (4 h). */
  retryMaxDelayMs: number;
  /** How long to wait in this run for retries that are due later (2 min); beyond, run the command again. */
  maxWaitMs: number;
  /** Recipient refusals in a row that pause the send: a wave of « dead » addresses is suspicious (20). */
  maxConsecutiveErrors: number;
  /** Session failures in a row (network, 421) tolerated, with growing waits, before pausing (6). */
  maxSessionRetries: number;
  /** First wait after a session failure, doubled each time (2 s). */
  sessionRetryMs: number;
  /** How long this run's lease on the issue lasts without renewal (60 s); a crashed run frees it after that. */
  leaseMs: number;
  /** How long to wait for another run's lease to be released before giving up (0: give up at once). */
  leaseWaitMs: number;
  /** Whether a recipient is still subscribed now (checked just before sending); unsubscribed ones are skipped. */
  stillSubscribed: (subscriberId: number) => boolean;
  /** Asked before each message: true stops the run after the messages in flight (the server is stopping). */
  stopRequested: () => boolean;
  onProgress?: (progress: SendProgress) => void;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
}

const defaultSendOptions: SendOptions = {
  ratePerSecond: 10,
  concurrency: 4,
  maxAttempts: 10,
  retryBaseMs: 5 * 60_000,
  retryMaxDelayMs: 4 * 60 * 60_000,
  maxWaitMs: 2 * 60_000,
  maxConsecutiveErrors: 20,
  maxSessionRetries: 6,
  sessionRetryMs: 2000,
  leaseMs: 60_000,
  leaseWaitMs: 0,
  stillSubscribed: () => true,
  stopRequested: () => false,
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
  /** Recipients refused temporarily during this run (each will be tried again later). */
  temporaryFailures: number;
  permanentFailures: number;
  /** Recipients skipped because they unsubscribed or were suppressed after the audience was frozen. */
  cancelled: number;
  /** Rows still waiting for a retry after this run. */
  waiting: number;
  /** When the next retry is due (ms since epoch), when rows are waiting. */
  nextRetryAt?: number;
  /** Why the send paused itself, in French; undefined when it did not. */
  paused?: string;
  /** Set, in French, when another run holds this issue: this run sent nothing. */
  busy?: string;
  /** True when the issue had already been sent entirely: nothing was sent. */
  alreadyDone: boolean;
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
  const { leases } = deliveries;
  const settings = { ...defaultSendOptions, ...options };
  const report: SendReport = { sent: 0, temporaryFailures: 0, permanentFailures: 0, cancelled: 0, waiting: 0, alreadyDone: false };
  if (deliveries.state(issue)?.state === "termine") return { ...report, alreadyDone: true };

  const holder = newHolderId();
  const startedWaiting = settings.now();
  for (;;) {
    const taken = leases.acquire(issue, holder, settings.leaseMs, settings.now());
    if (taken.ok) break;
    if (settings.now() - startedWaiting >= settings.leaseWaitMs) return { ...report, busy: sendTexts.busy(issue, taken.current.acquiredAt, taken.current.expiresAt) };
    await settings.sleep(Math.min(500, settings.leaseMs / 4));
  }
  let lastRenewal = settings.now();
  const keepLease = () => {
    const now = settings.now();
    if (now - lastRenewal < settings.leaseMs / 3) return true;
    lastRenewal = now;
    if (leases.renew(issue, holder, settings.leaseMs, now)) return true;
    report.busy ??= sendTexts.leaseLost(issue);
    return false;
  };

  try {
    // Read again under the lease: another run may have finished the issue while we waited.
    if (deliveries.state(issue)?.state === "termine") return { ...report, alreadyDone: true };
    deliveries.setState(issue, "en_cours");
    await sendDue(issue, deliveries, build, mailer, settings, report, keepLease);
  } finally {
    leases.release(issue, holder);
  }

  const counts = deliveries.counts(issue);
  report.waiting = counts.echec_temporaire + counts.a_envoyer + counts.en_cours;
  if (report.waiting > 0) report.nextRetryAt = deliveries.nextRetryAt(issue);
  if (report.busy) return report;
  if (report.paused) deliveries.setState(issue, "en_pause", report.paused);
  else if (report.waiting === 0) deliveries.setState(issue, "termine");
  return report;
}

/** The loop itself, under the lease: batches of due rows, a few workers, one outcome per row. */
async function sendDue(
  issue: string,
  deliveries: DeliveryRepository,
  build: (delivery: Delivery) => OutgoingMessage,
  mailer: Mailer,
  settings: SendOptions,
  report: SendReport,
  keepLease: () => boolean,
): Promise<void> {
  const initial = deliveries.counts(issue);
  const total = Object.values(initial).reduce((a, b) => a + b, 0) - initial.annule;
  let done = initial.envoye;
  let failed = initial.echec_definitif;
  let recipientErrorsInARow = 0;
  let sessionErrorsInARow = 0;
  let nextSlot = 0;
  let resumeAt = 0;
  const waitedSince = settings.now();
  const stopped = () => report.paused !== undefined || report.busy !== undefined || settings.stopRequested();

  const takeSlot = async () => {
    const now = settings.now();
    const slot = Math.max(now, nextSlot, resumeAt);
    nextSlot = slot + 1000 / settings.ratePerSecond;
    if (slot > now) await settings.sleep(slot - now);
  };

  const sendOne = async (delivery: Delivery) => {
    // Checked now, not when the audience was frozen: someone who left since gets nothing.
    if (!settings.stillSubscribed(delivery.subscriberId) || deliveries.isSuppressed(delivery.email)) {
      deliveries.markCancelled(issue, delivery.subscriberId, sendTexts.cancelled);
      report.cancelled++;
      return;
    }
    await takeSlot();
    if (stopped() || !keepLease()) return;
    deliveries.markInFlight(issue, delivery.subscriberId);
    try {
      await mailer.send(build(delivery));
      deliveries.markSent(issue, delivery.subscriberId, settings.now());
      report.sent++;
      done++;
      recipientErrorsInARow = 0;
      sessionErrorsInARow = 0;
    } catch (error) {
      const failure = classifySmtpFailure(error as SmtpFailure);
      if (failure.scope === "session") {
        // Nobody's fault but the session's: the message goes back in the queue, uncounted.
        deliveries.requeue(issue, delivery.subscriberId);
        sessionErrorsInARow++;
        if (failure.permanent) report.paused ??= failure.reason;
        else if (sessionErrorsInARow >= settings.maxSessionRetries) report.paused ??= sendTexts.sessionPause(sessionErrorsInARow, failure.reason);
        else resumeAt = Math.max(resumeAt, settings.now() + settings.sessionRetryMs * 2 ** Math.min(sessionErrorsInARow - 1, 8));
        return;
      }
      sessionErrorsInARow = 0;
      const attempts = delivery.attempts + 1;
      if (failure.permanent) {
        deliveries.markPermanentFailure(issue, delivery.subscriberId, delivery.email, failure.reason, settings.now(), failure.suppress);
        report.permanentFailures++;
        failed++;
        recipientErrorsInARow++;
        if (recipientErrorsInARow >= settings.maxConsecutiveErrors) report.paused ??= sendTexts.refusalWave(recipientErrorsInARow, failure.detail);
      } else if (attempts >= settings.maxAttempts) {
        // A mail server gives up on a message after its queue lifetime; the address itself may be fine.
        deliveries.markPermanentFailure(issue, delivery.subscriberId, delivery.email, sendTexts.gaveUp(attempts, failure.detail), settings.now(), false);
        report.permanentFailures++;
        failed++;
      } else {
        const delay = Math.min(settings.retryBaseMs * 2 ** (attempts - 1), settings.retryMaxDelayMs);
        deliveries.markTemporaryFailure(issue, delivery.subscriberId, failure.reason, settings.now() + delay);
        report.temporaryFailures++;
      }
    }
    settings.onProgress?.({ sent: done, failed, total });
  };

  for (;;) {
    if (stopped() || !keepLease()) break;
    const batch = deliveries.due(issue, settings.concurrency * 25, settings.now());
    if (batch.length === 0) {
      const next = deliveries.nextRetryAt(issue);
      if (next === undefined) break;
      if (next - waitedSince > settings.maxWaitMs) break;
      await settings.sleep(Math.max(1, Math.min(1000, next - settings.now())));
      continue;
    }
    const queue = [...batch];
    const workers = Array.from({ length: Math.min(settings.concurrency, queue.length) }, async () => {
      for (let next = queue.shift(); next && !stopped(); next = queue.shift()) await sendOne(next);
    });
    await Promise.all(workers);
  }
}
