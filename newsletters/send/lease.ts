// One sender per issue: before sending, a run takes a lease on the issue in the shared SQLite file
// (who holds it, until when) and renews it while it works. A second run of the same issue — a cron
// overlap, an editor relaunching — finds the lease taken and stops; a run killed with kill -9 stops
// renewing, its lease expires, and the next run resumes where it stopped.
import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import type Database from "better-sqlite3";
import { migrate } from "../../knowledge/util/migrate.ts";

const MIGRATIONS = [`CREATE TABLE send_leases (issue TEXT PRIMARY KEY, holder TEXT NOT NULL, acquired_at INTEGER NOT NULL, expires_at INTEGER NOT NULL);`];

interface LeaseHolder {
  holder: string;
  acquiredAt: number;
  expiresAt: number;
}

export interface SendLeases {
  /** Takes the lease if it is free, expired or already ours; resolves to the current holder otherwise. */
  acquire(issue: string, holder: string, ttlMs: number, now?: number): { ok: true } | { ok: false; current: LeaseHolder };
  /** Extends our lease; false when it is no longer ours (it expired and someone else took it). */
  renew(issue: string, holder: string, ttlMs: number, now?: number): boolean;
  release(issue: string, holder: string): void;
  current(issue: string): LeaseHolder | undefined;
}

/** A name for this run that no other process shares: host, process id and a random part. */
export function newHolderId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`;
}

/** The lease table of a store's database, created on first use. */
export function createSendLeases(db: Database.Database): SendLeases {
  migrate(db, "send-leases", MIGRATIONS);
  const get = db.prepare<[string], { holder: string; acquired_at: number; expires_at: number }>("SELECT holder, acquired_at, expires_at FROM send_leases WHERE issue = ?");
  const put = db.prepare("INSERT INTO send_leases (issue, holder, acquired_at, expires_at) VALUES (?, ?, ?, ?) ON CONFLICT (issue) DO UPDATE SET holder = excluded.holder, acquired_at = excluded.acquired_at, expires_at = excluded.expires_at");
  const extend = db.prepare("UPDATE send_leases SET expires_at = ? WHERE issue = ? AND holder = ?");
  const drop = db.prepare("DELETE FROM send_leases WHERE issue = ? AND holder = ?");
  const toHolder = (row: { holder: string; acquired_at: number; expires_at: number }): LeaseHolder => ({ holder: row.holder, acquiredAt: row.acquired_at, expiresAt: row.expires_at });
  // IMMEDIATE: the read and the write happen under the database's write lock, so two processes
  // checking the same free lease at the same instant cannot both take it.
  const take = db.transaction((issue: string, holder: string, ttlMs: number, now: number) => {
    const row = get.get(issue);
    if (row && row.holder !== holder && row.expires_at > now) return { ok: false as const, current: toHolder(row) };
    put.run(issue, holder, row?.holder === holder ? row.acquired_at : now, now + ttlMs);
    return { ok: true as const };
  });
  return {
    acquire: (issue, holder, ttlMs, now = Date.now()) => take.immediate(issue, holder, ttlMs, now),
    renew: (issue, holder, ttlMs, now = Date.now()) => extend.run(now + ttlMs, issue, holder).changes === 1,
    release: (issue, holder) => void drop.run(issue, holder),
    current(issue) {
      const row = get.get(issue);
      return row ? toHolder(row) : undefined;
    },
  };
}
