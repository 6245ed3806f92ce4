// The issue as it was when its audience was frozen: a send resumed days later (after a pause, a
// crash, greylisting) sends the same issue to the rest of the list, and the archive shows that
// same issue, even if the base or the file changed in between. Holds base content only.
import type Database from "better-sqlite3";
import { migrate } from "../../knowledge/util/migrate.ts";
import type { IssueModel } from "../compose/model.ts";

const MIGRATIONS = [`CREATE TABLE send_models (issue TEXT PRIMARY KEY, model TEXT NOT NULL, frozen_at INTEGER NOT NULL);`];

export interface FrozenIssues {
  /** Keeps `model` as the issue's content if none is kept yet; returns the kept one. */
  keep(issue: string, model: IssueModel, now?: number): IssueModel;
  get(issue: string): IssueModel | undefined;
}

/** The frozen issue models of a store's database, created on first use. */
export function createFrozenIssues(db: Database.Database): FrozenIssues {
  migrate(db, "send-models", MIGRATIONS);
  const insert = db.prepare("INSERT OR IGNORE INTO send_models (issue, model, frozen_at) VALUES (?, ?, ?)");
  const select = db.prepare<[string], { model: string }>("SELECT model FROM send_models WHERE issue = ?");
  const get = (issue: string) => {
    const row = select.get(issue);
    return row ? (JSON.parse(row.model) as IssueModel) : undefined;
  };
  return {
    keep(issue, model, now = Date.now()) {
      insert.run(issue, JSON.stringify(model), now);
      return get(issue)!;
    },
    get,
  };
}
