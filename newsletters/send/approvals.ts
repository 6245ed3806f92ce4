// Scheduled sends: an editor approves an issue file that carries a send time (`envoi`), and the
// running server sends it then, once. The approval remembers the file's fingerprint, so a file
// changed after approval is not sent until someone approves it again.
import { createHash } from "node:crypto";
import type Database from "better-sqlite3";
import { migrate } from "../../knowledge/util/migrate.ts";

const MIGRATIONS = [
  `CREATE TABLE send_approvals (
     issue TEXT PRIMARY KEY,
     path TEXT NOT NULL,
     fingerprint TEXT NOT NULL,
     send_at INTEGER NOT NULL,
     approved_by TEXT NOT NULL,
     approved_at INTEGER NOT NULL,
     started_at INTEGER,
     closed_at INTEGER,
     outcome TEXT
   );`,
];

export interface Approval {
  issue: string;
  path: string;
  fingerprint: string;
  sendAt: number;
  approvedBy: string;
  approvedAt: number;
  startedAt: number | null;
  /** Set once the scheduled send needs nobody any more: sent, paused for an editor, or refused. */
  closedAt: number | null;
  outcome: string | null;
}

export interface ApprovalRepository {
  /** Approves (or approves again, reopening) an issue for sending at `sendAt`. */
  approve(approval: Pick<Approval, "issue" | "path" | "fingerprint" | "sendAt" | "approvedBy">, now?: number): void;
  /** Withdraws an approval not started yet; false when there was none or it already started. */
  withdraw(issue: string): boolean;
  get(issue: string): Approval | undefined;
  /** Open approvals whose time has come. */
  due(now: number): Approval[];
  /** Records the first start; false when it had already started (so it is announced once). */
  markStarted(issue: string, now: number): boolean;
  close(issue: string, outcome: string, now: number): void;
  /** Every open approval, soonest first. */
  pending(): Approval[];
}

interface Row {
  issue: string;
  path: string;
  fingerprint: string;
  send_at: number;
  approved_by: string;
  approved_at: number;
  started_at: number | null;
  closed_at: number | null;
  outcome: string | null;
}

const toApproval = (row: Row): Approval => ({
  issue: row.issue,
  path: row.path,
  fingerprint: row.fingerprint,
  sendAt: row.send_at,
  approvedBy: row.approved_by,
  approvedAt: row.approved_at,
  startedAt: row.started_at,
  closedAt: row.closed_at,
  outcome: row.outcome,
});

/** The fingerprint of an issue file's bytes. */
export function fingerprintOf(content: string | Buffer): string {
  return createHash("sha256").update(content).digest("hex");
}

/** The approvals table of a store's database, created on first use. */
export function createApprovalRepository(db: Database.Database): ApprovalRepository {
  migrate(db, "send-approvals", MIGRATIONS);
  const upsert = db.prepare(
    `INSERT INTO send_approvals (issue, path, fingerprint, send_at, approved_by, approved_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (issue) DO UPDATE SET path = excluded.path, fingerprint = excluded.fingerprint, send_at = excluded.send_at,
       approved_by = excluded.approved_by, approved_at = excluded.approved_at, closed_at = NULL, outcome = NULL`,
  );
  const get = db.prepare<[string], Row>("SELECT * FROM send_approvals WHERE issue = ?");
  const due = db.prepare<[number], Row>("SELECT * FROM send_approvals WHERE closed_at IS NULL AND send_at <= ? ORDER BY send_at");
  const pending = db.prepare<[], Row>("SELECT * FROM send_approvals WHERE closed_at IS NULL ORDER BY send_at");
  const start = db.prepare("UPDATE send_approvals SET started_at = ? WHERE issue = ? AND started_at IS NULL");
  const close = db.prepare("UPDATE send_approvals SET closed_at = ?, outcome = ? WHERE issue = ?");
  const withdraw = db.prepare("DELETE FROM send_approvals WHERE issue = ? AND started_at IS NULL");
  return {
    approve: (a, now = Date.now()) => void upsert.run(a.issue, a.path, a.fingerprint, a.sendAt, a.approvedBy, now),
    withdraw: (issue) => withdraw.run(issue).changes > 0,
    get: (issue) => {
      const row = get.get(issue);
      return row ? toApproval(row) : undefined;
    },
    due: (now) => due.all(now).map(toApproval),
    markStarted: (issue, now) => start.run(now, issue).changes === 1,
    close: (issue, outcome, now) => void close.run(now, outcome, issue),
    pending: () => pending.all().map(toApproval),
  };
}

/**
 * The instant of « AAAA-MM-JJ HH:MM » in Paris (summer and winter time), or undefined when no such
 * day or hour exists.
 * @example parisTime("2026-12-15 09:00") // → Date.parse("2026-12-15T08:00:00Z")
 */
export function parisTime(text: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})$/.exec(text.trim());
  if (!match) return undefined;
  const [year, month, day, hour, minute] = match.slice(1).map(Number) as [number, number, number, number, number];
  const asUtc = Date.UTC(year, month - 1, day, hour, minute);
  const check = new Date(asUtc);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59) return undefined;
  // Paris is UTC+1 or UTC+2: take the offset in force at that instant.
  const offsetAt = (instant: number) => {
    const parts = Object.fromEntries(
      new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Paris", hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" })
        .formatToParts(new Date(instant))
        .map((p) => [p.type, p.value]),
    );
    return Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute)) - instant;
  };
  const first = asUtc - offsetAt(asUtc);
  return asUtc - offsetAt(first);
}
