// A web server with the directory's routes on loopback, for the directory tests: the real HTTP
// server, the real SQLite feedback table, a fixed day (freshness badges do not change with the
// calendar), and the engine behind a getter the test can swap (as a hot reload does).
import { mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Orienteur } from "../../knowledge/orienteur.ts";
import type { Answer } from "../../knowledge/answer/model.ts";
import { createConversation } from "../../bot/core/conversation.ts";
import { createFeedbackRepository, type FeedbackRepository } from "../../bot/feedback/repository.ts";
import { createDirectoryRoutes } from "../../bot/server/directory/routes.ts";
import { createLogger } from "../../bot/server/logger.ts";
import { createWebServer } from "../../bot/server/web.ts";
import { openStore } from "../../bot/store/store.ts";

export interface DirectoryServer {
  url: string;
  feedback: FeedbackRepository;
  /** What was posted to the editors' rooms. */
  editors: Answer[];
  /** Serves another base from now on. */
  swap(next: Orienteur): void;
  close(): Promise<void>;
}

/** Starts the server; `today` is the day the pages are seen (AAAA-MM-JJ). */
export async function startDirectoryServer(orienteur: Orienteur, today = "2026-12-03"): Promise<DirectoryServer> {
  const dir = mkdtempSync(join(tmpdir(), "orienteur-annuaire-"));
  const store = openStore(join(dir, "state.sqlite"));
  const feedback = createFeedbackRepository(store.db);
  const editors: Answer[] = [];
  let current = orienteur;
  const logger = createLogger({ level: "silent" });
  const routes = createDirectoryRoutes({
    orienteur: () => current,
    feedback,
    notifyEditors: async (answer) => void editors.push(answer),
    logger,
    maxBodyBytes: 64 * 1024,
    publicUrl: "https://orienteur.example.org",
    reportThrottle: { limit: 1000, windowMs: 60_000, maxKeys: 100 },
    now: () => new Date(`${today}T10:00:00Z`),
  });
  const conversation = createConversation(orienteur);
  const server = createWebServer({ conversation: () => conversation, orienteur: () => current, logger, extraRoutes: routes });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    feedback,
    editors,
    swap: (next) => void (current = next),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
