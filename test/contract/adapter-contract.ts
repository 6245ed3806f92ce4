// One contract, written once, run against every adapter with its local platform peer (as hono
// runs one router suite against every router). A peer may skip a case only by saying why.
import { createFeedbackRepository } from "../../bot/feedback/repository.ts";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Adapter } from "../../bot/core/contract.ts";
import { createBot, type BotOptions } from "../../bot/core/bot.ts";
import { createConversation } from "../../bot/core/conversation.ts";
import { createLogger } from "../../bot/server/logger.ts";
import { openStore, type Store } from "../../bot/store/store.ts";
import type { Orienteur } from "../../knowledge/orienteur.ts";
import { demoOrienteur } from "../helpers/bases.ts";
import { waitFor } from "../helpers/wait.ts";

export interface UserMessage {
  text: string;
  /** A one-to-one conversation with the bot (else a group room). */
  direct: boolean;
  /** The message mentions the bot the platform's way (@bot, a Matrix pill, <@U…>). */
  mention?: boolean;
  fromBot?: boolean;
  /** Sent by the bot's own account. */
  fromSelf?: boolean;
  /**
   * Continues a conversation of the bot, without mentioning it: `to` is the id of a message the bot
   * sent (`SentMessage.id`). « reply »: a reply to that message. « thread »: a message in that
   * message's thread, replying to nobody (Matrix: « reply in thread »; Slack: the thread; Telegram:
   * a reply to another message of the same reply thread).
   */
  followUp?: { to: string; how: "reply" | "thread" };
}

export interface SentMessage {
  /** The platform's id of this message, in the form `userSays` returns ids. */
  id: string;
  room: string;
  /** The message this one answers or threads under, in the ids `userSays` returns. */
  replyTo: string | undefined;
  /** Plain text of the message (fallback body). */
  text: string;
  /** The formatted payload as sent (HTML, mrkdwn of the blocks…). */
  markup: string;
}

export interface ContractPeer {
  /** Largest formatted message the platform accepts, in characters. */
  readonly limit: number;
  /** The size the platform limits, for one sent message (default: its markup's length). Telegram counts the parsed text. */
  measure?(message: SentMessage): number;
  /** How commands start on this platform, when not « / » (Matrix: « ! », « / » is the clients'). */
  readonly commandPrefix?: string;
  /** The adapter under test, connected to this peer, not started. */
  createAdapter(): Adapter;
  /** A message already in a room before the bot starts. */
  seedHistory(text: string): Promise<void>;
  /** Delivers a user message as the platform does; resolves to its id, as `SentMessage.replyTo` would name it. */
  userSays(message: UserMessage): Promise<string>;
  /** A user sends a photo without any text (Matrix m.image, a Slack file share, a Telegram photo); resolves to its id. */
  userSendsPhoto(message: { direct: boolean }): Promise<string>;
  /** The user edits their message `id` (as `userSays` returned it) to read `text`, the way this platform delivers edits. */
  userEdits(id: string, text: string): Promise<void>;
  /** Delivers the last user message again, the way this platform redelivers (retry, re-sent update, sync replay). */
  redeliverLast(): Promise<void>;
  /**
   * The user presses the button labelled `label` under the bot's message `sentId` (Telegram inline
   * keyboard, Slack Block Kit actions). Absent where the platform has no buttons (Matrix): the user
   * types the number or the word instead.
   */
  pressButton?(sentId: string, label: string): void | Promise<void>;
  /** Messages the bot has sent so far, in order. */
  sent(): SentMessage[];
  /**
   * Whether the platform notifies the person who asked (`userSays`'s default author) of this message
   * of the bot, under its default notification settings (Matrix push rules; Slack: direct messages,
   * mentions and threads one follows; Telegram: private chats, replies and mentions).
   */
  notifiesAsker(message: SentMessage): boolean;
  /** The next send gets the platform's rate-limit answer (429 with its retry delay). */
  rateLimitNextSend(retryAfterSeconds: number): void;
  /** How many sends were refused with a rate-limit answer. */
  rateLimited(): number;
  /** True when a formatted chunk is well formed for the platform (tags balanced, entities valid). */
  wellFormed(markup: string): boolean;
  close(): Promise<void>;
}

