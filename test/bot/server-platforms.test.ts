// The real server with chat platforms configured as an operator would, through the environment,
// each pointed at its local peer: one failing platform must never stop the others.
import { afterEach, describe, expect, it } from "vitest";
import { readConfig } from "../../bot/server/config.ts";
import { createLogger } from "../../bot/server/logger.ts";
import { startServer, type RunningServer } from "../../bot/server/start.ts";
import { DEMO_DIR } from "../helpers/bases.ts";
import { startSlackPeer, type SlackPeer } from "../peers/slack-peer.ts";
import { TelegramPeer } from "../peers/telegram-peer.ts";
import { waitFor } from "../helpers/wait.ts";

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});


describe("the server with chat platforms", () => {
  it("keeps answering on Telegram while Slack refuses its token, and says so in French", async () => {
    const telegram = await TelegramPeer.start();
    const slack: SlackPeer = await startSlackPeer({ mode: "socket" });
    cleanups.push(() => telegram.close(), () => slack.close());
    const reports: string[] = [];
    const { config, problems } = readConfig({
      ORIENTEUR_DB: ":memory:",
      ORIENTEUR_SECRET: "s".repeat(40),
      TELEGRAM_BOT_TOKEN: telegram.token,
      TELEGRAM_API_ROOT: telegram.apiRoot,
      SLACK_BOT_TOKEN: "xoxb-refuse",
      SLACK_APP_TOKEN: "xapp-refuse",
      SLACK_API_URL: `${slack.base}/api`,
    });
    expect(problems).toEqual([]);
    const server: RunningServer = await startServer({ kb: DEMO_DIR, port: 0, host: "127.0.0.1", config, handleSignals: false, logger: createLogger({ level: "silent" }), report: (m) => reports.push(m) });
    cleanups.push(() => server.stop());
    expect(server.platforms).toEqual(["slack", "telegram"]);

    await telegram.userSays({ text: "portage de repas à Clamecy", direct: true });
    await waitFor(() => telegram.sent().length > 0);
    expect(telegram.sent()[0]!.text).toContain("Portage de repas du Haut Nivernais");

    await waitFor(() => reports.some((r) => r.startsWith("slack : ")));
    expect(reports.find((r) => r.startsWith("slack : "))).toMatch(/SLACK_BOT_TOKEN.*Nouvel essai dans 1 s ; les autres plateformes continuent\.$/s);
  });

  it("stops gracefully: no new messages, answers in flight finished", async () => {
    const telegram = await TelegramPeer.start();
    cleanups.push(() => telegram.close());
    const { config } = readConfig({ ORIENTEUR_DB: ":memory:", ORIENTEUR_SECRET: "s".repeat(40), TELEGRAM_BOT_TOKEN: telegram.token, TELEGRAM_API_ROOT: telegram.apiRoot });
    const server = await startServer({ kb: DEMO_DIR, port: 0, host: "127.0.0.1", config, handleSignals: false, logger: createLogger({ level: "silent" }), report: () => {} });
    await telegram.userSays({ text: "portage de repas à Clamecy", direct: true });
    await waitFor(() => telegram.sent().length > 0);
    await server.stop();
    await telegram.userSays({ text: "portage de repas à Decize", direct: true });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(telegram.sent()).toHaveLength(1);
  });
});
