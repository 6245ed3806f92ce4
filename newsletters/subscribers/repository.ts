// Subscribers in the local SQLite file: SQL only, no web and no e-mail here (listmonk keeps its
// store apart from its web layer the same way). Stored: the address, an optional first name,
// the chosen territory and themes, and the consent (date and source) — nothing else.
//
// Ids are random and never handed to anyone else: every link a person received names their id, so
// once they are erased those links designate nobody, never the next subscriber. Erasure deletes
// the person's rows here and on the sending side, with deleted bytes overwritten (secure_delete)
// and the write-ahead log emptied, so the address is nowhere in the file afterwards.
import { randomBytes, randomInt } from "node:crypto";
import type Database from "better-sqlite3";
import { migrate } from "../../knowledge/util/migrate.ts";
import { forgetRecipient, recipientHistory, type RecipientHistory } from "../send/deliveries.ts";

type SubscriberStatus = "en_attente" | "confirme" | "desabonne";

export interface Subscriber {
  id: number;
  email: string;
  prenom: string | null;
  territoire: { type: string; code: string } | null;
  themes: string[];
  status: SubscriberStatus;
  consentSource: string;
  consentAt: number | null;
  createdAt: number;
  /** Signs the pending confirmation link; null once confirmed, so that link works only once. */
  confirmationNonce: string | null;
}

interface SubscriptionRequest {
  email: string;
  prenom?: string | undefined;
  territoire?: { type: string; code: string } | undefined;
  themes?: string[] | undefined;
  /** Where the request came from: « web », « matrix », « slack », « telegram »… */
  source: string;
}

interface Row {
  id: number;
  email: string;
  prenom: string | null;
  territoire_type: string | null;
  territoire_code: string | null;
  themes: string;
  status: SubscriberStatus;
  consent_source: string;
  consent_at: number | null;
  created_at: number;
  confirmation_nonce: string | null;
}

const MIGRATIONS = [
  `CREATE TABLE subscribers (
     id INTEGER PRIMARY KEY,
     email TEXT NOT NULL UNIQUE,
     prenom TEXT,
     territoire_type TEXT,
     territoire_code TEXT,
     themes TEXT NOT NULL DEFAULT '[]',
     status TEXT NOT NULL CHECK (status IN ('en_attente', 'confirme', 'desabonne')),
     consent_source TEXT NOT NULL,
     consent_at INTEGER,
     created_at INTEGER NOT NULL,
     updated_at INTEGER NOT NULL
   );`,
  // Pending confirmations get a nonce; links sent before this migration are refused (to be asked again).
  `ALTER TABLE subscribers ADD COLUMN confirmation_nonce TEXT;`,
];

/** Random ids start above any id SQLite gave before they were random, so none is ever given twice. */
const RANDOM_ID_FLOOR = 2 ** 40;

export interface SubscriberRepository {
  /**
   * Records a request to subscribe (pending until confirmed). An address already confirmed stays
   * as it is; a pending or unsubscribed one is (re)set to pending with the new choices.
   */
  request(request: SubscriptionRequest, now?: number): Subscriber;
  /** Confirms a subscriber (the editor's or a test's way; the web checks the nonce with `confirmPending`). */
  confirm(id: number, now?: number): Subscriber | undefined;
  /** Confirms a pending request whose link carries this nonce; undefined when the link is spent or stale. */
  confirmPending(id: number, nonce: string, now?: number): Subscriber | undefined;
  unsubscribe(id: number, now?: number): Subscriber | undefined;
  updatePreferences(id: number, choices: Pick<SubscriptionRequest, "prenom" | "territoire" | "themes">, now?: number): Subscriber | undefined;
  byId(id: number): Subscriber | undefined;
  byEmail(email: string): Subscriber | undefined;
  /** What the sending side holds about a subscriber (deliveries, suppression), for the data export. */
  history(id: number): RecipientHistory;
  /** Erases everything about a subscriber (right to erasure): their row, deliveries and suppression. */
  erase(id: number): boolean;
  confirmed(): Subscriber[];
}

