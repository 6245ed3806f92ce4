// The digest of a sent issue reaches the configured chat rooms once, through a real adapter.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { relayFinishedIssues } from "../../bot/server/relay.ts";
import { createLogger } from "../../bot/server/logger.ts";
import { openStore } from "../../bot/store/store.ts";
import { publishIssue } from "../../newsletters/archive/publish.ts";
import { composeIssueFile } from "../../newsletters/build.ts";
import { createDeliveryRepository } from "../../newsletters/send/deliveries.ts";
import { demoOrienteur } from "../helpers/bases.ts";
import { TelegramPeer } from "../peers/telegram-peer.ts";

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe("relaying a sent issue to chat rooms", () => {
  it("posts a short digest with the archive link once the issue has reached everyone, and only once", async () => {
    const orienteur = await demoOrienteur();
    const dir = mkdtempSync(join(tmpdir(), "orienteur-relais-"));
    const store = openStore(":memory:");
    const peer = await TelegramPeer.start();
    const adapter = peer.createAdapter();
    await adapter.start(async () => {});
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }), () => store.close(), () => peer.close(), () => adapter.stop());

    const issuePath = fileURLToPath(new URL("../../newsletters/issues/2026-11.yaml", import.meta.url));
    // Sending publishes the issue in the archive; the relay reads it from there.
    const { model } = await composeIssueFile(issuePath, orienteur, { archiveDir: join(dir, "lettres"), baseUrl: "https://orienteur.example.org" });
    await publishIssue(join(dir, "lettres"), model, { baseUrl: "https://orienteur.example.org", now: new Date("2026-11-02T08:00:00Z") });
    const deliveries = createDeliveryRepository(store.db);
    const deps = { adapters: [adapter], store, deliveries, logger: createLogger({ level: "silent" }) };
    const rooms = ["telegram:-1001234"];
    // Telegram only lets a bot post in a group it belongs to: someone writes there first.
    await peer.userSays({ text: "bonjour", direct: false, chat: { id: -1001234, type: "supergroup", title: "Coordination gérontologique" } });

    deliveries.freeze("1", [{ subscriberId: 1, email: "a@example.org", edition: "" }]);
    expect(await relayFinishedIssues(rooms, join(dir, "lettres"), "https://orienteur.example.org", deps)).toEqual([]);

    deliveries.markSent("1", 1);
    deliveries.setState("1", "termine");
    expect(await relayFinishedIssues(rooms, join(dir, "lettres"), "https://orienteur.example.org", deps)).toEqual([1]);
    const [digest] = peer.sent();
    expect(digest?.room).toBe("-1001234");
    expect(digest?.text).toContain("Lettre d'information n° 1");
    expect(digest?.text).toContain("https://orienteur.example.org/lettres/1.html");

    expect(await relayFinishedIssues(rooms, join(dir, "lettres"), "https://orienteur.example.org", deps)).toEqual([]);
    expect(peer.sent()).toHaveLength(1);
  });
});
