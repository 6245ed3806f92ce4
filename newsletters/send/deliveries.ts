// One delivery row per (issue, recipient), frozen before sending: the row is the truth about who
// got what. A row becomes « envoye » only once the SMTP server has accepted the message, so a
// crash leaves at most the messages in flight to be sent twice. A row is « annule » when its
// recipient unsubscribed or was suppressed after the audience was frozen: it is never sent.
import type Database from "better-sqlite3";
import { migrate } from "../../knowledge/util/migrate.ts";
import { createFrozenIssues, type FrozenIssues } from "./frozen-issues.ts";
import { createSendLeases, type SendLeases } from "./lease.ts";

type DeliveryStatus = "a_envoyer" | "en_cours" | "envoye" | "echec_temporaire" | "echec_definitif" | "annule";

/** An address that receives no more newsletters, and why (a refusal, a bounce, an editor). */
interface Suppression {
  email: string;
  reason: string;
  at: number;
}

export interface Delivery {
  issue: string;
  subscriberId: number;
  email: string;
  edition: string;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: number;
  lastError: string | null;
}

interface SendState {
  issue: string;
  state: "en_cours" | "en_pause" | "termine";
  reason: string | null;
}

const MIGRATIONS = [
  `CREATE TABLE deliveries (
     issue TEXT NOT NULL,
     subscriber_id INTEGER NOT NULL,
     email TEXT NOT NULL,
     edition TEXT NOT NULL,
     status TEXT NOT NULL,
     attempts INTEGER NOT NULL DEFAULT 0,
     next_attempt_at INTEGER NOT NULL DEFAULT 0,
     last_error TEXT,
     sent_at INTEGER,
     PRIMARY KEY (issue, subscriber_id)
   );
   CREATE INDEX deliveries_to_send ON deliveries (issue, status, next_attempt_at);
   CREATE TABLE sends (issue TEXT PRIMARY KEY, state TEXT NOT NULL, reason TEXT, frozen_at INTEGER NOT NULL);
   CREATE TABLE suppressions (email TEXT PRIMARY KEY, reason TEXT NOT NULL, at INTEGER NOT NULL);`,
];

export interface DeliveryRepository {
  /** Freezes the audience of an issue once; later calls return false and add nobody. */
  freeze(issue: string, recipients: readonly { subscriberId: number; email: string; edition: string }[], now?: number): boolean;
  state(issue: string): SendState | undefined;
  setState(issue: string, state: SendState["state"], reason?: string | null): void;
  /** Rows to send now: never sent, or retryable and due. Rows left « en_cours » by a crash count as due. */
  due(issue: string, limit: number, now?: number): Delivery[];
  markInFlight(issue: string, subscriberId: number): void;
  /** Puts an in-flight row back in the queue without counting the attempt (the session failed, not the recipient). */
  requeue(issue: string, subscriberId: number): void;
  /** Never sends this row: its recipient left (or was suppressed) after the audience was frozen. */
  markCancelled(issue: string, subscriberId: number, reason: string): void;
  markSent(issue: string, subscriberId: number, now?: number): void;
  markTemporaryFailure(issue: string, subscriberId: number, error: string, retryAt: number): void;
  /** Fails this row for good; with `suppress` (the default) the address receives no later issue either. */
  markPermanentFailure(issue: string, subscriberId: number, email: string, error: string, now?: number, suppress?: boolean): void;
  isSuppressed(email: string): boolean;
  /** Stops all newsletters to an address (a bounce, an unsubscribe mail); keeps the first reason. */
  suppress(email: string, reason: string, now?: number): void;
  /** Every suppressed address, newest first. */
  suppressions(): Suppression[];
  /** Lets an address receive newsletters again; false when it was not suppressed. */
  liftSuppression(email: string): boolean;
  counts(issue: string): Record<DeliveryStatus, number>;
  /** The editions of an issue's frozen audience. */
  editions(issue: string): string[];
  /** When the earliest temporary failure of an issue is due again; undefined when none waits. */
  nextRetryAt(issue: string): number | undefined;
  /** One sender per issue: the lease table in the same database. */
  leases: SendLeases;
  /** The issue content frozen with the audience, so a resumed send sends the same issue. */
  models: FrozenIssues;
}