/** The subscriber table of a store's database, created or migrated on first use. */
export function createSubscriberRepository(db: Database.Database): SubscriberRepository {
  migrate(db, "subscribers", MIGRATIONS);
  // Deleted rows are overwritten with zeros, not left in free pages where a copy of the file keeps them.
  db.pragma("secure_delete = ON");
  const byIdStatement = db.prepare<[number], Row>("SELECT * FROM subscribers WHERE id = ?");
  const byEmailStatement = db.prepare<[string], Row>("SELECT * FROM subscribers WHERE email = ?");
  const insert = db.prepare(
    `INSERT INTO subscribers (id, email, prenom, territoire_type, territoire_code, themes, status, consent_source, created_at, updated_at, confirmation_nonce)
     VALUES (@id, @email, @prenom, @territoire_type, @territoire_code, @themes, 'en_attente', @source, @now, @now, @nonce)`,
  );
  const resetPending = db.prepare(
    `UPDATE subscribers SET prenom = @prenom, territoire_type = @territoire_type, territoire_code = @territoire_code, themes = @themes,
       status = 'en_attente', consent_source = @source, consent_at = NULL, updated_at = @now, confirmation_nonce = @nonce WHERE id = @id`,
  );
  const setStatus = db.prepare(
    "UPDATE subscribers SET status = @status, consent_at = @consent_at, updated_at = @now, confirmation_nonce = NULL WHERE id = @id",
  );
  const setChoices = db.prepare(
    "UPDATE subscribers SET prenom = @prenom, territoire_type = @territoire_type, territoire_code = @territoire_code, themes = @themes, updated_at = @now WHERE id = @id",
  );
  const remove = db.prepare("DELETE FROM subscribers WHERE id = ?");
  const confirmedStatement = db.prepare<[], Row>("SELECT * FROM subscribers WHERE status = 'confirme' ORDER BY id");

  const read = (row: Row | undefined): Subscriber | undefined =>
    row && {
      id: row.id,
      email: row.email,
      prenom: row.prenom,
      territoire: row.territoire_type && row.territoire_code ? { type: row.territoire_type, code: row.territoire_code } : null,
      themes: JSON.parse(row.themes) as string[],
      status: row.status,
      consentSource: row.consent_source,
      consentAt: row.consent_at,
      createdAt: row.created_at,
      confirmationNonce: row.confirmation_nonce,
    };
  const choiceParams = (choices: Pick<SubscriptionRequest, "prenom" | "territoire" | "themes">) => ({
    prenom: choices.prenom?.trim() ? choices.prenom.trim().slice(0, 80) : null,
    territoire_type: choices.territoire?.type ?? null,
    territoire_code: choices.territoire?.code ?? null,
    themes: JSON.stringify(choices.themes ?? []),
  });
  const freshId = (): number => {
    for (;;) {
      const id = RANDOM_ID_FLOOR + randomInt(0, 2 ** 48 - 1);
      if (!byIdStatement.get(id)) return id;
    }
  };
  const nonce = () => randomBytes(16).toString("base64url");

  return {
    request(request, now = Date.now()) {
      return db.transaction(() => {
        const existing = read(byEmailStatement.get(request.email));
        if (existing?.status === "confirme") return existing;
        // A second request while pending keeps the nonce: the first e-mail's link still works.
        const params = { ...choiceParams(request), source: request.source, now, nonce: existing?.status === "en_attente" && existing.confirmationNonce ? existing.confirmationNonce : nonce() };
        if (existing) resetPending.run({ ...params, id: existing.id });
        else insert.run({ ...params, id: freshId(), email: request.email });
        return read(byEmailStatement.get(request.email))!;
      })();
    },
    confirm(id, now = Date.now()) {
      const existing = read(byIdStatement.get(id));
      if (!existing) return undefined;
      if (existing.status !== "confirme") setStatus.run({ id, status: "confirme", consent_at: now, now });
      return read(byIdStatement.get(id));
    },
    confirmPending(id, given, now = Date.now()) {
      return db.transaction(() => {
        const existing = read(byIdStatement.get(id));
        if (!existing || existing.status !== "en_attente" || existing.confirmationNonce !== given) return undefined;
        setStatus.run({ id, status: "confirme", consent_at: now, now });
        return read(byIdStatement.get(id));
      })();
    },
    unsubscribe(id, now = Date.now()) {
      const existing = read(byIdStatement.get(id));
      if (!existing) return undefined;
      if (existing.status !== "desabonne") setStatus.run({ id, status: "desabonne", consent_at: existing.consentAt, now });
      return read(byIdStatement.get(id));
    },
    updatePreferences(id, choices, now = Date.now()) {
      if (!byIdStatement.get(id)) return undefined;
      setChoices.run({ ...choiceParams(choices), id, now });
      return read(byIdStatement.get(id));
    },
    byId: (id) => read(byIdStatement.get(id)),
    byEmail: (email) => read(byEmailStatement.get(email)),
    history(id) {
      const subscriber = read(byIdStatement.get(id));
      return subscriber ? recipientHistory(db, subscriber.id, subscriber.email) : { deliveries: [], suppression: null };
    },
    erase(id) {
      const erased = db.transaction(() => {
        const subscriber = read(byIdStatement.get(id));
        if (!subscriber) return false;
        forgetRecipient(db, subscriber.id, subscriber.email);
        return remove.run(id).changes === 1;
      })();
      if (erased) emptyLog(db);
      return erased;
    },
    confirmed: () => confirmedStatement.all().map((row) => read(row)!),
  };
}

/**
 * The write-ahead log still holds the pages as they were before the erasure: copy the zeroed pages
 * into the file and empty the log. A send running in another process may hold the log open; we
 * wait for it half a second at most (this runs inside a web request); otherwise the next
 * erasure, or SQLite when the last connection closes, empties it.
 */
function emptyLog(db: Database.Database): void {
  const patience = db.pragma("busy_timeout", { simple: true }) as number;
  db.pragma("busy_timeout = 500");
  try {
    db.pragma("wal_checkpoint(TRUNCATE)");
  } finally {
    db.pragma(`busy_timeout = ${patience}`);
  }
}
