// What the field tells the editors, in the local SQLite file: reports of outdated or wrong entries
// (« signalements ») and the questions the base could not serve (« veille sociale des besoins »).
// Stored scrubbed of personal data, with no author id and never the question as typed: every report
// goes through scrubPersonalData here, whatever the caller already did. An unmet need is stored by
// shape (allow-list): need ids, folded words of letters only, a place code — nothing else fits in.
import type Database from "better-sqlite3";
import { scrubPersonalData } from "../../knowledge/privacy/personal-data.ts";
import { tokenize } from "../../knowledge/text/normalize.ts";
import { migrate } from "../../knowledge/util/migrate.ts";

export interface Signalement {
  id: number;
  platform: string;
  /** The group room it came from; null for a direct message (a private chat id names its author). */
  room: string | null;
  serviceId: string;
  texte: string;
  createdAt: number;
  closedAt: number | null;
  closedNote: string | null;
}

interface NewSignalement {
  platform: string;
  room: string | null;
  serviceId: string;
  texte: string;
}

/** Where a question was about, as the knowledge layer names it. */
interface UnmetPlace {
  type: string;
  code: string;
  nom: string;
}

export interface UnmetNeed {
  /** Ids of the needs recognised (none when the need itself was not understood). */
  besoins: string[];
  /** The words of the question that say the need, scrubbed, place and filler words removed. */
  termes: string;
  lieu: UnmetPlace | null;
  /** Why it is unmet: « besoin-inconnu », « aucun-service-local », « sans-resultat ». */
  situation: string;
}

export interface UnmetNeedGroup {
  /** Need id; null for questions whose need was not recognised (grouped by their words). */
  besoin: string | null;
  lieu: UnmetPlace | null;
  count: number;
  /** Words used, most frequent first (at most 5). */
  termes: string[];
  situations: string[];
  first: number;
  last: number;
}

export interface FeedbackRepository {
  /** Stores a report (its text scrubbed); returns it with its number. */
  addSignalement(report: NewSignalement, now?: number): Signalement;
  /** Open reports, oldest first; with `all`, closed ones too. */
  signalements(options?: { all?: boolean }): Signalement[];
  signalement(id: number): Signalement | undefined;
  /** Closes a report with an optional note (scrubbed); undefined when there is no such report. */
  closeSignalement(id: number, note?: string, now?: number): Signalement | undefined;
  recordUnmetNeed(need: UnmetNeed, now?: number): void;
  /** Unmet needs since `since` (ms since epoch), grouped by need and place, most frequent first. */
  unmetNeedsReport(since: number): UnmetNeedGroup[];
}

const MIGRATIONS = [
  `CREATE TABLE signalements (
     id INTEGER PRIMARY KEY,
     platform TEXT NOT NULL,
     room TEXT,
     service_id TEXT NOT NULL,
     texte TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     closed_at INTEGER,
     closed_note TEXT
   );
   CREATE TABLE besoins_non_couverts (
     id INTEGER PRIMARY KEY,
     at INTEGER NOT NULL,
     besoins TEXT NOT NULL DEFAULT '[]',
     termes TEXT NOT NULL,
     lieu_type TEXT,
     lieu_code TEXT,
     lieu_nom TEXT,
     situation TEXT NOT NULL
   );
   CREATE INDEX besoins_non_couverts_by_date ON besoins_non_couverts (at);`,
];

interface SignalementRow {
  id: number;
  platform: string;
  room: string | null;
  service_id: string;
  texte: string;
  created_at: number;
  closed_at: number | null;
  closed_note: string | null;
}

interface UnmetRow {
  at: number;
  besoins: string;
  termes: string;
  lieu_type: string | null;
  lieu_code: string | null;
  lieu_nom: string | null;
  situation: string;
}

const MAX_TEXT = 2000;
const MAX_TERMS = 12;

/** Folded words of letters only (« portage repas »): digits, « @ » and punctuation cannot reach the table. */
function safeTerms(termes: string): string {
  const words = tokenize(termes).filter((w) => /^\p{Ll}{2,40}$/u.test(w));
  return [...new Set(words)].slice(0, MAX_TERMS).join(" ");
}

/** Need ids as the base writes them (« portage-repas », « danger:suicide »). */
const safeIds = (ids: readonly string[]): string[] => ids.filter((id) => /^[a-z0-9:-]{1,80}$/.test(id));
/** A place code (INSEE commune, EPCI SIREN, département, territory id): short, no spaces. */
const safeCode = (code: string): string | null => (/^[\p{L}\p{N}-]{1,40}$/u.test(code) ? code : null);