export type ContractCase =
  | "direct"
  | "groupIgnored"
  | "mentionThread"
  | "followUpReply"
  | "followUpThread"
  | "ownAndBots"
  | "redelivery"
  | "history"
  | "split"
  | "hostile"
  | "links"
  | "helpPrefix"
  | "notification"
  | "numberedChoice"
  | "moreResults"
  | "moreTyped"
  | "moreGrouped"
  | "needChoice"
  | "commandHint"
  | "echoCap"
  | "attachment"
  | "edit"
  | "flood"
  | "rateLimit";


const MANY_SIGLES =
  "sigles Réunion du CPOM avec le GCSMS, le SAAD, le SSIAD, le SPASAD, le DAC, la MAIA, la PTA, le CLIC, l'EHPAD, l'USLD, le PASA, l'UHR, l'ESA, l'APA, la PCH, l'AAH, la MDPH, la CDAPH, la RQTH, l'ESAT, le SAVS, le SAMSAH, le FAM, la MAS, l'IME, l'ITEP, le SESSAD, le CAMSP, le CMPP, le CMP, le CATTP, le CSAPA, le CAARUD, la PMI, l'ASE, la CRIP, l'AEMO, la MECS, le CHRS, le CADA, le SIAO, le FSL, le DALO, le CCAS, le CIAS, la CAF, la CPAM, la MSA, la CARSAT, la CNSA, l'ARS, l'UDAF, le MJPM, la MASP, le RSA, l'ASPA, la CSS, l'AME, la PASS.";

/**
 * Runs the adapter contract. `makePeer` starts a fresh local peer for each case.
 * @param skips cases this adapter does not support, each with the reason (shown in the test name).
 */
