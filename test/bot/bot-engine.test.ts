// The bot engine without any platform: a recording adapter stands in for the chat network.
import { createFeedbackRepository } from "../../bot/feedback/repository.ts";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readdirSync, readFileSync } from "node:fs";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { MessageContext } from "../../bot/core/context.ts";
import type { Adapter, IncomingMessage } from "../../bot/core/contract.ts";
import type { Answer } from "../../knowledge/answer/model.ts";
import { createBot, type BotOptions } from "../../bot/core/bot.ts";
import { createConversation } from "../../bot/core/conversation.ts";
import { renderText } from "../../bot/render/text.ts";
import { createLogger } from "../../bot/server/logger.ts";
import { openStore, type Store } from "../../bot/store/store.ts";
import type { Orienteur } from "../../knowledge/orienteur.ts";
import { createFileMailer } from "../../newsletters/send/file-mailer.ts";
import { createSubscriptionService } from "../../newsletters/subscribe/service.ts";
import { createSubscriberRepository } from "../../newsletters/subscribers/repository.ts";
import { demoOrienteur } from "../helpers/bases.ts";

let orienteur: Orienteur;
beforeAll(async () => {
  orienteur = await demoOrienteur();
});

const stores: Store[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const store of stores.splice(0)) store.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function recorder(): Adapter & { replies: { message: IncomingMessage; text: string }[]; failNext: number } {
  const adapter = {
    platform: "telegram" as const,
    replies: [] as { message: IncomingMessage; text: string }[],
    failNext: 0,
    async start() {},
    async stop() {},
    async reply(message: IncomingMessage, answer: Answer) {
      if (adapter.failNext > 0) {
        adapter.failNext--;
        throw new Error("network down");
      }
      adapter.replies.push({ message, text: renderText(answer) });
    },
  };
  return adapter;
}

let nextId = 1;
function message(text: string, overrides: Partial<IncomingMessage> = {}): IncomingMessage {
  return {
    platform: "telegram",
    id: `m${nextId++}`,
    room: "room-1",
    author: { id: "u1", isBot: false, isSelf: false },
    text,
    isDirect: true,
    mentionsBot: false,
    repliesToBot: false,
    isCommand: false,
    isNotice: false,
    sentAt: Date.now(),
    ...overrides,
  };
}

function engine(options: Partial<BotOptions> = {}, store = openStore(":memory:")) {
  stores.push(store);
  return createBot({ orienteur: () => orienteur, conversation: createConversation(orienteur), store, feedback: createFeedbackRepository(store.db), logger: createLogger({ level: "silent" }) }, options);
}

