import { createFeedbackRepository } from "../../bot/feedback/repository.ts";
import { readFileSync } from "node:fs";
import { createServer as createNetServer, type AddressInfo } from "node:net";
import telegramTestApi from "telegram-test-api";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { createTelegramAdapter, type TelegramAdapter } from "../../bot/adapters/telegram/adapter.ts";
import type { IncomingMessage } from "../../bot/core/contract.ts";
import type { Answer } from "../../knowledge/answer/model.ts";
import { createBot } from "../../bot/core/bot.ts";
import { createConversation } from "../../bot/core/conversation.ts";
import { texts } from "../../bot/core/texts.ts";
import { renderTelegram } from "../../bot/render/telegram.ts";
import { createLogger } from "../../bot/server/logger.ts";
import { openStore, type Store } from "../../bot/store/store.ts";
import type { Orienteur } from "../../knowledge/orienteur.ts";
import { runAdapterContract } from "../contract/adapter-contract.ts";
import { demoOrienteur } from "../helpers/bases.ts";
import { FORUM_CHAT, GROUP_CHAT, makeTelegramPeer, parseTelegramHtml, PRIVATE_CHAT, TelegramPeer, USER } from "../peers/telegram-peer.ts";
import { waitFor } from "../helpers/wait.ts";

runAdapterContract("telegram", makeTelegramPeer);


