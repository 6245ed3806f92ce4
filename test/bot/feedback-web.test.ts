// Questions asked on the local page feed the unmet-needs watch like chat questions do.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createFeedbackRepository } from "../../bot/feedback/repository.ts";
import { readConfig } from "../../bot/server/config.ts";
import { createLogger } from "../../bot/server/logger.ts";
import { startServer } from "../../bot/server/start.ts";
import { openStore } from "../../bot/store/store.ts";
import { DEMO_DIR } from "../helpers/bases.ts";

describe("the unmet-needs watch on the web page", () => {
  it("records a question with no local answer, with its need and place, and not the person's name", async () => {
    const dir = mkdtempSync(join(tmpdir(), "orienteur-veille-web-"));
    const db = join(dir, "state.sqlite");
    const { config } = readConfig({ ORIENTEUR_DB: db, ORIENTEUR_SECRET: "s".repeat(40) });
    const server = await startServer({ kb: DEMO_DIR, port: 0, host: "127.0.0.1", config, handleSignals: false, logger: createLogger({ level: "silent" }), report: () => {} });
    try {
      for (const question of ["accueil de jour alzheimer pour Mme Dupont à Château-Chinon", "portage de repas à Clamecy"]) {
        await fetch(`${server.url}/api/ask`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ question }) });
      }
    } finally {
      await server.stop();
    }
    const store = openStore(db);
    const groups = createFeedbackRepository(store.db).unmetNeedsReport(0);
    const rows = JSON.stringify(store.db.prepare("SELECT * FROM besoins_non_couverts").all());
    store.close();
    rmSync(dir, { recursive: true, force: true });
    expect(groups).toHaveLength(1);
    expect(groups[0]).toMatchObject({ besoin: "accueil-de-jour", lieu: { code: "58062" }, count: 1 });
    expect(rows).not.toContain("Dupont");
  });
});
