// The live base: valid changes are swapped in under a stream of questions, invalid ones keep the
// last good base serving and the editors' room is told what to fix.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readConfig } from "../../bot/server/config.ts";
import { createLogger } from "../../bot/server/logger.ts";
import { startServer, type RunningServer } from "../../bot/server/start.ts";
import { MINI_DIR } from "../helpers/bases.ts";
import { TelegramPeer } from "../peers/telegram-peer.ts";
import { waitFor } from "../helpers/wait.ts";

const EDITORS = -100999;
let dir: string;
let server: RunningServer;
let telegram: TelegramPeer;


async function ask(): Promise<{ status: number; names: string[] }> {
  const response = await fetch(`${server.url}/api/ask`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ question: "portage de repas à Clamecy" }),
  });
  const body = (await response.json()) as { orientation: { resultats: { nom: string }[] } | null };
  return { status: response.status, names: body.orientation?.resultats.map((r) => r.nom) ?? [] };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "orienteur-rechargement-"));
  cpSync(MINI_DIR, dir, { recursive: true });
  telegram = await TelegramPeer.start();
  const { config } = readConfig({
    ORIENTEUR_DB: ":memory:",
    ORIENTEUR_SECRET: "s".repeat(40),
    TELEGRAM_BOT_TOKEN: telegram.token,
    TELEGRAM_API_ROOT: telegram.apiRoot,
    ORIENTEUR_EDITOR_ROOMS: `telegram:${EDITORS}`,
  });
  server = await startServer({ kb: dir, port: 0, host: "127.0.0.1", config, handleSignals: false, logger: createLogger({ level: "silent" }), report: () => {} });
  // The bot can only post in a group it belongs to: the editors write there first.
  await telegram.userSays({ text: "bonjour", direct: false, chat: { id: EDITORS, type: "supergroup", title: "Rédaction" } });
});

afterAll(async () => {
  await server.stop();
  await telegram.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("the live knowledge base", () => {
  it("swaps a valid change in while questions keep coming, never answering from an empty base", async () => {
    expect((await ask()).names).toEqual(["Portage de repas du Clamecycois"]);
    const file = join(dir, "services/portage-clamecy.yaml");
    const answers: { status: number; names: string[] }[] = [];
    let streaming = true;
    const stream = (async () => {
      while (streaming) answers.push(await ask());
    })();
    writeFileSync(file, readFileSync(file, "utf8").replace("nom: Portage de repas du Clamecycois", "nom: Repas à domicile du Clamecycois"));
    await waitFor(async () => (await ask()).names[0] === "Repas à domicile du Clamecycois", "the changed base to answer", 15_000);
    streaming = false;
    await stream;
    expect(answers.length).toBeGreaterThan(5);
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(answer.names).toHaveLength(1);
      expect(["Portage de repas du Clamecycois", "Repas à domicile du Clamecycois"]).toContain(answer.names[0]);
    }
  });

  it("keeps the last good base serving after an invalid change, and tells the editors what to fix", async () => {
    writeFileSync(join(dir, "services/casse.yaml"), "id: casse\nnom: Service cassé\nzone_eligibilite: [\"58999\"]\n");
    await waitFor(() => telegram.sent().some((m) => m.room === String(EDITORS) && m.text.includes("modification refusée")), "the editors to be told", 15_000);
    const notice = telegram.sent().find((m) => m.room === String(EDITORS))!.text;
    expect(notice).toContain("Les réponses continuent avec la version précédente");
    expect(notice).toMatch(/services\/casse\.yaml:\d+:\d+ — champ « /);
    expect((await ask()).names).toEqual(["Repas à domicile du Clamecycois"]);
  });
});