describe("Telegram adapter", () => {
  let orienteur: Orienteur;
  let peer: TelegramPeer | undefined;
  let adapter: TelegramAdapter | undefined;
  let store: Store | undefined;
  /** What the engine received, in order. */
  let received: IncomingMessage[] = [];

  beforeAll(async () => {
    orienteur = await demoOrienteur();
  });

  afterEach(async () => {
    await adapter?.stop();
    await peer?.close();
    store?.close();
    peer = undefined;
    adapter = undefined;
    store = undefined;
    received = [];
  });

  /** A peer, an adapter and the real engine, started. */
  async function start(options: Parameters<TelegramPeer["createAdapter"]>[0] = {}): Promise<TelegramPeer> {
    peer = await TelegramPeer.start();
    store = openStore(":memory:");
    const bot = createBot({ orienteur: () => orienteur, conversation: createConversation(orienteur), store, feedback: createFeedbackRepository(store.db), logger: createLogger({ level: "silent" }) });
    const started = peer.createAdapter(options);
    adapter = started;
    await started.start(async (message) => {
      received.push(message);
      await bot.handle(started, message);
    });
    return peer;
  }

  /** A direct /aide, answered: everything sent before it has been processed. */
  async function marker(current: TelegramPeer): Promise<void> {
    const before = current.sent().length;
    await current.userSays({ text: "/aide", direct: true });
    await waitFor(() => current.sent().some((m, i) => i >= before && m.text.includes("Orienteur")), "the answer to the marker");
  }

  describe("start-up", () => {
    it("refuses to start with a wrong token, telling the operator to check it with @BotFather", async () => {
      peer = await TelegramPeer.start();
      const wrong = peer.createAdapter({ token: "7000000001:not-the-right-token" });
      await expect(wrong.start(async () => {})).rejects.toThrow(
        "TELEGRAM_BOT_TOKEN est défini mais Telegram l'a refusé (401) : vérifiez le jeton auprès de @BotFather.",
      );
    });

    it("says Telegram cannot be reached when the Bot API server does not answer", async () => {
      peer = await TelegramPeer.start();
      const root = peer.apiRoot;
      await peer.close();
      const unreachable = peer.createAdapter({ apiRoot: root });
      peer = undefined;
      await expect(unreachable.start(async () => {})).rejects.toThrow(/injoignable \(ECONNREFUSED\) : vérifiez TELEGRAM_API_ROOT/);
    });

    it("registers the French command menu at start-up", async () => {
      const current = await start();
      const commands = current.calls("setMyCommands")[0]?.params.commands as { command: string; description: string }[];
      expect(commands.map((c) => c.command)).toEqual(["aide", "orienter", "sigle", "sigles", "territoire", "agenda", "abonner", "signaler"]);
      expect(commands.find((c) => c.command === "signaler")?.description).toBe("Signaler aux éditeurs une information à corriger");
    });
  });

  describe("commands and mentions in a group", () => {
    it("answers /sigle@OrienteurBot DAC in a group, replying to the command", async () => {
      const current = await start();
      const id = await current.userSays({ text: "/sigle@OrienteurBot DAC", direct: false });
      await waitFor(() => current.sent().length > 0, "an answer");
      expect(current.sent()[0]!.text).toContain("Dispositif d'appui à la coordination");
      expect(current.sent()[0]!.replyTo).toBe(id);
    });

    it("does not take /sigle@OtherBot DAC as addressed to it", async () => {
      const current = await start();
      await current.userSays({ text: "/sigle@AutreRobotBot DAC", direct: false });
      await marker(current);
      expect(current.sent()).toHaveLength(1);
      expect(received[0]!.isCommand).toBe(false);
    });

    it("hands the engine a mention's text without the @name of the bot", async () => {
      const current = await start();
      await current.userSays({ text: "portage de repas à Clamecy", direct: false, mention: true });
      await waitFor(() => received.length > 0, "the message");
      expect(received[0]).toMatchObject({ text: "portage de repas à Clamecy", mentionsBot: true, isDirect: false, isCommand: false, room: String(GROUP_CHAT.id) });
    });

    it("answers a reply to one of its answers, continuing the same conversation", async () => {
      const current = await start();
      await current.userSays({ text: "portage de repas à Clamecy", direct: false, mention: true });
      await waitFor(() => current.sent().length > 0, "the first answer");
      const answer = current.sentRecords()[0]!;
      const id = await current.userSays({ text: "et à Decize ?", direct: false, replyTo: answer.messageId });
      await waitFor(() => current.sent().length > 1, "the answer to the reply");
      expect(received[1]).toMatchObject({ repliesToBot: true, mentionsBot: false, thread: received[0]!.id });
      expect(current.sent()[1]!.replyTo).toBe(id);
      expect(current.sent()[1]!.text).toContain("Je reprends votre besoin précédent");
    });

    it("answers in the forum topic where the question was asked", async () => {
      const current = await start();
      const topic = current.createTopic("Accueil");
      await current.userSays({ text: "/sigle DAC", direct: false, chat: FORUM_CHAT, topic });
      await waitFor(() => current.sent().length > 0, "an answer");
      expect(current.calls("sendMessage")[0]!.params.message_thread_id).toBe(topic);
      expect(received[0]).toMatchObject({ thread: `${FORUM_CHAT.id}:${topic}`, repliesToBot: false });
    });
  });

  describe("group settings", () => {
    it("refuses /territoire from a group member who is not an administrator", async () => {
      const current = await start();
      await current.userSays({ text: "/territoire Clamecy", direct: false });
      await waitFor(() => current.sent().length > 0, "an answer");
      expect(current.sent()[0]!.text).toBe(texts.room.placeForbidden);
    });

    it("lets a group administrator set the group's commune with /territoire", async () => {
      const current = await start();
      current.makeAdmin(GROUP_CHAT.id, USER.id);
      await current.userSays({ text: "/territoire Clamecy", direct: false });
      await waitFor(() => current.sent().length > 0, "an answer");
      expect(current.sent()[0]!.text).toContain("C'est noté");
      expect(current.calls("getChatMember")).toHaveLength(1);
    });

    it("asks Telegram who administers the group only for /territoire", async () => {
      const current = await start();
      await current.userSays({ text: "/sigle@OrienteurBot DAC", direct: false });
      await current.userSays({ text: "portage de repas à Clamecy", direct: false, mention: true });
      await waitFor(() => current.sent().length >= 2, "both answers");
      expect(current.calls("getChatMember")).toHaveLength(0);
    });
  });

  describe("robustness", () => {
    it("says that it reads only text after a sticker, and keeps answering after an old edit and malformed updates", async () => {
      const current = await start();
      const sticker = current.newMessage(PRIVATE_CHAT, USER, { sticker: { file_id: "CAACAgIAAxkBAAE", width: 512, height: 512, is_animated: false } });
      current.pushUpdate({ message: sticker });
      current.pushUpdate({ edited_message: { ...current.newMessage(PRIVATE_CHAT, USER, { text: "portage de repas" }), edit_date: 1 } });
      current.pushUpdate({ message: { message_id: "pas un nombre", text: 42, chat: null } });
      current.pushUpdate({ message: { message_id: 99, date: 1, chat: PRIVATE_CHAT, text: "sans auteur" } });
      current.pushUpdate({});
      await marker(current);
      expect(current.sent()).toHaveLength(2);
      expect(current.sent().some((m) => m.text.includes("Je ne lis que le texte"))).toBe(true);
    });

    it("stops taking messages once stopped", async () => {
      const current = await start();
      await adapter!.stop();
      const polls = current.calls("getUpdates").length;
      await current.userSays({ text: "portage de repas à Clamecy", direct: true });
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(received).toHaveLength(0);
      expect(current.calls("getUpdates")).toHaveLength(polls);
    });

    it("shows a typing indicator in the chat of the question", async () => {
      const current = await start();
      await current.userSays({ text: "/aide", direct: true });
      await waitFor(() => received.length > 0, "the message");
      await adapter!.showTyping!(received[0]!);
      expect(current.calls("sendChatAction")[0]!.params).toMatchObject({ chat_id: PRIVATE_CHAT.id, action: "typing" });
    });
  });

  describe("webhook mode", () => {
    const webhook = { domain: "https://orienteur.example.org", path: "/telegram", secretToken: "un-secret_de-test-42", port: 0, host: "127.0.0.1" };

    async function startWebhook(): Promise<TelegramPeer> {
      const current = await start({ webhook });
      current.webhookTarget = `http://127.0.0.1:${adapter!.webhookAddress()!.port}${webhook.path}`;
      return current;
    }

    it("registers its public HTTPS address and secret with setWebhook", async () => {
      const current = await startWebhook();
      expect(current.calls("setWebhook")[0]!.params).toMatchObject({ url: "https://orienteur.example.org/telegram", secret_token: webhook.secretToken });
      expect(current.calls("getUpdates")).toHaveLength(0);
    });

    it("refuses a POST without the right secret token and does not process it", async () => {
      const current = await startWebhook();
      const question = { message: current.newMessage(PRIVATE_CHAT, USER, { text: "portage de repas à Clamecy" }) };
      expect(await current.postToWebhook(question, null)).toBe(403);
      expect(await current.postToWebhook(question, "un-autre-secret")).toBe(403);
      await marker(current);
      expect(received).toHaveLength(1);
      expect(current.sent()).toHaveLength(1);
    });

    it("answers an update that carries the secret token", async () => {
      const current = await startWebhook();
      await current.userSays({ text: "portage de repas à Clamecy", direct: true });
      await waitFor(() => current.sent().length > 0, "an answer");
      expect(current.sent()[0]!.text).toContain("Portage de repas du Haut Nivernais");
    });
  });

  describe("choices as buttons", () => {
    it("offers homonym communes as inline buttons, and a press continues the conversation", async () => {
      const current = await start();
      await current.userSays({ text: "aide à domicile à Montigny", direct: false, mention: true });
      await waitFor(() => current.sent().length === 1, "the question back");
      const asked = current.sent()[0]!;
      current.pressButton(asked.id, "3. Montigny-sur-Canne (58340)");
      await waitFor(() => current.sent().length === 2, "the answer for the chosen commune");
      expect(current.sent()[1]!.text).toContain("Un service répond à Montigny-sur-Canne");
      expect(current.sent()[1]!.text).toContain("Je reprends votre besoin précédent");
      // The press is acknowledged, so the user's client stops waiting.
      expect(current.answeredCallbacks).toHaveLength(1);
    });
  });

  describe("long answers", () => {
    it("sends a long answer as several messages, each accepted by Telegram and strictly escaped", async () => {
      const current = await start();
      await current.userSays({ text: `/sigles ${LONG_TEXT}`, direct: true });
      await waitFor(() => current.sent().some((m) => m.text.includes("PASS")), "the whole answer");
      expect(current.sent().length).toBeGreaterThan(1);
      for (const message of current.sent()) {
        const parsed = parseTelegramHtml(message.markup);
        expect(parsed.ok && parsed.lenient).toEqual([]);
        // Telegram counts the text once parsed: tags and escapes do not count.
        expect(message.text.length).toBeLessThanOrEqual(4096);
      }
    });
  });
});

