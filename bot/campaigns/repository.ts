// What the update campaigns keep in the local SQLite file: one request per service asked (the
// contact address the link went to, how many e-mails were accepted, a permanent SMTP refusal),
// the service's answer (who confirmed and when) and the corrections it proposed. The addresses
// are the services' own public contact addresses, copied from the base; nothing else is kept.
import type Database from "better-sqlite3";
import { migrate } from "../../knowledge/util/migrate.ts";

type CampaignAnswer = "confirme" | "corrige";

export interface CampaignRequest {
  id: number;
  /** The campaign's label: its day and filters (« 2026-12-03 besoin=portage-repas »). */
  campaign: string;
  serviceId: string;
  /** The contact address the link was sent to: who confirms is whoever holds it. */
  email: string;
  createdAt: number;
  expiresAt: number;
  /** E-mails accepted by the mail server: 1 the first, then one per reminder. */
  sends: number;
  lastSentAt: number | null;
  /** The last SMTP failure (« 550 Boîte inconnue »), temporary or not. */
  failure: string | null;
  /** Set when the mail server refused the address for good: no more e-mails to it. */
  bouncedAt: number | null;
  answer: CampaignAnswer | null;
  answeredAt: number | null;
}

/** One field changed in a correction: what the base says, what the service proposes. */
export interface FieldChange {
  field: string;
  before: string;
  after: string;
}

export interface CampaignCorrection {
  id: number;
  requestId: number;
  serviceId: string;
  changes: FieldChange[];
  comment: string;
  /** The field report it became (`orienteur signalements`). */
  signalementId: number | null;
  createdAt: number;
}

export interface CampaignRepository {
  /** A new request, not yet sent. */
  addRequest(request: { campaign: string; serviceId: string; email: string; expiresAt: number }, now?: number): CampaignRequest;
  request(id: number): CampaignRequest | undefined;
  /** The request still waiting for its service: not answered, not refused, not expired. */
  openRequestFor(serviceId: string, now?: number): CampaignRequest | undefined;
  /** True when an earlier e-mail of this service to this address was refused for good. */
  refusedBefore(serviceId: string, email: string): boolean;
  /** When the service last answered a campaign, or undefined. */
  lastAnswerAt(serviceId: string): number | undefined;
  /** Requests created but never accepted by the mail server (interrupted or temporarily refused). */
  unsent(now?: number): CampaignRequest[];
  /** Sent, unanswered, not refused, not expired requests: candidates for a reminder. */
  waiting(now?: number): CampaignRequest[];
  markSent(id: number, now?: number): void;
  /** Records an SMTP failure; `permanent` stops every further e-mail of this request. */
  markFailed(id: number, failure: string, permanent: boolean, now?: number): void;
  /** Records the service's answer; the first answer stays the request's answer, a later correction is kept too. */
  markAnswered(id: number, answer: CampaignAnswer, now?: number): void;
  addCorrection(correction: { requestId: number; serviceId: string; changes: FieldChange[]; comment: string; signalementId: number | null }, now?: number): CampaignCorrection;
  corrections(): CampaignCorrection[];
  /** Every request, newest first. */
  all(): CampaignRequest[];
}

const MIGRATIONS = [
  `CREATE TABLE campaign_requests (
     id INTEGER PRIMARY KEY,
     campaign TEXT NOT NULL,
     service_id TEXT NOT NULL,
     email TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     expires_at INTEGER NOT NULL,
     sends INTEGER NOT NULL DEFAULT 0,
     last_sent_at INTEGER,
     failure TEXT,
     bounced_at INTEGER,
     answer TEXT,
     answered_at INTEGER
   );
   CREATE INDEX campaign_requests_by_service ON campaign_requests (service_id);
   CREATE TABLE campaign_corrections (
     id INTEGER PRIMARY KEY,
     request_id INTEGER NOT NULL REFERENCES campaign_requests (id),
     service_id TEXT NOT NULL,
     changes TEXT NOT NULL,
     comment TEXT NOT NULL,
     signalement_id INTEGER,
     created_at INTEGER NOT NULL
   );`,
];

interface RequestRow {
  id: number;
  campaign: string;
  service_id: string;
  email: string;
  created_at: number;
  expires_at: number;
  sends: number;
  last_sent_at: number | null;
  failure: string | null;
  bounced_at: number | null;
  answer: string | null;
  answered_at: number | null;
}

interface CorrectionRow {
  id: number;
  request_id: number;
  service_id: string;
  changes: string;
  comment: string;
  signalement_id: number | null;
  created_at: number;
}

const readRequest = (row: RequestRow): CampaignRequest => ({
  id: row.id,
  campaign: row.campaign,
  serviceId: row.service_id,
  email: row.email,
  createdAt: row.created_at,
  expiresAt: row.expires_at,
  sends: row.sends,
  lastSentAt: row.last_sent_at,
  failure: row.failure,
  bouncedAt: row.bounced_at,
  answer: row.answer === "confirme" || row.answer === "corrige" ? row.answer : null,
  answeredAt: row.answered_at,
});

