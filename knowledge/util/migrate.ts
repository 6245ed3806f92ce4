// Schema versions per module in one SQLite file: each module (chat state, field reports, newsletter
// subscribers and deliveries, campaigns) migrates its own tables without knowing the others'. Here,
// not in bot/store, so that the newsletter takes it without importing the bot (ARCHITECTURE.md);
// the import of better-sqlite3 is a type only: knowledge/ loads no SQLite.
import type Database from "better-sqlite3";

/** Applies the migrations of `module` not yet applied, each in a transaction. */
export function migrate(db: Database.Database, module: string, migrations: readonly string[]): void {
  db.exec("CREATE TABLE IF NOT EXISTS schema_versions (module TEXT PRIMARY KEY, version INTEGER NOT NULL)");
  const current = db.prepare<[string], { version: number }>("SELECT version FROM schema_versions WHERE module = ?").get(module)?.version ?? 0;
  for (let version = current; version < migrations.length; version++) {
    db.transaction(() => {
      db.exec(migrations[version]!);
      db.prepare("INSERT INTO schema_versions (module, version) VALUES (?, ?) ON CONFLICT (module) DO UPDATE SET version = excluded.version").run(module, version + 1);
    })();
  }
}