const LONG_TEXT =
  "Réunion du CPOM avec le GCSMS, le SAAD, le SSIAD, le SPASAD, le DAC, la MAIA, la PTA, le CLIC, l'EHPAD, l'USLD, le PASA, l'UHR, l'ESA, l'APA, la PCH, l'AAH, la MDPH, la CDAPH, la RQTH, l'ESAT, le SAVS, le SAMSAH, le FAM, la MAS, l'IME, l'ITEP, le SESSAD, le CAMSP, le CMPP, le CMP, le CATTP, le CSAPA, le CAARUD, la PMI, l'ASE, la CRIP, l'AEMO, la MECS, le CHRS, le CADA, le SIAO, le FSL, le DALO, le CCAS, le CIAS, la CAF, la CPAM, la MSA, la CARSAT, la CNSA, l'ARS, l'UDAF, le MJPM, la MASP, le RSA, l'ASPA, la CSS, l'AME, la PASS.";

describe("Telegram rendering", () => {
  const hostile = "<b>&amp; <a href=\"x\">AT&T</a> > ça</b>";

  it("escapes &, < and > in text and \" in links, so the text shows exactly as written", () => {
    const answer: Answer = { blocks: [{ type: "paragraph", text: [{ text: hostile }, { text: ' lien"', href: 'https://example.org/?q="<>&' }] }] };
    const [html] = renderTelegram(answer);
    const parsed = parseTelegramHtml(html!);
    expect(parsed).toMatchObject({ ok: true, lenient: [], text: `${hostile} lien"` });
    expect(parsed.ok && parsed.entities).toEqual([{ type: "text_link", offset: hostile.length, length: 6, url: 'https://example.org/?q="<>&' }]);
  });

  it("drops links that are not web links (javascript:, and mailto: or tel:, which Telegram cannot keep)", () => {
    const [html] = renderTelegram({ blocks: [{ type: "paragraph", text: [{ text: "cliquez", href: "javascript:alert(1)" }] }] });
    expect(html).toBe("cliquez");
  });

  it("writes a sigle out as « SIGLE (expansion) » and keeps bold text bold", () => {
    const [html] = renderTelegram({ blocks: [{ type: "paragraph", text: [{ text: "DAC", abbr: "Dispositif d'appui à la coordination", bold: true }] }] });
    expect(html).toBe("<b>DAC (Dispositif d'appui à la coordination)</b>");
  });

  it("cuts a very long paragraph between words, each piece valid on its own and nothing lost", () => {
    const words = Array.from({ length: 3000 }, (_, i) => (i % 7 === 0 ? "A&B<C>" : `mot${i}`));
    const answer: Answer = { blocks: [{ type: "paragraph", text: [{ text: words.join(" "), bold: true, href: "https://example.org/" }] }] };
    const chunks = renderTelegram(answer);
    expect(chunks.length).toBeGreaterThan(2);
    const texts: string[] = [];
    for (const chunk of chunks) {
      const parsed = parseTelegramHtml(chunk);
      if (!parsed.ok) throw new Error(parsed.error);
      expect(parsed.text.length).toBeLessThanOrEqual(4096);
      expect(parsed.lenient).toEqual([]);
      texts.push(parsed.text);
    }
    expect(texts.join("").replace(/\s+/g, " ").trim()).toBe(words.join(" "));
  });

  it("renders a real orientation answer as one valid message", async () => {
    const orienteur = await demoOrienteur();
    const { answer } = createConversation(orienteur).handle({ conversation: "t", text: "portage de repas à Clamecy" });
    const chunks = renderTelegram(answer);
    expect(chunks).toHaveLength(1);
    expect(parseTelegramHtml(chunks[0]!)).toMatchObject({ ok: true, lenient: [] });
  });

  it("imports no SDK", () => {
    const source = readFileSync(new URL("../../bot/render/telegram.ts", import.meta.url), "utf8");
    const imports = [...source.matchAll(/from "([^"]+)"/g)].map((m) => m[1]);
    expect(imports.every((path) => path!.startsWith("."))).toBe(true);
  });
});