describe("the bot engine", () => {
  it("answers a direct message and ignores an unaddressed group message", async () => {
    const bot = engine();
    const adapter = recorder();
    expect(await bot.handle(adapter, message("portage de repas à Clamecy"))).toBe("answered");
    expect(await bot.handle(adapter, message("portage de repas à Clamecy", { isDirect: false }))).toBe("not-addressed");
    expect(adapter.replies).toHaveLength(1);
    expect(adapter.replies[0]!.text).toContain("Portage de repas du Haut Nivernais");
  });

  it("answers a group message that mentions it, replies to it, or is a command", async () => {
    const bot = engine();
    const adapter = recorder();
    for (const flags of [{ mentionsBot: true }, { repliesToBot: true }, { isCommand: true }]) {
      expect(await bot.handle(adapter, message("/sigle DAC", { isDirect: false, ...flags }))).toBe("answered");
    }
  });

  it("never answers itself, other bots or notices", async () => {
    const bot = engine();
    const adapter = recorder();
    expect(await bot.handle(adapter, message("aide", { author: { id: "me", isBot: false, isSelf: true } }))).toBe("own-or-bot");
    expect(await bot.handle(adapter, message("aide", { author: { id: "b", isBot: true, isSelf: false } }))).toBe("own-or-bot");
    expect(await bot.handle(adapter, message("aide", { isNotice: true }))).toBe("notice");
    expect(adapter.replies).toHaveLength(0);
  });

  it("answers a redelivered message once", async () => {
    const bot = engine();
    const adapter = recorder();
    const question = message("portage de repas à Clamecy");
    await bot.handle(adapter, question);
    expect(await bot.handle(adapter, { ...question })).toBe("duplicate");
    expect(adapter.replies).toHaveLength(1);
  });

  it("does not answer messages sent before it started", async () => {
    const bot = engine();
    expect(await bot.handle(recorder(), message("portage de repas", { sentAt: Date.now() - 60_000 }))).toBe("history");
  });

  it("warns a flooding user once, politely, then stays silent until the limit refills", async () => {
    let now = 1_000_000;
    const bot = engine({ rateLimit: { messages: 2, perMs: 60_000 }, now: () => now });
    const adapter = recorder();
    const outcomes = [];
    for (let i = 0; i < 4; i++) outcomes.push(await bot.handle(adapter, message("portage de repas à Clamecy", { sentAt: now })));
    expect(outcomes).toEqual(["answered", "answered", "throttled", "throttled"]);
    expect(adapter.replies.map((r) => r.text).filter((t) => t.includes("beaucoup de messages"))).toHaveLength(1);
    now += 60_000;
    expect(await bot.handle(adapter, message("portage de repas à Clamecy", { sentAt: now }))).toBe("answered");
  });

  it("paces the flood limit so that a dozen commands a second apart are all answered", async () => {
    let now = 1_000_000;
    const bot = engine({ now: () => now });
    const adapter = recorder();
    for (let i = 0; i < 12; i++) {
      now += 1_000;
      expect(await bot.handle(adapter, message(i % 2 === 0 ? "/sigle DAC" : "/aide", { sentAt: now }))).toBe("answered");
    }
    expect(adapter.replies.some((r) => r.text.includes("beaucoup de messages"))).toBe(false);
  });

  it("says when to write again once the flood limit trips, and afterwards how many messages were not read", async () => {
    let now = 1_000_000;
    const bot = engine({ rateLimit: { messages: 2, perMs: 60_000 }, now: () => now });
    const adapter = recorder();
    for (let i = 0; i < 4; i++) await bot.handle(adapter, message("/territoire Nevers", { sentAt: now }));
    const warning = adapter.replies.find((r) => r.text.includes("beaucoup de messages"))!.text;
    expect(warning).toContain("je n'ai pas lu ce message");
    expect(warning).toMatch(/dans \d+ secondes/);
    now += 60_000;
    await bot.handle(adapter, message("/aide", { sentAt: now }));
    expect(adapter.replies.at(-1)!.text).toContain("je n'ai pas lu 2 messages");
    await bot.handle(adapter, message("/aide", { sentAt: now }));
    expect(adapter.replies.at(-1)!.text).not.toContain("je n'ai pas lu");
  });

  it("says that it reads only text when a message carries only a photo, a file, a voice note or a sticker", async () => {
    const bot = engine();
    const adapter = recorder();
    expect(await bot.handle(adapter, message("", { hasAttachment: true }))).toBe("answered");
    expect(adapter.replies[0]!.text).toContain("Je ne lis que le texte");
    expect(await bot.handle(adapter, message("portage de repas à Clamecy", { hasAttachment: true }))).toBe("answered");
    expect(adapter.replies[1]!.text).toContain("Portage de repas du Haut Nivernais");
    expect(adapter.replies[1]!.text).toContain("pièce jointe");
  });

  it("says once that an edited message is not read again", async () => {
    const bot = engine();
    const adapter = recorder();
    const question = message("portage de repas à Clamecy");
    await bot.handle(adapter, question);
    expect(await bot.handle(adapter, message("portage de repas à Decize", { id: `${question.id}-edit-1`, editOf: question.id }))).toBe("answered");
    expect(await bot.handle(adapter, message("portage de repas à Nevers", { id: `${question.id}-edit-2`, editOf: question.id }))).toBe("duplicate");
    expect(adapter.replies).toHaveLength(2);
    expect(adapter.replies[1]!.text).toContain("je ne relis pas les messages modifiés");
  });

  it("shows the platform's own command prefix in the help and in every hint", async () => {
    const bot = engine();
    const adapter = recorder();
    for (const text of ["!aide", "!commande", "!orienter"]) await bot.handle(adapter, message(text, { platform: "matrix", isCommand: true }));
    for (const reply of adapter.replies) expect(reply.text).not.toMatch(/(^|\s)\/(orienter|sigle|aide|territoire|signaler)/);
    expect(adapter.replies[0]!.text).toContain("!orienter <besoin>");
    expect(adapter.replies[0]!.text).toContain("!signaler");
    expect(adapter.replies[1]!.text).toContain("Tapez !aide");
    expect(adapter.replies[2]!.text).toContain("!sigle <SIGLE>");
  });

  it("says « conversation » in a private chat and « salon » in a group, and that the base is fictional", async () => {
    const bot = engine();
    const adapter = recorder();
    await bot.handle(adapter, message("/aide"));
    await bot.handle(adapter, message("/aide", { isDirect: false, isCommand: true }));
    const [direct, group] = adapter.replies.map((r) => r.text);
    expect(direct).not.toContain("salon");
    expect(direct).toContain("conversation");
    expect(group).toContain("du salon");
    for (const help of [direct, group]) expect(help).toContain("fictive");
  });

  it("caps what it echoes back, whatever the length of a command", async () => {
    const bot = engine();
    const adapter = recorder();
    const huge = "Nevers ".repeat(9000);
    for (const text of [`/territoire ${huge}`, `/signaler ${huge} : a changé`, `/sigle ${huge}`, `/${"x".repeat(60_000)}`]) {
      expect(await bot.handle(adapter, message(text))).toBe("answered");
    }
    expect(adapter.replies).toHaveLength(4);
    for (const reply of adapter.replies) expect(reply.text.length).toBeLessThan(1500);
  });

  it("numbers the communes when it asks which one, and takes « 3 » as the third", async () => {
    const bot = engine();
    const adapter = recorder();
    await bot.handle(adapter, message("aide à domicile à Montigny"));
    expect(adapter.replies[0]!.text).toMatch(/1\. Montigny-aux-Amognes \(58130\)\n2\. Montigny-en-Morvan \(58120\)\n3\. Montigny-sur-Canne \(58340\)/);
    expect(adapter.replies[0]!.text).toContain("Répondez par le numéro");
    await bot.handle(adapter, message("3"));
    expect(adapter.replies[1]!.text).toContain("Un service répond à Montigny-sur-Canne");
    expect(adapter.replies[1]!.text).toContain("Je reprends votre besoin précédent");
    // The choice is used once: a later « 2 » is a message like any other.
    await bot.handle(adapter, message("2"));
    expect(adapter.replies[2]!.text).not.toContain("Montigny-en-Morvan");
  });

  it("keeps a room's default place across restarts, and uses it for questions without a place", async () => {
    const dir = mkdtempSync(join(tmpdir(), "orienteur-store-"));
    dirs.push(dir);
    const path = join(dir, "state.sqlite");
    const adapter = recorder();
    const first = openStore(path);
    await engine({}, first).handle(adapter, message("/territoire Decize", { isDirect: false, isCommand: true, author: { id: "u1", isBot: false, isSelf: false, isRoomAdmin: true } }));
    expect(adapter.replies.at(-1)!.text).toBe("C'est noté : dans ce salon, une question sans commune portera sur Decize.");
    first.close();
    stores.splice(stores.indexOf(first), 1);

    const restarted = engine({}, openStore(path));
    await restarted.handle(adapter, message("portage de repas", { isDirect: false, mentionsBot: true }));
    expect(adapter.replies.at(-1)!.text).toContain("Portage de repas du Sud Nivernais");
  });

  it("lets only room admins or configured editors change the room's place", async () => {
    const bot = engine({ editors: ["telegram:editor-1"] });
    const adapter = recorder();
    const command = (authorId: string, isRoomAdmin: boolean) =>
      message("/territoire Clamecy", { isDirect: false, isCommand: true, author: { id: authorId, isBot: false, isSelf: false, isRoomAdmin } });
    await bot.handle(adapter, command("someone", false));
    expect(adapter.replies.at(-1)!.text).toBe("Seuls les administrateurs du salon ou les éditeurs de la base peuvent changer sa commune par défaut.");
    await bot.handle(adapter, command("editor-1", false));
    expect(adapter.replies.at(-1)!.text).toContain("Clamecy");
  });

  it("lists upcoming events of the agenda", async () => {
    const bot = engine({ now: () => Date.parse("2026-11-20T10:00:00Z") });
    const adapter = recorder();
    await bot.handle(adapter, message("/agenda", { isCommand: true, sentAt: Date.parse("2026-11-20T10:00:00Z") }));
    const text = adapter.replies.at(-1)!.text;
    expect(text).toContain("Prochains rendez-vous");
    for (const event of orienteur.base.agenda.filter((e) => (e.fin ?? e.debut) < "2026-11-20")) expect(text).not.toContain(event.titre);
  });

  it("answers politely and keeps running when answering fails", async () => {
    const bot = engine();
    const adapter = recorder();
    adapter.failNext = 1;
    expect(await bot.handle(adapter, message("portage de repas à Clamecy"))).toBe("error");
    expect(adapter.replies.at(-1)!.text).toContain("Désolé, une erreur m'empêche de répondre");
    expect(await bot.handle(adapter, message("portage de repas à Clamecy"))).toBe("answered");
  });

  it("subscribes to the newsletter from the chat, with a confirmation e-mail and the platform as consent source", async () => {
    const dir = mkdtempSync(join(tmpdir(), "orienteur-abonner-"));
    dirs.push(dir);
    const store = openStore(":memory:");
    stores.push(store);
    const repository = createSubscriberRepository(store.db);
    const mailer = createFileMailer(dir, "Orienteur <lettre@example.org>");
    const subscriptions = createSubscriptionService(repository, mailer, () => orienteur, {
      secret: "s".repeat(40),
      baseUrl: "https://orienteur.example.org",
      listDomain: "example.org",
      confirmationTtlMs: 60_000,
      now: () => Date.now(),
    });
    const bot = createBot({ orienteur: () => orienteur, conversation: createConversation(orienteur), store, feedback: createFeedbackRepository(store.db), logger: createLogger({ level: "silent" }), subscriptions });
    const adapter = recorder();
    await bot.handle(adapter, message("/abonner Marie@Example.org", { isCommand: true }));
    expect(adapter.replies.at(-1)!.text).toContain("un e-mail de confirmation vient de lui être envoyé");
    expect(repository.byEmail("marie@example.org")).toMatchObject({ status: "en_attente", consentSource: "telegram" });
    await subscriptions.idle(); // the confirmation e-mail leaves after the answer
    expect(mailer.written).toHaveLength(1);
    await bot.handle(adapter, message("/abonner", { isCommand: true }));
    expect(adapter.replies.at(-1)!.text).toBe("Indiquez votre adresse : /abonner prenom.nom@example.org");
  });

  it("accepts invitations only from allowed inviters into allowed rooms", () => {
    const bot = engine({ allowedInviters: ["matrix:@coord:example.org"] });
    expect(bot.mayJoin("matrix", "@coord:example.org", "!room")).toBe(true);
    expect(bot.mayJoin("matrix", "@stranger:example.org", "!room")).toBe(false);
  });

  it("never logs what people wrote", async () => {
    const lines: string[] = [];
    const logger = createLogger({ level: "info", destination: { write: (line: string) => lines.push(line) } as unknown as NodeJS.WritableStream });
    const store = openStore(":memory:");
    stores.push(store);
    const bot = createBot({ orienteur: () => orienteur, conversation: createConversation(orienteur), store, feedback: createFeedbackRepository(store.db), logger });
    const adapter = recorder();
    adapter.failNext = 1;
    await bot.handle(adapter, message("Mme Dupont née le 12/03/1950, portage de repas à Clamecy"));
    await bot.handle(adapter, message("Mme Dupont, portage de repas à Clamecy"));
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      expect(line).not.toContain("Dupont");
      expect(line).not.toContain("portage");
    }
  });
});

