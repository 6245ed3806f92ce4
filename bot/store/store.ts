// Operational state in one local SQLite file: sync tokens, room settings, redelivery keys.
// Nothing personal is stored: ids of rooms and platform events, never message contents.
import Database from "better-sqlite3";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import type { Platform } from "../core/contract.ts";
import type { BotState, RoomPlace } from "../core/state.ts";
import { migrate } from "../../knowledge/util/migrate.ts";


/** The bot's state (`BotState`), plus what the server and the other modules keep in the same file. */
export interface Store extends BotState {
  /** A small value kept across restarts (a Matrix sync token, a Telegram update offset). */
  getValue(key: string): string | undefined;
  setValue(key: string, value: string): void;
  /** Records a platform message id; false when it was already seen (a redelivery). */
  markSeen(platform: Platform, id: string, now?: number): boolean;
  /** Forgets redelivery keys older than `maxAgeMs` (platforms redeliver within minutes). */
  pruneSeen(maxAgeMs: number, now?: number): number;
  close(): void;
  /** The underlying database, for other modules' own tables (newsletter subscribers). */
  readonly db: Database.Database;
}

const MIGRATIONS = [
  `CREATE TABLE kv (key TEXT PRIMARY KEY, value TEXT NOT NULL);
   CREATE TABLE room_settings (platform TEXT NOT NULL, room TEXT NOT NULL, place_type TEXT, place_code TEXT, updated_at INTEGER NOT NULL, PRIMARY KEY (platform, room));
   CREATE TABLE seen (platform TEXT NOT NULL, id TEXT NOT NULL, seen_at INTEGER NOT NULL, PRIMARY KEY (platform, id));
   CREATE INDEX seen_by_age ON seen (seen_at);`,
];

/**
 * Opens (and creates or migrates) the store. `path` may be `:memory:` for tests.
 * @example const store = openStore(process.env.ORIENTEUR_DB ?? "var/orienteur.sqlite");
 */
export function openStore(path: string): Store {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("busy_timeout = 5000");
  migrate(db, "chat", MIGRATIONS);

  const getValue = db.prepare<[string], { value: string }>("SELECT value FROM kv WHERE key = ?");
  const setValue = db.prepare("INSERT INTO kv (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value");
  const getPlace = db.prepare<[string, string], { place_type: string | null; place_code: string | null }>(
    "SELECT place_type, place_code FROM room_settings WHERE platform = ? AND room = ?",
  );
  const setPlace = db.prepare(
    `INSERT INTO room_settings (platform, room, place_type, place_code, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (platform, room) DO UPDATE SET place_type = excluded.place_type, place_code = excluded.place_code, updated_at = excluded.updated_at`,
  );
  const insertSeen = db.prepare("INSERT OR IGNORE INTO seen (platform, id, seen_at) VALUES (?, ?, ?)");
  const pruneSeen = db.prepare("DELETE FROM seen WHERE seen_at < ?");

  return {
    db,
    getValue: (key) => getValue.get(key)?.value,
    setValue: (key, value) => void setValue.run(key, value),
    roomPlace(platform, room) {
      const row = getPlace.get(platform, room);
      return row?.place_type && row.place_code ? { type: row.place_type, code: row.place_code } : undefined;
    },
    setRoomPlace: (platform, room, place) => void setPlace.run(platform, room, place?.type ?? null, place?.code ?? null, Date.now()),
    markSeen: (platform, id, now = Date.now()) => insertSeen.run(platform, id, now).changes === 1,
    pruneSeen: (maxAgeMs, now = Date.now()) => pruneSeen.run(now - maxAgeMs).changes,
    close: () => db.close(),
  };
}