interface Row {
  issue: string;
  subscriber_id: number;
  email: string;
  edition: string;
  status: DeliveryStatus;
  attempts: number;
  next_attempt_at: number;
  last_error: string | null;
}

export function createDeliveryRepository(db: Database.Database): DeliveryRepository {
  migrate(db, "deliveries", MIGRATIONS);
  const insertSend = db.prepare("INSERT OR IGNORE INTO sends (issue, state, reason, frozen_at) VALUES (?, 'en_cours', NULL, ?)");
  const insertDelivery = db.prepare("INSERT OR IGNORE INTO deliveries (issue, subscriber_id, email, edition, status) VALUES (?, ?, ?, ?, 'a_envoyer')");
  const getState = db.prepare<[string], { issue: string; state: SendState["state"]; reason: string | null }>("SELECT issue, state, reason FROM sends WHERE issue = ?");
  const setState = db.prepare("UPDATE sends SET state = ?, reason = ? WHERE issue = ?");
  const due = db.prepare<[string, number, number], Row>(
    `SELECT * FROM deliveries WHERE issue = ? AND (status IN ('a_envoyer', 'en_cours') OR (status = 'echec_temporaire' AND next_attempt_at <= ?))
     ORDER BY subscriber_id LIMIT ?`,
  );
  const inFlight = db.prepare("UPDATE deliveries SET status = 'en_cours', attempts = attempts + 1 WHERE issue = ? AND subscriber_id = ?");
  const requeue = db.prepare("UPDATE deliveries SET status = 'a_envoyer', attempts = MAX(attempts - 1, 0) WHERE issue = ? AND subscriber_id = ? AND status = 'en_cours'");
  const cancel = db.prepare("UPDATE deliveries SET status = 'annule', last_error = ? WHERE issue = ? AND subscriber_id = ?");
  const nextRetry = db.prepare<[string], { at: number | null }>("SELECT MIN(next_attempt_at) AS at FROM deliveries WHERE issue = ? AND status = 'echec_temporaire'");
  const listSuppressions = db.prepare<[], Suppression>("SELECT email, reason, at FROM suppressions ORDER BY at DESC, email");
  const lift = db.prepare("DELETE FROM suppressions WHERE email = ?");
  const sent = db.prepare("UPDATE deliveries SET status = 'envoye', sent_at = ?, last_error = NULL WHERE issue = ? AND subscriber_id = ?");
  const temporary = db.prepare("UPDATE deliveries SET status = 'echec_temporaire', last_error = ?, next_attempt_at = ? WHERE issue = ? AND subscriber_id = ?");
  const permanent = db.prepare("UPDATE deliveries SET status = 'echec_definitif', last_error = ? WHERE issue = ? AND subscriber_id = ?");
  const suppress = db.prepare("INSERT OR IGNORE INTO suppressions (email, reason, at) VALUES (?, ?, ?)");
  const suppressed = db.prepare<[string], { email: string }>("SELECT email FROM suppressions WHERE email = ?");
  const editions = db.prepare<[string], { edition: string }>("SELECT DISTINCT edition FROM deliveries WHERE issue = ?");
  const counts = db.prepare<[string], { status: DeliveryStatus; n: number }>("SELECT status, COUNT(*) AS n FROM deliveries WHERE issue = ? GROUP BY status");

  return {
    freeze(issue, recipients, now = Date.now()) {
      return db.transaction(() => {
        if (insertSend.run(issue, now).changes === 0) return false;
        for (const r of recipients) if (!suppressed.get(r.email)) insertDelivery.run(issue, r.subscriberId, r.email, r.edition);
        return true;
      })();
    },
    state: (issue) => getState.get(issue),
    setState: (issue, state, reason = null) => void setState.run(state, reason, issue),
    due: (issue, limit, now = Date.now()) =>
      due.all(issue, now, limit).map((row) => ({
        issue: row.issue,
        subscriberId: row.subscriber_id,
        email: row.email,
        edition: row.edition,
        status: row.status,
        attempts: row.attempts,
        nextAttemptAt: row.next_attempt_at,
        lastError: row.last_error,
      })),
    markInFlight: (issue, id) => void inFlight.run(issue, id),
    requeue: (issue, id) => void requeue.run(issue, id),
    markCancelled: (issue, id, reason) => void cancel.run(reason, issue, id),
    markSent: (issue, id, now = Date.now()) => void sent.run(now, issue, id),
    markTemporaryFailure: (issue, id, error, retryAt) => void temporary.run(error, retryAt, issue, id),
    markPermanentFailure(issue, id, email, error, now = Date.now(), suppressAddress = true) {
      db.transaction(() => {
        permanent.run(error, issue, id);
        if (suppressAddress) suppress.run(email, error, now);
      })();
    },
    isSuppressed: (email) => suppressed.get(email) !== undefined,
    suppress: (email, reason, now = Date.now()) => void suppress.run(email, reason, now),
    suppressions: () => listSuppressions.all(),
    liftSuppression: (email) => lift.run(email).changes > 0,
    editions: (issue) => editions.all(issue).map((row) => row.edition),
    nextRetryAt: (issue) => nextRetry.get(issue)?.at ?? undefined,
    leases: createSendLeases(db),
    models: createFrozenIssues(db),
    counts(issue) {
      const result: Record<DeliveryStatus, number> = { a_envoyer: 0, en_cours: 0, envoye: 0, echec_temporaire: 0, echec_definitif: 0, annule: 0 };
      for (const row of counts.all(issue)) result[row.status] = row.n;
      return result;
    },
  };
}

