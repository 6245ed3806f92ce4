// The Matrix adapter (also Tchap) against a local homeserver subset: the shared contract, then
// what only Matrix has — access tokens, invitations, sync tokens across restarts, encrypted rooms,
// notices with restricted HTML and intentional mentions, threads, power levels.
import { createFeedbackRepository } from "../../bot/feedback/repository.ts";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Adapter, IncomingMessage } from "../../bot/core/contract.ts";
import { createMatrixAdapter } from "../../bot/adapters/matrix/adapter.ts";
import { createHttpFetch } from "../../bot/adapters/http-fetch.ts";
import { createServer as createHttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { matrixTexts } from "../../bot/adapters/matrix/texts.ts";
import { createBot, type BotOptions } from "../../bot/core/bot.ts";
import { createConversation } from "../../bot/core/conversation.ts";
import { jsonBytes, MATRIX_FIELD_LIMIT, renderMatrix } from "../../bot/render/matrix.ts";
import { createLogger } from "../../bot/server/logger.ts";
import { openStore, type Store } from "../../bot/store/store.ts";
import type { Orienteur } from "../../knowledge/orienteur.ts";
import { runAdapterContract } from "../contract/adapter-contract.ts";
import { demoOrienteur } from "../helpers/bases.ts";
import { ALICE, BOB, BOT, GROUP_ROOM, startMatrixPeer, wellFormedMatrixHtml, type MatrixPeer } from "../peers/matrix-peer.ts";
import { waitFor } from "../helpers/wait.ts";
import { MATRIX_USE_ONCE_SCRIPT } from "../helpers/matrix-once.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

runAdapterContract("matrix", () => startMatrixPeer());


describe("matrix adapter", () => {
  let orienteur: Orienteur;
  const cleanups: (() => Promise<void> | void)[] = [];

  beforeAll(async () => {
    orienteur = await demoOrienteur();
  });

  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function peer(): Promise<MatrixPeer> {
    const started = await startMatrixPeer();
    cleanups.push(() => started.close());
    return started;
  }

  function memoryStore(): Store {
    const store = openStore(":memory:");
    cleanups.push(() => store.close());
    return store;
  }

  /** A real engine and the adapter, started; `received` lists what the adapter delivered. */
  async function runBot(current: MatrixPeer, store: Store = memoryStore(), options: Partial<BotOptions> = {}) {
    const bot = createBot({ orienteur: () => orienteur, conversation: createConversation(orienteur), store, feedback: createFeedbackRepository(store.db), logger: createLogger({ level: "silent" }) }, options);
    const adapter: Adapter = current.createAdapter({ store, mayJoin: bot.mayJoin });
    cleanups.push(() => adapter.stop());
    const received: IncomingMessage[] = [];
    await adapter.start(async (message) => {
      received.push(message);
      await bot.handle(adapter, message);
    });
    return { adapter, bot, received };
  }

  /** Sends a direct marker and waits for its answer: everything sent before has been processed. */
  async function marker(current: MatrixPeer): Promise<string> {
    const before = current.sent().length;
    const id = await current.userSays({ text: "/aide", direct: true });
    await waitFor(() => current.sent().slice(before).some((m) => m.replyTo === id), "the answer to the marker");
    return id;
  }

  describe("start-up", () => {
    it("refuses to start with a rejected access token, naming MATRIX_ACCESS_TOKEN", async () => {
      const current = await peer();
      const adapter = current.createAdapter({}, { accessToken: "syt_jeton_perime" });
      await expect(adapter.start(async () => {})).rejects.toThrow(/^MATRIX_ACCESS_TOKEN est défini mais le serveur Matrix .* l'a refusé \(401 M_UNKNOWN_TOKEN\)/);
    });

    it("refuses to start when the homeserver cannot be reached, naming MATRIX_HOMESERVER_URL", async () => {
      const store = memoryStore();
      const adapter = createMatrixAdapter({ homeserverUrl: "http://127.0.0.1:9", accessToken: "syt_x" }, { store, mayJoin: () => true, logger: createLogger({ level: "silent" }) });
      await expect(adapter.start(async () => {})).rejects.toThrow(/injoignable .*MATRIX_HOMESERVER_URL/);
    });

    it("refuses to start when MATRIX_USER_ID is not the token's account", async () => {
      const current = await peer();
      const adapter = current.createAdapter({}, { userId: "@quelquun:orienteur.test" });
      await expect(adapter.start(async () => {})).rejects.toThrow(`MATRIX_USER_ID vaut @quelquun:orienteur.test mais MATRIX_ACCESS_TOKEN appartient au compte ${BOT}`);
    });
  });

  describe("invitations", () => {
    it("joins a room when an allowed inviter invites it, and declines anyone else's invitation", async () => {
      const current = await peer();
      await runBot(current, memoryStore(), { allowedInviters: [`matrix:${ALICE}`] });
      const fromAlice = current.invite(ALICE);
      const fromBob = current.invite(BOB);
      await waitFor(() => current.membership(fromAlice, BOT) === "join", "the bot to join Alice's room");
      await waitFor(() => current.membership(fromBob, BOT) === "leave", "the bot to decline Bob's invitation");
    });

    it("accepts an invitation sent while it was down", async () => {
      const current = await peer();
      const room = current.invite(ALICE);
      await runBot(current);
      await waitFor(() => current.membership(room, BOT) === "join", "the bot to join");
    });
  });

  describe("sync token", () => {
    it("after a restart, answers once what was sent while it was down, and replays nothing older", async () => {
      const current = await peer();
      const store = memoryStore();
      const first = await runBot(current, store);
      const before = await current.userSays({ text: "portage de repas à Clamecy", direct: true });
      await waitFor(() => current.sent().some((m) => m.replyTo === before), "the answer before the restart");
      await first.adapter.stop();

      const whileDown = await current.userSays({ text: "aide à domicile à Nevers", direct: true });
      const second = await runBot(current, store);
      const last = await marker(current);

      expect(current.sent().filter((m) => m.replyTo === whileDown)).toHaveLength(1);
      expect(current.sent().filter((m) => m.replyTo === before)).toHaveLength(1);
      expect(second.received.map((m) => m.id)).toEqual([whileDown, last]);
      // One initial sync in all: the second start resumed from the saved token.
      expect(current.syncSinces.filter((since) => since === undefined)).toHaveLength(1);
      expect(store.getValue(`matrix:sync_token:${BOT}`)).toMatch(/^s\d+$/);
    });

    it("does not answer history even when a lax homeserver sends it in the first sync", async () => {
      const current = await startMatrixPeer({ ignoreTimelineLimit: true });
      cleanups.push(() => current.close());
      await current.seedHistory("portage de repas à Clamecy");
      const { received } = await runBot(current);
      const last = await marker(current);
      expect(current.sent()).toHaveLength(1);
      expect(received.map((m) => m.id)).toEqual([last]);
    });
  });

  describe("encrypted rooms", () => {
    it("says once, in French, that it cannot read an encrypted room — even after a restart", async () => {
      const current = await peer();
      const store = memoryStore();
      const room = current.createRoom([ALICE, BOB, BOT], { encrypted: true });
      const first = await runBot(current, store);
      await current.userSays({ text: "", direct: false, room, encrypted: true });
      await current.userSays({ text: "", direct: false, room, encrypted: true });
      await waitFor(() => current.sent().some((m) => m.room === room), "the notice");
      await marker(current);
      await first.adapter.stop();
      await runBot(current, store);
      await current.userSays({ text: "", direct: false, room, encrypted: true, sender: BOB });
      await marker(current);

      const notices = current.sent().filter((m) => m.room === room);
      expect(notices).toHaveLength(1);
      expect(notices[0]!.text).toBe(matrixTexts.encryptedRoom);
      expect(notices[0]!.text).toContain("Ce salon est chiffré : je ne peux pas lire les messages.");
    });

    it("joins an encrypted room it is invited to and says at once that it cannot read it", async () => {
      const current = await peer();
      await runBot(current);
      const room = current.invite(ALICE, { encrypted: true });
      await waitFor(() => current.sent().some((m) => m.room === room), "the notice");
      expect(current.membership(room, BOT)).toBe("join");
      expect(current.sent().filter((m) => m.room === room).map((m) => m.text)).toEqual([matrixTexts.encryptedRoom]);
    });
  });

  describe("answers", () => {
    it("notifies the asker of its answer: in a group room as a mention, in a direct conversation as a message", async () => {
      const current = await peer();
      await runBot(current);
      const inGroup = await current.userSays({ text: "portage de repas à Clamecy", direct: false, mention: true });
      const direct = await current.userSays({ text: "portage de repas à Clamecy", direct: true });
      await waitFor(() => current.sent().length >= 2, "both answers");
      const answerTo = (id: string) => current.botEvents().find((e) => (e.content["m.relates_to"] as { "m.in_reply_to": { event_id: string } })["m.in_reply_to"].event_id === id)!;
      expect(current.pushAction(answerTo(inGroup), ALICE)).toBe("highlight");
      expect(current.pushAction(answerTo(inGroup), BOB)).not.toBe("highlight");
      expect(current.pushAction(answerTo(direct), ALICE)).toBe("notify");
    });

    it("never answers a notice, even one that mentions it or replies to it", async () => {
      const current = await peer();
      await runBot(current);
      await current.userSays({ text: "portage de repas à Clamecy", direct: false, mention: true });
      await waitFor(() => current.sent().length === 1, "the answer");
      await current.userSays({ text: "portage de repas à Nevers", direct: false, mention: true, msgtype: "m.notice", sender: BOB });
      await current.userSays({ text: "et à Decize ?", direct: false, msgtype: "m.notice", sender: BOB, followUp: { to: current.sent()[0]!.id, how: "reply" } });
      await marker(current);
      expect(current.sent()).toHaveLength(2);
    });

    it("answers with text events whose HTML uses only Matrix tags, sigles written out", async () => {
      const current = await peer();
      await runBot(current);
      const question = await current.userSays({ text: "portage de repas à Clamecy", direct: false, mention: true });
      const definition = await current.userSays({ text: "c'est quoi un DAC ?", direct: true });
      await waitFor(() => current.sent().length >= 2, "both answers");

      for (const event of current.botEvents()) {
        expect(event.content.msgtype).toBe("m.text");
        expect(event.content.format).toBe("org.matrix.custom.html");
        const html = String(event.content.formatted_body);
        expect(html).not.toMatch(/<abbr|<dl|<dt|<dd|class=/);
        expect(wellFormedMatrixHtml(html)).toBe(true);
        expect(event.content["m.mentions"]).toBeDefined();
      }
      const [orientation, sigle] = [question, definition].map((id) => current.botEvents().find((e) => (e.content["m.relates_to"] as { "m.in_reply_to": { event_id: string } })["m.in_reply_to"].event_id === id)!);
      expect(String(orientation!.content.formatted_body)).toContain("CIAS (Centre intercommunal d&#39;action sociale)");
      expect(String(sigle!.content.body)).toContain("Dispositif d'appui à la coordination");
    });

    it("mentions only the asker in a group room, and nobody in a direct conversation", async () => {
      const current = await peer();
      await runBot(current);
      const inGroup = await current.userSays({ text: "portage de repas à Clamecy @room", direct: false, mention: true });
      const direct = await current.userSays({ text: "portage de repas à Clamecy @room", direct: true });
      await waitFor(() => current.sent().length >= 2, "both answers");
      const mentionsOf = (id: string) => current.botEvents().find((e) => (e.content["m.relates_to"] as { "m.in_reply_to": { event_id: string } })["m.in_reply_to"].event_id === id)!.content["m.mentions"];
      expect(mentionsOf(inGroup)).toEqual({ user_ids: [ALICE] });
      expect(mentionsOf(direct)).toEqual({});
    });

    it("answers a question asked in a thread inside that thread", async () => {
      const current = await peer();
      await runBot(current);
      const root = await current.userSays({ text: "Nouvelle situation à étudier", direct: false });
      const question = await current.userSays({ text: "portage de repas à Clamecy", direct: false, mention: true, thread: root });
      await waitFor(() => current.sent().length > 0, "the answer");
      expect(current.botEvents()[0]!.content["m.relates_to"]).toEqual({ rel_type: "m.thread", event_id: root, is_falling_back: true, "m.in_reply_to": { event_id: question } });
    });

    it("answers a reply to one of its messages without being mentioned", async () => {
      const current = await peer();
      await runBot(current);
      const question = await current.userSays({ text: "portage de repas à Clamecy", direct: false, mention: true });
      await waitFor(() => current.sent().length === 1, "the first answer");
      const answerId = current.botEvents()[0]!.event_id;
      const followUp = await current.userSays({ text: "et à Nevers ?", direct: false, replyTo: answerId });
      await waitFor(() => current.sent().some((m) => m.replyTo === followUp), "the answer to the reply");
      expect(current.sent().filter((m) => m.replyTo === question)).toHaveLength(1);
    });

    it("understands a legacy mention (the bot's name in the text, no m.mentions)", async () => {
      const current = await peer();
      const { received } = await runBot(current);
      await current.userSays({ text: "portage de repas à Clamecy", direct: false, mention: true, legacyMention: true });
      await waitFor(() => current.sent().length > 0, "the answer");
      expect(received[0]).toMatchObject({ mentionsBot: true, text: "portage de repas à Clamecy", isDirect: false });
      expect(current.sent()[0]!.text).toContain("Portage de repas du Haut Nivernais");
    });

    it("lets a room admin, and not a member, set the room's default place", async () => {
      const current = await peer();
      const { received } = await runBot(current);
      const byBob = await current.userSays({ text: "!territoire Nevers", direct: false, sender: BOB });
      const byAlice = await current.userSays({ text: "!territoire Nevers", direct: false, sender: ALICE });
      await waitFor(() => current.sent().length === 2, "both answers");
      expect(received.find((m) => m.id === byAlice)?.author.isRoomAdmin).toBe(true);
      expect(received.find((m) => m.id === byBob)?.author.isRoomAdmin).toBe(false);
      expect(current.sent().find((m) => m.replyTo === byBob)!.text).toContain("Seuls les administrateurs");
      expect(current.sent().find((m) => m.replyTo === byAlice)!.text).toContain("C'est noté");
      expect(received.every((m) => m.room === GROUP_ROOM && m.isCommand)).toBe(true);
    });

    it("shows that it is typing for five seconds", async () => {
      const current = await peer();
      const { adapter, received } = await runBot(current);
      await current.userSays({ text: "portage de repas à Clamecy", direct: true });
      await waitFor(() => received.length > 0, "the message");
      await adapter.showTyping!(received[0]!);
      expect(current.typing()).toContainEqual({ room: received[0]!.room, typing: true, timeout: 5000 });
    });
  });

  it("posts to a room outside any conversation, as a notice that mentions nobody", async () => {
    const current = await peer();
    const { adapter } = await runBot(current);
    await adapter.post!(GROUP_ROOM, { blocks: [{ type: "paragraph", text: [{ text: "Lettre d'information n° 12" }] }] });
    expect(current.botEvents()).toHaveLength(1);
    expect(current.botEvents()[0]!.content).toMatchObject({ msgtype: "m.notice", body: "Lettre d'information n° 12", "m.mentions": {} });
    expect(current.botEvents()[0]!.content["m.relates_to"]).toBeUndefined();
  });

  it("lets Node exit at once after stop()", () => {
    // matrix-js-sdk leaves a 110-second timer per /sync behind; the adapter must not.
    const child = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", MATRIX_USE_ONCE_SCRIPT], { cwd: ROOT, timeout: 20_000, encoding: "utf8" });
    expect(child.status, child.stderr).toBe(0);
  });

  describe("rendering", () => {
    it("cuts an overlong paragraph at spaces into well-formed events within the limit", () => {
      const words = Array.from({ length: 6000 }, (_, i) => `mot${i}<&>`);
      const chunks = renderMatrix({ blocks: [{ type: "paragraph", text: [{ text: words.join(" ") }] }] });
      expect(chunks.length).toBeGreaterThan(1);
      for (const chunk of chunks) {
        expect(jsonBytes(chunk.html)).toBeLessThanOrEqual(MATRIX_FIELD_LIMIT);
        expect(jsonBytes(chunk.body)).toBeLessThanOrEqual(MATRIX_FIELD_LIMIT);
        expect(wellFormedMatrixHtml(chunk.html)).toBe(true);
      }
      expect(chunks.map((c) => c.body).join(" ").split(/\s+/)).toEqual(words);
    });

    it("keeps the numbering of a list of services cut across events", () => {
      const card = (i: number) => ({ id: `s${i}`, nom: [{ text: `Service ${i}` }], generaliste: false, resume: [{ text: "x".repeat(300) }], raisons: [], contacts: [] });
      const chunks = renderMatrix({ blocks: [{ type: "services", items: Array.from({ length: 12 }, (_, i) => card(i + 1)) }] }, 2000);
      expect(chunks.length).toBeGreaterThan(1);
      const second = chunks[1]!;
      const first = Number(/^<ol start="(\d+)">/.exec(second.html)?.[1]);
      expect(second.html).toContain(`Service ${first}<`);
      expect(second.body.startsWith(`${first}. Service ${first}`)).toBe(true);
    });

    it("writes a sigle with its expansion, never as <abbr>", () => {
      const [chunk] = renderMatrix({ blocks: [{ type: "paragraph", text: [{ text: "Appelez le " }, { text: "CIAS", abbr: "Centre intercommunal d'action sociale" }] }] });
      expect(chunk!.html).toBe("<p>Appelez le CIAS (Centre intercommunal d&#39;action sociale)</p>");
      expect(chunk!.body).toBe("Appelez le CIAS (Centre intercommunal d'action sociale)");
    });
  });

});

describe("the adapters' HTTP client (node:http instead of Node's fetch)", () => {
  it("answers status, headers and JSON as fetch does, and fails as fetch fails", async () => {
    const server = createHttpServer((request, response) => {
      if (request.url === "/slow") return void setTimeout(() => response.end("{}"), 5_000).unref();
      response.writeHead(request.url === "/missing" ? 404 : 200, { "content-type": "application/json" });
      request.pipe(response);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const root = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const http = createHttpFetch();
    try {
      const echoed = await http.fetch(`${root}/echo`, { method: "POST", body: JSON.stringify({ msgtype: "m.text", body: "é" }), headers: { "content-type": "application/json" } });
      expect(echoed.ok).toBe(true);
      expect(echoed.headers.get("Content-Type")).toBe("application/json");
      expect(await echoed.json()).toEqual({ msgtype: "m.text", body: "é" });
      const missing = await http.fetch(`${root}/missing`, { method: "PUT", body: '{"errcode":"M_NOT_FOUND"}' });
      expect([missing.ok, missing.status, await missing.text()]).toEqual([false, 404, '{"errcode":"M_NOT_FOUND"}']);
      // As fetch: the signal's reason (the SDK tells a timeout, retried, from its own abort).
      await expect(http.fetch(`${root}/slow`, { signal: AbortSignal.timeout(50) })).rejects.toMatchObject({ name: "TimeoutError" });
      const aborting = new AbortController();
      const aborted = http.fetch(`${root}/slow`, { signal: aborting.signal });
      aborting.abort();
      await expect(aborted).rejects.toMatchObject({ name: "AbortError" });
    } finally {
      http.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
    await expect(createHttpFetch().fetch(root)).rejects.toThrow(TypeError);
  });
});