describe("one context per message", () => {
  it("builds each message's context once, and the answer follows it", async () => {
    const seen: MessageContext[] = [];
    const bot = engine({ onContext: (context) => seen.push(context) });
    const adapter = recorder();
    await bot.handle(adapter, message("portage de repas à Clamecy"));
    await bot.handle(adapter, message("/sigle DAC"));
    await bot.handle(adapter, message("/territoire Decize"));
    await bot.handle(adapter, message("portage de repas à Clamecy", { isDirect: false }));
    expect(seen.map((c) => c.intent)).toEqual([
      { kind: "command", command: "orienter", args: "portage de repas à Clamecy", typed: false },
      { kind: "command", command: "sigle", args: "DAC", typed: true },
      { kind: "command", command: "territoire", args: "Decize", typed: true },
    ]);
    expect(seen.every((c) => c.prefix === "/" && c.direct && c.message !== undefined)).toBe(true);
    expect(adapter.replies.map((r) => r.text)).toEqual([
      expect.stringContaining("Portage de repas du Haut Nivernais"),
      expect.stringContaining("Dispositif d'appui à la coordination"),
      expect.stringContaining("une question sans commune portera sur Decize"),
    ]);
  });

  it("reads a message's intent in one place only: bot/core/context.ts", () => {
    const root = new URL("../../bot/", import.meta.url);
    const readers = readdirSync(root, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && entry.name.endsWith(".ts"))
      .map((entry) => `${entry.parentPath}/${entry.name}`.replace(/^.*\/bot\//, "bot/"))
      .filter((file) => /\bparseIntent\(/.test(readFileSync(new URL(`../../${file}`, import.meta.url), "utf8")));
    expect(readers.sort()).toEqual(["bot/core/context.ts", "bot/core/intents.ts"]);
  });

  it("asks the platform whether someone administers a group only for a command that needs it", async () => {
    const bot = engine();
    const asked: string[] = [];
    const adapter = Object.assign(recorder(), {
      async isRoomAdmin(m: IncomingMessage) {
        asked.push(m.text);
        return true;
      },
    });
    await bot.handle(adapter, message("/sigle DAC", { isDirect: false, isCommand: true }));
    await bot.handle(adapter, message("/territoire", { isDirect: false, isCommand: true }));
    await bot.handle(adapter, message("/territoire Decize", { isDirect: false, isCommand: true }));
    expect(asked).toEqual(["/territoire Decize"]);
    expect(adapter.replies[2]!.text).toContain("dans ce salon, une question sans commune portera sur Decize");
  });
});