// --- Subscriber rights (erasure, export) ---
// Used by newsletters/subscribers/repository.ts when a person downloads or erases their data. Plain
// SELECT/DELETE on the tables above; a table not created yet (nothing ever sent) holds nothing.

/** One delivery of an issue to a subscriber, as their data export shows it. */
interface RecipientDelivery {
  issue: string;
  status: DeliveryStatus;
  attempts: number;
  sentAt: number | null;
  lastError: string | null;
}

/** What the sending side holds about one person: their deliveries, and their suppression if any. */
export interface RecipientHistory {
  deliveries: RecipientDelivery[];
  suppression: { reason: string; at: number } | null;
}

function tableExists(db: Database.Database, name: string): boolean {
  return db.prepare<[string], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
}

/** Deletes every delivery row and the suppression of a subscriber (right to erasure); returns the rows deleted. */
export function forgetRecipient(db: Database.Database, subscriberId: number, email: string): number {
  let deleted = 0;
  if (tableExists(db, "deliveries")) deleted += db.prepare("DELETE FROM deliveries WHERE subscriber_id = ? OR email = ?").run(subscriberId, email).changes;
  if (tableExists(db, "suppressions")) deleted += db.prepare("DELETE FROM suppressions WHERE email = ?").run(email).changes;
  return deleted;
}

/** The delivery history and suppression of a subscriber (right of access). */
export function recipientHistory(db: Database.Database, subscriberId: number, email: string): RecipientHistory {
  const deliveries = tableExists(db, "deliveries")
    ? db
        .prepare<[number, string], { issue: string; status: DeliveryStatus; attempts: number; sent_at: number | null; last_error: string | null }>(
          "SELECT issue, status, attempts, sent_at, last_error FROM deliveries WHERE subscriber_id = ? OR email = ? ORDER BY issue",
        )
        .all(subscriberId, email)
        .map((row) => ({ issue: row.issue, status: row.status, attempts: row.attempts, sentAt: row.sent_at, lastError: row.last_error }))
    : [];
  const suppression = tableExists(db, "suppressions")
    ? (db.prepare<[string], { reason: string; at: number }>("SELECT reason, at FROM suppressions WHERE email = ?").get(email) ?? null)
    : null;
  return { deliveries, suppression };
}