export function runAdapterContract(platform: string, makePeer: () => Promise<ContractPeer>, skips: Partial<Record<ContractCase, string>> = {}): void {
  describe(`${platform} adapter contract`, () => {
    let orienteur: Orienteur;
    let peer: ContractPeer | undefined;
    let adapter: Adapter | undefined;
    let store: Store | undefined;

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
    });

    async function start(history?: string, options: Partial<BotOptions> = {}): Promise<ContractPeer> {
      peer = await makePeer();
      if (history) await peer.seedHistory(history);
      store = openStore(":memory:");
      const bot = createBot({ orienteur: () => orienteur, conversation: createConversation(orienteur), store, feedback: createFeedbackRepository(store.db), logger: createLogger({ level: "silent" }) }, options);
      const started = peer.createAdapter();
      adapter = started;
      await started.start(async (message) => {
        await bot.handle(started, message);
      });
      return peer;
    }

    /** Sends a direct marker message and waits for its answer: everything sent before it has been processed. */
    async function marker(current: ContractPeer): Promise<void> {
      const before = current.sent().length;
      await current.userSays({ text: "/aide", direct: true });
      await waitFor(() => current.sent().some((m, i) => i >= before && m.text.includes("Orienteur")), "the answer to the marker");
    }

    const test = (name: ContractCase, title: string, body: () => Promise<void>) =>
      skips[name] ? it.skip(`${title} — skipped: ${skips[name]}`, body) : it(title, body);

    test("direct", "answers a direct message", async () => {
      const current = await start();
      await current.userSays({ text: "portage de repas à Clamecy", direct: true });
      await waitFor(() => current.sent().length > 0, "an answer");
      expect(current.sent()[0]!.text).toContain("Portage de repas du Haut Nivernais");
    });

    test("groupIgnored", "ignores a group message that does not address it", async () => {
      const current = await start();
      await current.userSays({ text: "portage de repas à Clamecy", direct: false });
      await marker(current);
      expect(current.sent()).toHaveLength(1);
    });

    test("mentionThread", "answers a mention in a group room, in the thread of the question", async () => {
      const current = await start();
      const id = await current.userSays({ text: "portage de repas à Clamecy", direct: false, mention: true });
      await waitFor(() => current.sent().length > 0, "an answer");
      expect(current.sent()[0]!.text).toContain("Portage de repas du Haut Nivernais");
      expect(current.sent()[0]!.replyTo).toBe(id);
    });

    /** Asks in a group room with a mention, then follows up without one, as `how` says. */
    async function followUp(current: ContractPeer, how: "reply" | "thread"): Promise<void> {
      await current.userSays({ text: "portage de repas à Clamecy", direct: false, mention: true });
      await waitFor(() => current.sent().length === 1, "the first answer");
      const answer = current.sent()[0]!;
      const id = await current.userSays({ text: "et à Decize ?", direct: false, followUp: { to: answer.id, how } });
      await waitFor(() => current.sent().length === 2, "the answer to the follow-up");
      const second = current.sent()[1]!;
      expect(second.text).toContain("Je reprends votre besoin précédent");
      expect(second.text).toContain("Decize");
      expect(second.replyTo === id || second.replyTo === answer.replyTo).toBe(true);
      // Unrelated room traffic stays ignored.
      await current.userSays({ text: "quelqu'un a le numéro de la mairie ?", direct: false });
      await marker(current);
      expect(current.sent()).toHaveLength(3);
    }

    test("followUpReply", "continues the conversation when someone replies to its answer, without a new mention", async () => {
      await followUp(await start(), "reply");
    });

    test("followUpThread", "continues the conversation when someone writes in the thread of its answer, without a new mention", async () => {
      await followUp(await start(), "thread");
    });

    test("ownAndBots", "ignores its own messages and other bots'", async () => {
      const current = await start();
      await current.userSays({ text: "portage de repas à Clamecy", direct: true, fromSelf: true });
      await current.userSays({ text: "portage de repas à Clamecy", direct: true, fromBot: true });
      await marker(current);
      expect(current.sent()).toHaveLength(1);
    });

    test("redelivery", "answers a redelivered message once", async () => {
      const current = await start();
      await current.userSays({ text: "portage de repas à Clamecy", direct: true });
      await waitFor(() => current.sent().length === 1, "the first answer");
      await current.redeliverLast();
      await marker(current);
      expect(current.sent()).toHaveLength(2);
    });

    test("history", "does not answer history that arrives at start-up", async () => {
      const current = await start("portage de repas à Clamecy");
      await marker(current);
      expect(current.sent()).toHaveLength(1);
    });

    test("split", "splits a long answer at the platform limit without breaking formatting", async () => {
      const current = await start();
      await current.userSays({ text: MANY_SIGLES, direct: true });
      await waitFor(() => current.sent().length >= 2 && current.sent().map((m) => m.text).join("\n").includes("PASS"), "the whole long answer");
      for (const message of current.sent()) {
        expect(current.measure ? current.measure(message) : message.markup.length).toBeLessThanOrEqual(current.limit);
        expect(current.wellFormed(message.markup), message.markup.slice(0, 200)).toBe(true);
      }
      const all = current.sent().map((m) => m.text).join("\n");
      for (const sigle of ["CPOM", "GCSMS", "SESSAD", "CAARUD", "PASS"]) expect(all).toContain(sigle);
    });

    test("hostile", "escapes hostile text so it can neither format nor notify", async () => {
      const current = await start();
      await current.userSays({ text: "/sigle <b>&<!channel>@here</b>", direct: true });
      await waitFor(() => current.sent().length > 0, "an answer");
      const { markup, text } = current.sent()[0]!;
      expect(markup).not.toContain("<b>&");
      expect(markup).not.toContain("<!channel>");
      expect(markup).not.toContain("<!here>");
      expect(text).toContain("Je ne connais pas le sigle");
      expect(current.wellFormed(markup)).toBe(true);
    });

    test("links", "writes e-mail addresses and phone numbers so that the platform can open them", async () => {
      const current = await start();
      await current.userSays({ text: "portage de repas à Decize", direct: true });
      await waitFor(() => current.sent().length > 0, "an answer");
      const { markup, text } = current.sent()[0]!;
      expect(current.wellFormed(markup), markup.slice(0, 300)).toBe(true);
      expect(text).toContain("repas@cias-sudnivernais.example.org");
      expect(text).toContain("01 99 00 70 14");
    });

    test("helpPrefix", "shows its commands in help with the platform's own prefix", async () => {
      const current = await start();
      await current.userSays({ text: "/aide", direct: true });
      await waitFor(() => current.sent().length > 0, "the help");
      const prefix = current.commandPrefix ?? "/";
      const other = prefix === "/" ? "!" : "/";
      const help = current.sent().map((m) => m.text).join("\n");
      for (const command of ["orienter", "sigle", "territoire", "signaler", "aide"]) {
        expect(help).toContain(`${prefix}${command}`);
        expect(help).not.toContain(`${other}${command}`);
      }
    });

    test("notification", "notifies the person who asked of its answer, in a group room and in a direct conversation", async () => {
      const current = await start();
      await current.userSays({ text: "portage de repas à Clamecy", direct: false, mention: true });
      await waitFor(() => current.sent().length === 1, "the answer in the group room");
      expect(current.notifiesAsker(current.sent()[0]!)).toBe(true);
      await current.userSays({ text: "portage de repas à Decize", direct: true });
      await waitFor(() => current.sent().length === 2, "the answer in the direct conversation");
      expect(current.notifiesAsker(current.sent()[1]!)).toBe(true);
    });

    test("echoCap", "answers a huge command with one short message, never echoing it whole", async () => {
      const current = await start();
      await current.userSays({ text: `/territoire ${"Quelquepart ".repeat(6000)}`, direct: true });
      await waitFor(() => current.sent().length > 0, "an answer");
      await current.userSays({ text: `/signaler ssiad-nevers : ${"le numéro ne répond plus ".repeat(3000)}`, direct: true });
      await waitFor(() => current.sent().length > 1, "the answer to the report");
      await marker(current);
      expect(current.sent()).toHaveLength(3);
      expect(current.sent()[0]!.text.length).toBeLessThan(1500);
      expect(current.sent()[1]!.text.length).toBeLessThan(1500);
      expect(current.sent()[1]!.text).not.toContain("le numéro ne répond plus");
    });

    test("numberedChoice", "numbers the communes when it asks which one, and an answer « 3 » to it continues the conversation", async () => {
      const current = await start();
      await current.userSays({ text: "aide à domicile à Montigny", direct: false, mention: true });
      await waitFor(() => current.sent().length === 1, "the question back");
      const asked = current.sent()[0]!;
      expect(asked.text).toContain("3. Montigny-sur-Canne");
      await current.userSays({ text: "3", direct: false, followUp: { to: asked.id, how: "reply" } });
      await waitFor(() => current.sent().length === 2, "the answer for the chosen commune");
      expect(current.sent()[1]!.text).toContain("Montigny-sur-Canne");
      expect(current.sent()[1]!.text).toContain("Je reprends votre besoin précédent");
    });

    test("moreResults", "offers the next services when more match than it shows, as a button or a number, continuing the conversation", async () => {
      const current = await start();
      await current.userSays({ text: "santé mentale à Nevers", direct: false, mention: true });
      await waitFor(() => current.sent().length > 0 && current.sent().some((m) => m.text.includes("Voir le service suivant")), "the answer offering more");
      const offering = current.sent().find((m) => m.text.includes("Voir le service suivant"))!;
      const before = current.sent().length;
      expect(current.sent().map((m) => m.text).join("\n")).toContain("6 services répondent à Nevers");
      if (current.pressButton) await current.pressButton(offering.id, "1. Voir le service suivant");
      else await current.userSays({ text: "1", direct: false, followUp: { to: offering.id, how: "reply" } });
      await waitFor(() => current.sent().length > before, "the next services");
      const next = current.sent().slice(before).map((m) => m.text).join("\n");
      expect(next).toContain("Service 6 sur 6 à Nevers");
      expect(next).toContain("SAMSAH");
    });

    test("moreTyped", "shows the next services when the user answers « plus » to its answer", async () => {
      const current = await start();
      await current.userSays({ text: "santé mentale à Nevers", direct: false, mention: true });
      await waitFor(() => current.sent().some((m) => m.text.includes("répondez « plus »")), "the answer offering more");
      const offering = current.sent().find((m) => m.text.includes("répondez « plus »"))!;
      const before = current.sent().length;
      await current.userSays({ text: "plus", direct: false, followUp: { to: offering.id, how: "reply" } });
      await waitFor(() => current.sent().length > before, "the next services");
      expect(current.sent().slice(before).map((m) => m.text).join("\n")).toContain("SAMSAH");
    });

    test("moreGrouped", "offers the next services of each need when it answers per need, and each choice continues the conversation", async () => {
      const current = await start();
      await current.userSays({ text: "santé mentale et hébergement d'urgence à Nevers", direct: false, mention: true });
      const housing = "2. Voir 1 autre service : Hébergement d'urgence et mise à l'abri";
      await waitFor(() => current.sent().some((m) => m.text.includes(housing)), "the answer offering more per need");
      const offering = current.sent().find((m) => m.text.includes(housing))!;
      expect(offering.text).toContain("1. Voir 3 autres services : Santé mentale et psychiatrie");
      let before = current.sent().length;
      if (current.pressButton) await current.pressButton(offering.id, housing);
      else await current.userSays({ text: "2", direct: false, followUp: { to: offering.id, how: "reply" } });
      await waitFor(() => current.sent().length > before, "the next housing service");
      const housingPage = current.sent().slice(before);
      expect(housingPage.map((m) => m.text).join("\n")).toContain("Pour « Hébergement d'urgence et mise à l'abri » : service 4 sur 4 à Nevers");
      // The other need can still be continued, here by typing it.
      const second = housingPage.find((m) => m.text.includes("Voir 3 autres services : Santé mentale et psychiatrie"))!;
      before = current.sent().length;
      await current.userSays({ text: "plus pour santé mentale", direct: false, followUp: { to: second.id, how: "reply" } });
      await waitFor(() => current.sent().length > before, "the next mental health services");
      const mentalHealth = current.sent().slice(before).map((m) => m.text).join("\n");
      expect(mentalHealth).toContain("Pour « Santé mentale et psychiatrie » : services 4 à 6 sur 6 à Nevers");
      expect(mentalHealth).toContain("SAMSAH");
    });

    test("needChoice", "offers needs as choices when it does not recognise the need, and « 2 » continues with that need and the place", async () => {
      const current = await start();
      await current.userSays({ text: "aide à Nevers", direct: false, mention: true });
      await waitFor(() => current.sent().length === 1, "the question back");
      const asked = current.sent()[0]!;
      expect(asked.text).toContain("2. Aide et accompagnement à domicile (SAAD)");
      if (current.pressButton) await current.pressButton(asked.id, "2. Aide et accompagnement à domicile (SAAD)");
      else await current.userSays({ text: "2", direct: false, followUp: { to: asked.id, how: "reply" } });
      await waitFor(() => current.sent().length === 2, "the answer for the chosen need");
      expect(current.sent()[1]!.text).toContain("Service d'aide à domicile de l'agglomération de Nevers");
    });

    test("commandHint", "writes the platform's prefix in the hint for an unknown command", async () => {
      const current = await start();
      const prefix = current.commandPrefix ?? "/";
      await current.userSays({ text: `${prefix}frobnicate`, direct: true });
      await waitFor(() => current.sent().length > 0, "the hint");
      expect(current.sent()[0]!.text).toContain(`Tapez ${prefix}aide`);
    });

    test("attachment", "says that it reads only text when it receives a photo without text", async () => {
      const current = await start();
      const id = await current.userSendsPhoto({ direct: true });
      await waitFor(() => current.sent().length > 0, "an answer");
      expect(current.sent()[0]!.text).toContain("Je ne lis que le texte");
      expect(current.sent()[0]!.replyTo ?? id).toBe(id);
    });

    test("edit", "says once that it does not read an edited question again", async () => {
      const current = await start();
      const id = await current.userSays({ text: "portage de repas à Clamecy", direct: true });
      await waitFor(() => current.sent().length === 1, "the first answer");
      await current.userEdits(id, "portage de repas à Decize");
      await waitFor(() => current.sent().length === 2, "the note about the edit");
      expect(current.sent()[1]!.text).toContain("je ne relis pas les messages modifiés");
      await current.userEdits(id, "portage de repas à Nevers");
      await marker(current);
      expect(current.sent()).toHaveLength(3);
    });

    test("flood", "tells a flooding user, once, that their messages are not read, and when to write again", async () => {
      const current = await start(undefined, { rateLimit: { messages: 2, perMs: 60_000 } });
      for (const text of ["/sigle DAC", "/sigle CCAS", "/sigle SSIAD", "/sigle EHPAD"]) await current.userSays({ text, direct: true });
      await waitFor(() => current.sent().some((m) => m.text.includes("beaucoup de messages")), "the warning");
      await new Promise((resolve) => setTimeout(resolve, 300));
      const warnings = current.sent().filter((m) => m.text.includes("beaucoup de messages"));
      expect(warnings).toHaveLength(1);
      expect(warnings[0]!.text).toContain("je n'ai pas lu ce message");
      expect(current.sent()).toHaveLength(3);
    });

    test("rateLimit", "waits and retries when the platform answers with a rate limit", async () => {
      const current = await start();
      current.rateLimitNextSend(1);
      await current.userSays({ text: "portage de repas à Clamecy", direct: true });
      await waitFor(() => current.sent().length > 0, "the answer after the retry", 15_000);
      expect(current.rateLimited()).toBe(1);
      expect(current.sent()).toHaveLength(1);
    });
  });
}
