// Subscribers in the local SQLite file: SQL only, no web and no e-mail here (listmonk keeps its
// store apart from its web layer the same way). Stored: the address, an optional first name,
// the chosen territory and themes, and the consent (date and source) — nothing else.
import type Database from "better-sqlite3";
import { migrate } from "../../bot/store/migrate.ts";

export type SubscriberStatus = "en_attente" | "confirme" | "desabonne";

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
}

export interface SubscriptionRequest {
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
];

export interface SubscriberRepository {
  /**
   * Records a request to subscribe (pending until confirmed). An address already confirmed stays
   * as it is; a pending or unsubscribed one is (re)set to pending with the new choices.
   */
  request(request: SubscriptionRequest, now?: number): Subscriber;
  confirm(id: number, now?: number): Subscriber | undefined;
  unsubscribe(id: number, now?: number): Subscriber | undefined;
  updatePreferences(id: number, choices: Pick<SubscriptionRequest, "prenom" | "territoire" | "themes">, now?: number): Subscriber | undefined;
  byId(id: number): Subscriber | undefined;
  byEmail(email: string): Subscriber | undefined;
  /** Erases everything about a subscriber (right to erasure). */
  erase(id: number): boolean;
  confirmed(): Subscriber[];
}

/** The subscriber table of a store's database, created or migrated on first use. */
export function createSubscriberRepository(db: Database.Database): SubscriberRepository {
  migrate(db, "subscribers", MIGRATIONS);
  const byIdStatement = db.prepare<[number], Row>("SELECT * FROM subscribers WHERE id = ?");
  const byEmailStatement = db.prepare<[string], Row>("SELECT * FROM subscribers WHERE email = ?");
  const insert = db.prepare(
    `INSERT INTO subscribers (email, prenom, territoire_type, territoire_code, themes, status, consent_source, created_at, updated_at)
     VALUES (@email, @prenom, @territoire_type, @territoire_code, @themes, 'en_attente', @source, @now, @now)`,
  );
  const resetPending = db.prepare(
    `UPDATE subscribers SET prenom = @prenom, territoire_type = @territoire_type, territoire_code = @territoire_code, themes = @themes,
       status = 'en_attente', consent_source = @source, consent_at = NULL, updated_at = @now WHERE id = @id`,
  );
  const setStatus = db.prepare("UPDATE subscribers SET status = @status, consent_at = @consent_at, updated_at = @now WHERE id = @id");
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
    };
  const choiceParams = (choices: Pick<SubscriptionRequest, "prenom" | "territoire" | "themes">) => ({
    prenom: choices.prenom?.trim() ? choices.prenom.trim().slice(0, 80) : null,
    territoire_type: choices.territoire?.type ?? null,
    territoire_code: choices.territoire?.code ?? null,
    themes: JSON.stringify(choices.themes ?? []),
  });

  return {
    request(request, now = Date.now()) {
      return db.transaction(() => {
        const existing = read(byEmailStatement.get(request.email));
        if (existing?.status === "confirme") return existing;
        const params = { ...choiceParams(request), source: request.source, now };
        if (existing) resetPending.run({ ...params, id: existing.id });
        else insert.run({ ...params, email: request.email });
        return read(byEmailStatement.get(request.email))!;
      })();
    },
    confirm(id, now = Date.now()) {
      const existing = read(byIdStatement.get(id));
      if (!existing) return undefined;
      if (existing.status !== "confirme") setStatus.run({ id, status: "confirme", consent_at: now, now });
      return read(byIdStatement.get(id));
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
    erase: (id) => remove.run(id).changes === 1,
    confirmed: () => confirmedStatement.all().map((row) => read(row)!),
  };
}