/**
 * An independent judge: the same adapter against telegram-test-api, a Bot API emulator written by
 * others (npm), not only against our own peer. A user's message and a command go in through the
 * emulator's client API; the bot's answers come back through it.
 */
// A CommonJS module whose class is its `default` export: Node gives the module object, vitest's interop the class itself.
const TelegramServer = ((telegramTestApi as unknown as { default?: unknown }).default ?? telegramTestApi) as typeof telegramTestApi.default;
type EmulatorClient = ReturnType<InstanceType<typeof TelegramServer>["getClient"]>;

describe("Telegram adapter against telegram-test-api", () => {
  const TOKEN = "7000000002:emulator-token";
  let orienteur: Orienteur;
  let server: InstanceType<typeof TelegramServer> | undefined;
  let adapter: TelegramAdapter | undefined;
  let store: Store | undefined;

  beforeAll(async () => {
    orienteur = await demoOrienteur();
  });

  afterEach(async () => {
    await adapter?.stop();
    await server?.stop();
    store?.close();
    adapter = server = store = undefined;
  });

  /** The emulator takes a fixed port (0 means its default, 9000): a free one is found first. */
  async function freePort(): Promise<number> {
    const probe = createNetServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise((resolve) => probe.close(resolve));
    return port;
  }

  async function start(): Promise<InstanceType<typeof TelegramServer>> {
    const emulator = new TelegramServer({ port: await freePort(), host: "127.0.0.1" });
    server = emulator;
    await emulator.start();
    store = openStore(":memory:");
    const bot = createBot({ orienteur: () => orienteur, conversation: createConversation(orienteur), store, feedback: createFeedbackRepository(store.db), logger: createLogger({ level: "silent" }) });
    const started = createTelegramAdapter({ token: TOKEN, apiRoot: emulator.config.apiURL }, { logger: createLogger({ level: "silent" }) });
    adapter = started;
    await started.start(async (message) => void (await bot.handle(started, message)));
    return emulator;
  }

  /** The bot's messages in the client's chat, as the emulator's client receives them. */
  async function answers(client: EmulatorClient): Promise<string[]> {
    const updates = await client.getUpdates();
    return updates.result.map((update) => update.message.text);
  }

  it("answers a user's question, received through the emulator's client", async () => {
    const emulator = await start();
    const client = emulator.getClient(TOKEN, { timeout: 15_000, userId: 4242, chatId: 4242 });
    await client.sendMessage(client.makeMessage("portage de repas à Clamecy"));
    const texts = await answers(client);
    expect(texts.join("\n")).toContain("Portage de repas du Haut Nivernais");
  });

  it("answers a command, and a button pressed under its question through the emulator", async () => {
    const emulator = await start();
    const client = emulator.getClient(TOKEN, { timeout: 15_000, userId: 4343, chatId: 4343 });
    await client.sendCommand(client.makeCommand("/sigle DAC"));
    expect((await answers(client)).join("\n")).toContain("Dispositif d'appui à la coordination");
    await client.sendMessage(client.makeMessage("santé mentale à Nevers"));
    const offering = (await client.getUpdates()).result.find((update) => update.message.text.includes("Voir le service suivant"));
    expect(offering?.message.reply_markup?.inline_keyboard?.[0]?.[0]?.callback_data).toBe("choix:1");
    await client.sendCallback(client.makeCallbackQuery("choix:1", { message: { message_id: offering!.messageId } }));
    expect((await answers(client)).join("\n")).toContain("SAMSAH");
  });
});