/** The feedback tables of a store's database, created or migrated on first use. */
export function createFeedbackRepository(db: Database.Database): FeedbackRepository {
  migrate(db, "feedback", MIGRATIONS);
  const insertReport = db.prepare<[string, string | null, string, string, number]>(
    "INSERT INTO signalements (platform, room, service_id, texte, created_at) VALUES (?, ?, ?, ?, ?)",
  );
  const reportById = db.prepare<[number], SignalementRow>("SELECT * FROM signalements WHERE id = ?");
  const openReports = db.prepare<[], SignalementRow>("SELECT * FROM signalements WHERE closed_at IS NULL ORDER BY id");
  const allReports = db.prepare<[], SignalementRow>("SELECT * FROM signalements ORDER BY id");
  const closeReport = db.prepare<[number, string | null, number]>("UPDATE signalements SET closed_at = ?, closed_note = ? WHERE id = ?");
  const insertUnmet = db.prepare<[number, string, string, string | null, string | null, string | null, string]>(
    "INSERT INTO besoins_non_couverts (at, besoins, termes, lieu_type, lieu_code, lieu_nom, situation) VALUES (?, ?, ?, ?, ?, ?, ?)",
  );
  const unmetSince = db.prepare<[number], UnmetRow>("SELECT at, besoins, termes, lieu_type, lieu_code, lieu_nom, situation FROM besoins_non_couverts WHERE at >= ? ORDER BY at");

  const read = (row: SignalementRow | undefined): Signalement | undefined =>
    row && {
      id: row.id,
      platform: row.platform,
      room: row.room,
      serviceId: row.service_id,
      texte: row.texte,
      createdAt: row.created_at,
      closedAt: row.closed_at,
      closedNote: row.closed_note,
    };

  return {
    addSignalement(report, now = Date.now()) {
      const texte = scrubPersonalData(report.texte.trim()).slice(0, MAX_TEXT);
      const id = Number(insertReport.run(report.platform, report.room, report.serviceId, texte, now).lastInsertRowid);
      return read(reportById.get(id))!;
    },
    signalements: (options = {}) => (options.all ? allReports : openReports).all().map((row) => read(row)!),
    signalement: (id) => read(reportById.get(id)),
    closeSignalement(id, note, now = Date.now()) {
      const existing = read(reportById.get(id));
      if (!existing) return undefined;
      const cleanNote = note?.trim() ? scrubPersonalData(note.trim()).slice(0, MAX_TEXT) : null;
      closeReport.run(existing.closedAt ?? now, cleanNote ?? existing.closedNote, id);
      return read(reportById.get(id));
    },
    recordUnmetNeed(need, now = Date.now()) {
      const code = need.lieu ? safeCode(need.lieu.code) : null;
      insertUnmet.run(
        now,
        JSON.stringify(safeIds(need.besoins)),
        safeTerms(need.termes),
        code ? need.lieu!.type.slice(0, 20) : null,
        code,
        // The place's official name, from the geography (never typed text): the digest reads it.
        code ? scrubPersonalData(need.lieu!.nom).slice(0, 100) : null,
        need.situation.slice(0, 40),
      );
    },
    unmetNeedsReport(since) {
      const groups = new Map<string, UnmetNeedGroup & { words: Map<string, number> }>();
      for (const row of unmetSince.all(since)) {
        const ids = JSON.parse(row.besoins) as string[];
        const lieu = row.lieu_type && row.lieu_code ? { type: row.lieu_type, code: row.lieu_code, nom: row.lieu_nom ?? row.lieu_code } : null;
        // A need not understood is grouped by its words: « garde d'animaux » and « covoiturage » are two gaps.
        const needs: (string | null)[] = ids.length > 0 ? ids : [null];
        for (const besoin of needs) {
          const key = `${besoin ?? `?${row.termes}`}|${lieu ? `${lieu.type}:${lieu.code}` : ""}`;
          let group = groups.get(key);
          if (!group) {
            group = { besoin, lieu, count: 0, termes: [], situations: [], first: row.at, last: row.at, words: new Map() };
            groups.set(key, group);
          }
          group.count++;
          group.last = row.at;
          if (!group.situations.includes(row.situation)) group.situations.push(row.situation);
          if (row.termes) group.words.set(row.termes, (group.words.get(row.termes) ?? 0) + 1);
        }
      }
      const french = new Intl.Collator("fr");
      return [...groups.values()]
        .map(({ words, ...group }) => ({ ...group, termes: [...words].sort((a, b) => b[1] - a[1] || french.compare(a[0], b[0])).slice(0, 5).map(([w]) => w) }))
        .sort(
          (a, b) =>
            b.count - a.count ||
            // Recognised needs before the ones not understood, then by name.
            Number(a.besoin === null) - Number(b.besoin === null) ||
            french.compare(a.besoin ?? a.termes[0] ?? "", b.besoin ?? b.termes[0] ?? "") ||
            french.compare(a.lieu?.nom ?? "", b.lieu?.nom ?? ""),
        );
    },
  };
}