const readCorrection = (row: CorrectionRow): CampaignCorrection => ({
  id: row.id,
  requestId: row.request_id,
  serviceId: row.service_id,
  changes: JSON.parse(row.changes) as FieldChange[],
  comment: row.comment,
  signalementId: row.signalement_id,
  createdAt: row.created_at,
});

/** The campaign tables of a store's database, created or migrated on first use. */
export function createCampaignRepository(db: Database.Database): CampaignRepository {
  migrate(db, "campaigns", MIGRATIONS);
  const insert = db.prepare<[string, string, string, number, number]>("INSERT INTO campaign_requests (campaign, service_id, email, created_at, expires_at) VALUES (?, ?, ?, ?, ?)");
  const byId = db.prepare<[number], RequestRow>("SELECT * FROM campaign_requests WHERE id = ?");
  const open = db.prepare<[string, number], RequestRow>(
    "SELECT * FROM campaign_requests WHERE service_id = ? AND answer IS NULL AND bounced_at IS NULL AND expires_at > ? ORDER BY id DESC LIMIT 1",
  );
  const refused = db.prepare<[string, string], { one: number }>("SELECT 1 AS one FROM campaign_requests WHERE service_id = ? AND email = ? AND bounced_at IS NOT NULL LIMIT 1");
  const lastAnswer = db.prepare<[string], { at: number | null }>("SELECT MAX(answered_at) AS at FROM campaign_requests WHERE service_id = ?");
  const unsent = db.prepare<[number], RequestRow>("SELECT * FROM campaign_requests WHERE sends = 0 AND answer IS NULL AND bounced_at IS NULL AND expires_at > ? ORDER BY id");
  const waiting = db.prepare<[number], RequestRow>("SELECT * FROM campaign_requests WHERE sends > 0 AND answer IS NULL AND bounced_at IS NULL AND expires_at > ? ORDER BY id");
  const sent = db.prepare<[number, number]>("UPDATE campaign_requests SET sends = sends + 1, last_sent_at = ?, failure = NULL WHERE id = ?");
  const failed = db.prepare<[string, number | null, number]>("UPDATE campaign_requests SET failure = ?, bounced_at = COALESCE(bounced_at, ?) WHERE id = ?");
  const answered = db.prepare<[string, number, number]>("UPDATE campaign_requests SET answer = COALESCE(answer, ?), answered_at = COALESCE(answered_at, ?) WHERE id = ?");
  const insertCorrection = db.prepare<[number, string, string, string, number | null, number]>(
    "INSERT INTO campaign_corrections (request_id, service_id, changes, comment, signalement_id, created_at) VALUES (?, ?, ?, ?, ?, ?)",
  );
  const correctionById = db.prepare<[number], CorrectionRow>("SELECT * FROM campaign_corrections WHERE id = ?");
  const allCorrections = db.prepare<[], CorrectionRow>("SELECT * FROM campaign_corrections ORDER BY id");
  const all = db.prepare<[], RequestRow>("SELECT * FROM campaign_requests ORDER BY id DESC");

  return {
    addRequest(request, now = Date.now()) {
      const id = Number(insert.run(request.campaign, request.serviceId, request.email, now, request.expiresAt).lastInsertRowid);
      return readRequest(byId.get(id)!);
    },
    request: (id) => {
      const row = byId.get(id);
      return row && readRequest(row);
    },
    openRequestFor: (serviceId, now = Date.now()) => {
      const row = open.get(serviceId, now);
      return row && readRequest(row);
    },
    refusedBefore: (serviceId, email) => refused.get(serviceId, email) !== undefined,
    lastAnswerAt: (serviceId) => lastAnswer.get(serviceId)?.at ?? undefined,
    unsent: (now = Date.now()) => unsent.all(now).map(readRequest),
    waiting: (now = Date.now()) => waiting.all(now).map(readRequest),
    markSent: (id, now = Date.now()) => void sent.run(now, id),
    markFailed: (id, failure, permanent, now = Date.now()) => void failed.run(failure.slice(0, 300), permanent ? now : null, id),
    markAnswered: (id, answer, now = Date.now()) => void answered.run(answer, now, id),
    addCorrection(correction, now = Date.now()) {
      const id = Number(
        insertCorrection.run(correction.requestId, correction.serviceId, JSON.stringify(correction.changes), correction.comment, correction.signalementId, now).lastInsertRowid,
      );
      return readCorrection(correctionById.get(id)!);
    },
    corrections: () => allCorrections.all().map(readCorrection),
    all: () => all.all().map(readRequest),
  };
}
