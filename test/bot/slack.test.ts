// The Slack adapter against a local Slack (test/peers/slack-peer.ts): the shared contract in
// Socket Mode and in HTTP mode, then what is particular to Slack.
import { createFeedbackRepository } from "../../bot/feedback/repository.ts";
import { PassThrough } from "node:stream";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { IncomingMessage } from "../../bot/core/contract.ts";
import type { SlackAdapter } from "../../bot/adapters/slack/adapter.ts";
import type { Answer } from "../../knowledge/answer/model.ts";
import { createBot, type BotOptions } from "../../bot/core/bot.ts";
import { COMMANDS } from "../../bot/core/commands/catalog.ts";
import { createConversation } from "../../bot/core/conversation.ts";
import { plainText } from "../../bot/adapters/slack/translate.ts";
import { escapeSlack, renderSlack, slackLimits } from "../../bot/render/slack.ts";
import { createLogger } from "../../bot/server/logger.ts";
import { openStore, type Store } from "../../bot/store/store.ts";
import type { Orienteur } from "../../knowledge/orienteur.ts";
import { runAdapterContract } from "../contract/adapter-contract.ts";
import { demoOrienteur } from "../helpers/bases.ts";
import { blocksMarkup, SLACK_COMMANDS, SLACK_MANIFEST, SLACK_PEER, startSlackPeer, wellFormedMrkdwn, type PostedMessage, type SlackPeer, type SlackPeerOptions } from "../peers/slack-peer.ts";
import { waitFor } from "../helpers/wait.ts";

runAdapterContract("slack (Socket Mode)", () => startSlackPeer({ mode: "socket" }));
runAdapterContract("slack (HTTP mode)", () => startSlackPeer({ mode: "http" }));

let orienteur: Orienteur;
beforeAll(async () => {
  orienteur = await demoOrienteur();
});

let peer: SlackPeer | undefined;
let adapter: SlackAdapter | undefined;
let store: Store | undefined;

afterEach(async () => {
  await adapter?.stop();
  await peer?.close();
  store?.close();
  peer = adapter = store = undefined;
});

/** A peer, the adapter and a real engine; `received` lists what the adapter delivered. */
async function startSlack(peerOptions: Partial<SlackPeerOptions> = {}, botOptions: Partial<BotOptions> = {}, logger = createLogger({ level: "silent" })) {
  peer = await startSlackPeer(peerOptions);
  store = openStore(":memory:");
  const bot = createBot({ orienteur: () => orienteur, conversation: createConversation(orienteur), store, feedback: createFeedbackRepository(store.db), logger }, botOptions);
  const started = peer.createAdapter({}, logger);
  adapter = started;
  const received: IncomingMessage[] = [];
  await started.start(async (message) => {
    received.push(message);
    await bot.handle(started, message);
  });
  return { peer, adapter: started, received, bot };
}


/** Everything a Slack user could see or be notified by in a posted message. */
const visible = (m: PostedMessage) => `${m.text}\n${blocksMarkup(m.blocks)}`;

describe("Slack start-up", () => {
  it("refuses to start with a French message naming SLACK_BOT_TOKEN when Slack rejects the bot token", async () => {
    peer = await startSlackPeer({ mode: "socket" });
    adapter = peer.createAdapter({ botToken: "xoxb-revoked" });
    const start = adapter.start(async () => {});
    await expect(start).rejects.toThrow(/^SLACK_BOT_TOKEN est défini mais Slack l'a refusé \(invalid_auth\) : vérifiez/);
  });

  it("refuses to start naming SLACK_APP_TOKEN when Slack rejects the app-level token", async () => {
    peer = await startSlackPeer({ mode: "socket" });
    adapter = peer.createAdapter({ appToken: "xapp-wrong" });
    await expect(adapter.start(async () => {})).rejects.toThrow(/^SLACK_APP_TOKEN est défini mais Slack l'a refusé \(invalid_auth\)/);
  });

  it("says Slack is unreachable, and where, when nothing answers", async () => {
    peer = await startSlackPeer({ mode: "socket" });
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    adapter = peer.createAdapter({ slackApiUrl: `http://127.0.0.1:${port}/api/`, retries: 0 });
    await expect(adapter.start(async () => {})).rejects.toThrow(`Slack est injoignable à http://127.0.0.1:${port}/api/ (ECONNREFUSED) : vérifiez`);
  });

  it("gives up with a French message when the Socket Mode connection cannot be opened", async () => {
    peer = await startSlackPeer({ mode: "socket" });
    peer.refuseSocketMode = true;
    adapter = peer.createAdapter({ connectTimeoutMs: 1000 });
    await expect(adapter.start(async () => {})).rejects.toThrow("La connexion en mode Socket à Slack n'a pas abouti en 1 s : vérifiez que le mode Socket est activé");
  });

  it("refuses to start in HTTP mode naming SLACK_PORT when the port is taken", async () => {
    peer = await startSlackPeer({ mode: "http" });
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", resolve));
    const port = (taken.address() as AddressInfo).port;
    try {
      adapter = peer.createAdapter({ port });
      await expect(adapter.start(async () => {})).rejects.toThrow(`Le mode HTTP de Slack ne peut pas écouter sur le port ${port} (EADDRINUSE) : choisissez un autre SLACK_PORT`);
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });

  it("closes its Socket Mode connection on stop", async () => {
    const { peer: current, adapter: started } = await startSlack({ mode: "socket" });
    expect(current.connections).toBe(1);
    expect(current.openConnections()).toBe(1);
    await started.stop();
    expect(current.openConnections()).toBe(0);
  });
});

describe("Slack messages", () => {
  it("answers a mention in a channel in the thread of the question, and a follow-up in that thread", async () => {
    const { peer: current } = await startSlack({ mode: "socket" });
    const id = await current.userSays({ text: "portage de repas à Clamecy", direct: false, mention: true });
    const ts = id.split(":")[1]!;
    await waitFor(() => current.posted.length === 1, "the answer");
    expect(current.posted[0]!.threadTs).toBe(ts);
    await current.userSays({ text: "et à Nevers ?", direct: false, mention: true, threadTs: ts });
    await waitFor(() => current.posted.length === 2, "the follow-up answer");
    expect(current.posted[1]!.threadTs).toBe(ts);
    expect(current.posted[1]!.text).not.toBe(current.posted[0]!.text);
  });

  it("answers a direct message in the conversation, not in a new thread", async () => {
    const { peer: current } = await startSlack({ mode: "socket" });
    await current.userSays({ text: "portage de repas à Clamecy", direct: true });
    await waitFor(() => current.posted.length === 1, "the answer");
    expect(current.posted[0]!.channel).toBe(SLACK_PEER.direct);
    expect(current.posted[0]!.threadTs).toBeUndefined();
  });

  it("flags its own messages and other bots' messages instead of dropping them", async () => {
    const { peer: current, received } = await startSlack({ mode: "socket" });
    await current.userSays({ text: "bonjour", direct: true, fromBot: true });
    await current.userSays({ text: "portage de repas à Clamecy", direct: true });
    // Slack sends the bot's own answer back as a message event.
    await waitFor(() => received.some((m) => m.author.isSelf), "the echo of the bot's answer");
    const other = received.find((m) => m.text === "bonjour")!;
    expect(other.author).toMatchObject({ isBot: true, isSelf: false });
    const own = received.find((m) => m.author.isSelf)!;
    expect(own.author).toMatchObject({ id: SLACK_PEER.botUserId, isBot: true, isSelf: true });
    expect(current.posted).toHaveLength(1);
  });

  it("reads mentions, links and entities in Slack text as people see them", () => {
    const text = "<@U0BOT> voir <@U123|marie> <@U456> <!channel> <!here> <#C1|general> <https://x.org|le site> <mailto:a@b.fr|a@b.fr> &amp; &lt;b&gt;";
    expect(plainText(text, "U0BOT")).toEqual({ text: "voir @marie @U456 @channel @here #general le site a@b.fr & <b>", mentionsBot: true });
    expect(plainText("bonjour <@U0OTHER>", "U0BOT").mentionsBot).toBe(false);
  });

  it("never writes message contents to its logs", async () => {
    const lines: string[] = [];
    const destination = new PassThrough();
    destination.on("data", (chunk: Buffer) => lines.push(String(chunk)));
    const { peer: current } = await startSlack({ mode: "socket" }, { slowAnswerMs: 0 }, createLogger({ level: "debug", destination }));
    await current.userSays({ text: "portage de repas confidentiel à Clamecy", direct: true });
    await current.userSays({ text: "/sigle CONFIDENTIEL", direct: false });
    await waitFor(() => current.posted.length === 2, "both answers");
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.join("").toLowerCase()).not.toContain("confidentiel");
  });

  it("removes its own mention from the text and marks the message as addressed", async () => {
    const { peer: current, received } = await startSlack({ mode: "socket" });
    await current.userSays({ text: "aide", direct: false, mention: true });
    await waitFor(() => received.length >= 2, "the app_mention and message events");
    for (const message of received.filter((m) => !m.author.isSelf)) {
      expect(message).toMatchObject({ text: "aide", mentionsBot: true, isDirect: false, room: SLACK_PEER.group });
    }
    // Both events name the same message: the engine answers it once.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(current.posted).toHaveLength(1);
  });

  it("shows an hourglass reaction on a slow question and removes it once answered", async () => {
    const { peer: current } = await startSlack({ mode: "socket" }, { slowAnswerMs: 0 });
    await current.userSays({ text: "portage de repas à Clamecy", direct: false, mention: true });
    await waitFor(() => current.posted.length === 1 && current.reactions.length === 2, "the reaction added then removed", 5000);
    expect(current.reactions.map((r) => `${r.method} ${r.name}`)).toEqual(["reactions.add hourglass_flowing_sand", "reactions.remove hourglass_flowing_sand"]);
  });

  it("keeps answering after Slack asks it to reconnect", async () => {
    const { peer: current } = await startSlack({ mode: "socket" });
    current.requestReconnect();
    await waitFor(() => current.connections === 2, "a new connection", 15_000);
    await current.userSays({ text: "/aide", direct: true });
    await waitFor(() => current.posted.length === 1, "the answer after reconnecting");
  }, 20_000);
});

describe("Slack choices as buttons", () => {
  it("offers homonym communes as buttons under its question, and a click continues the conversation", async () => {
    const { peer: current } = await startSlack({ mode: "socket" });
    await current.userSays({ text: "aide à domicile à Montigny", direct: false, mention: true });
    await waitFor(() => current.posted.length === 1, "the question back");
    await current.pressButton(current.sent()[0]!.id, "3. Montigny-sur-Canne (58340)");
    await waitFor(() => current.posted.length === 2, "the answer for the chosen commune");
    expect(current.sent()[1]!.text).toContain("Un service répond à Montigny-sur-Canne");
    expect(current.sent()[1]!.text).toContain("Je reprends votre besoin précédent");
    expect(current.posted[1]!.threadTs).toBe(current.posted[0]!.threadTs);
  });

  it("takes a click in HTTP mode too (signed interactivity payload)", async () => {
    const { peer: current } = await startSlack({ mode: "http" });
    await current.userSays({ text: "aide à domicile à Montigny", direct: true });
    await waitFor(() => current.posted.length === 1, "the question back");
    await current.pressButton(current.sent()[0]!.id, "2. Montigny-en-Morvan (58120)");
    await waitFor(() => current.posted.length === 2, "the answer for the chosen commune");
    expect(current.sent()[1]!.text).toContain("Montigny-en-Morvan");
  });
});

describe("Slack slash commands", () => {
  it("acknowledges a slash command within 3 seconds and answers it in the channel", async () => {
    const { peer: current, received } = await startSlack({ mode: "socket" });
    await current.userSays({ text: "/sigle DAC", direct: false });
    const command = current.deliveries.find((d) => d.kind === "slash_commands")!;
    expect(command.ackedAt).toBeDefined();
    await waitFor(() => current.posted.length === 1, "the answer");
    expect(current.posted[0]!).toMatchObject({ via: "chat.postMessage", channel: SLACK_PEER.group });
    expect(current.posted[0]!.text).toContain("Dispositif d'appui à la coordination");
    expect(received[0]).toMatchObject({ text: "/sigle DAC", isCommand: true });
  });

  it("answers a slash command through its response_url in a channel the bot has not joined", async () => {
    const { peer: current } = await startSlack({ mode: "socket" });
    current.notMemberOf.add("C0ELSEWHERE");
    await current.userSays({ text: "/sigle DAC", direct: false, channel: "C0ELSEWHERE" });
    await waitFor(() => current.posted.length === 1, "the answer");
    expect(current.posted[0]!).toMatchObject({ via: "response_url", channel: "C0ELSEWHERE" });
    expect(current.posted[0]!.text).toContain("Dispositif d'appui à la coordination");
  });
});

describe("Slack app manifest", () => {
  it("declares a slash command for every command the help lists, with a French description", () => {
    // The one command list (bot/core/commands/catalog.ts) gives the help and Telegram's menu; the manifest is YAML, checked against it.
    expect([...SLACK_COMMANDS].sort()).toEqual(COMMANDS.map((c) => c.name).sort());
    for (const command of SLACK_MANIFEST.features.slash_commands) expect(command.description).toMatch(/^[A-Z][a-zàâçéèêëîïôûùüÿœ' ,-]+/i);
  });

  it("subscribes to mentions, direct messages and channel messages (follow-ups in its threads) in Socket Mode, with only the scopes they need", () => {
    expect(SLACK_MANIFEST.settings.socket_mode_enabled).toBe(true);
    expect(SLACK_MANIFEST.settings.event_subscriptions.bot_events).toEqual(["app_mention", "message.im", "message.channels", "message.groups"]);
    expect(SLACK_MANIFEST.oauth_config.scopes.bot.sort()).toEqual(["app_mentions:read", "channels:history", "chat:write", "commands", "groups:history", "im:history", "reactions:write"]);
  });
});

describe("Slack HTTP mode", () => {
  const event = (text: string, ts: string) =>
    JSON.stringify({
      token: "verification-token",
      team_id: SLACK_PEER.team,
      api_app_id: SLACK_PEER.appId,
      type: "event_callback",
      event_id: `Ev${ts}`,
      event_time: Math.floor(Date.now() / 1000),
      event: { type: "message", channel: SLACK_PEER.direct, channel_type: "im", user: SLACK_PEER.user, text, ts, event_ts: ts },
    });
  const nowTs = () => `${Math.floor(Date.now() / 1000)}.000042`;

  it("rejects a request with a bad signature (401) and does not act on it", async () => {
    const { peer: current, received } = await startSlack({ mode: "http" });
    const response = await current.postToApp(event("aide", nowTs()), { secret: "not-the-secret" });
    expect(response.status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(received).toHaveLength(0);
    expect(current.posted).toHaveLength(0);
  });

  it("rejects a correctly signed request replayed more than 5 minutes later", async () => {
    const { peer: current, received } = await startSlack({ mode: "http" });
    const response = await current.postToApp(event("aide", nowTs()), { timestamp: Math.floor(Date.now() / 1000) - 600 });
    expect(response.status).toBe(401);
    expect(received).toHaveLength(0);
  });

  it("answers a correctly signed request", async () => {
    const { peer: current } = await startSlack({ mode: "http" });
    const response = await current.postToApp(event("portage de repas à Clamecy", nowTs()));
    expect(response.status).toBe(200);
    await waitFor(() => current.posted.length === 1, "the answer");
    expect(current.posted[0]!.text).toContain("Portage de repas du Haut Nivernais");
  });

  it("answers a retried event (X-Slack-Retry-Num: 1) once", async () => {
    const { peer: current } = await startSlack({ mode: "http" });
    const body = event("portage de repas à Clamecy", nowTs());
    expect((await current.postToApp(body)).status).toBe(200);
    expect((await current.postToApp(body, { retryNum: 1 })).status).toBe(200);
    await current.userSays({ text: "/aide", direct: true });
    await waitFor(() => current.posted.length === 2, "the answer to the marker");
    expect(current.posted.filter((m) => m.text.includes("Portage de repas du Haut Nivernais"))).toHaveLength(1);
  });

  it("answers Slack's url_verification challenge", async () => {
    const { peer: current } = await startSlack({ mode: "http" });
    const response = await current.postToApp(JSON.stringify({ token: "verification-token", challenge: "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", type: "url_verification" }));
    expect(response.status).toBe(200);
    expect(response.body).toContain("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P");
  });

  it("acknowledges a slash command and answers it", async () => {
    const { peer: current } = await startSlack({ mode: "http" });
    await current.userSays({ text: "/sigle DAC", direct: true });
    const command = current.deliveries.find((d) => d.kind === "slash_commands")!;
    expect(command.status).toBe(200);
    await waitFor(() => current.posted.length === 1, "the answer");
    expect(current.posted[0]!.text).toContain("Dispositif d'appui à la coordination");
  });
});

describe("Slack escaping", () => {
  const hostile = "<!channel> <@U123> <!here|here> *bold _it ~del `code` > quote & <https://evil.example|clic>";

  it("never lets user text notify, link or format", async () => {
    const { peer: current } = await startSlack({ mode: "socket" });
    await current.userSays({ text: `/sigle ${hostile}`, direct: true });
    await waitFor(() => current.posted.length === 1, "the answer");
    const seen = visible(current.posted[0]!);
    for (const raw of ["<!channel>", "<@U123>", "<!here", "<https://evil", "*bold", "_it", "~del", "`code`"]) expect(seen).not.toContain(raw);
    expect(seen).toContain("&lt;!channel&gt;");
    expect(current.wellFormed(blocksMarkup(current.posted[0]!.blocks))).toBe(true);
  });

  it("never lets knowledge-base text notify, link or format", async () => {
    const { peer: current, adapter: started } = await startSlack({ mode: "socket" });
    const answer: Answer = {
      blocks: [
        { type: "title", text: [{ text: hostile }] },
        { type: "paragraph", text: [{ text: hostile, bold: true }, { text: hostile, href: "https://example.org/a|b>c" }] },
        {
          type: "services",
          items: [
            {
              id: "x",
              nom: [{ text: hostile }],
              generaliste: true,
              resume: [{ text: hostile }],
              raisons: [[{ text: hostile }]],
              contacts: [{ kind: "courriel", label: "Courriel", value: "jean_dupont@example.org", href: "mailto:jean_dupont@example.org" }],
              orienter: [{ text: "CIAS", abbr: hostile }],
            },
          ],
        },
        { type: "definitions", items: [{ sigle: "*X*", meanings: [{ formeLongue: hostile, definition: hostile }], services: [hostile] }] },
        { type: "events", items: [{ titre: hostile, quand: hostile, ou: hostile, public: hostile }] },
      ],
    };
    await started.post!(SLACK_PEER.group, answer);
    expect(current.posted.length).toBeGreaterThan(0);
    for (const message of current.posted) {
      const seen = visible(message);
      for (const raw of ["<!channel>", "<@U123>", "<!here", "<https://evil", "*bold", "_it", "~del", "`code`"]) expect(seen).not.toContain(raw);
      expect(wellFormedMrkdwn(blocksMarkup(message.blocks))).toBe(true);
    }
    const all = current.posted.map(visible).join("\n");
    expect(all).toContain("<https://example.org/a%7Cb%3Ec|"); // the link target cannot close the link early
    expect(all).toContain("<mailto:jean_dupont@example.org|jean_dupont@example.org>"); // underscores inside words stay
  });

  it("escapes the three reserved characters and replaces formatting markers", () => {
    expect(escapeSlack("a & b <c> *d* _e_ ~f~ `g`")).toBe("a &amp; b &lt;c&gt; ∗d∗ ˍeˍ ∼f∼ ˋgˋ");
    expect(escapeSlack("> cité\nnom_de_famille")).toBe("＞ cité\nnom_de_famille");
  });
});

describe("Slack Block Kit limits", () => {
  const longAnswer: Answer = {
    blocks: [
      { type: "title", text: [{ text: "Un titre bien plus long que les cent cinquante caractères qu'accepte un bloc d'en-tête de Slack, ce qui oblige à l'écrire autrement, en gras dans une section." }] },
      { type: "paragraph", text: [{ text: "Une phrase de paragraphe assez longue pour remplir la section. ".repeat(150) }] },
      { type: "paragraph", text: [{ text: `${"x".repeat(4000)} fin` }] },
      { type: "list", items: Array.from({ length: 400 }, (_, i) => [{ text: `Élément ${i} de la liste, `, bold: true }, { text: "avec un lien", href: `https://example.org/${i}?a=1&b=2` }]) },
      { type: "definitions", items: Array.from({ length: 70 }, (_, i) => ({ sigle: `S${i}`, meanings: [{ formeLongue: "Forme longue", definition: "Définition." }], services: [] })) },
    ],
  };

  it("renders a long answer into messages that all respect Slack's limits", () => {
    const messages = renderSlack(longAnswer);
    expect(messages.length).toBeGreaterThan(1);
    for (const message of messages) {
      expect(message.blocks.length).toBeLessThanOrEqual(slackLimits.blocksPerMessage);
      for (const block of message.blocks) {
        if (block.type === "actions") continue;
        expect(block.text.text.length).toBeLessThanOrEqual(block.type === "header" ? slackLimits.headerChars : slackLimits.sectionChars);
        expect(block.text.text.length).toBeGreaterThan(0);
      }
      expect(wellFormedMrkdwn(blocksMarkup(message.blocks as unknown as Record<string, unknown>[]))).toBe(true);
      expect(message.text).not.toContain("*");
      // Slack recommends a fallback under 4 000 characters; block text stays as small.
      expect(message.text.length).toBeLessThanOrEqual(4000);
      expect(message.blocks.reduce((sum, block) => sum + (block.type === "actions" ? 0 : block.text.text.length), 0)).toBeLessThanOrEqual(4000);
    }
    const all = messages.map((m) => m.text).join("\n");
    for (const piece of ["Élément 0 de", "Élément 399 de", "S69", `${"x".repeat(100)}`, " fin"]) expect(all).toContain(piece);
  });

  it("sends a long answer as several messages Slack accepts, in order", async () => {
    const { peer: current, adapter: started } = await startSlack({ mode: "socket", echoOwnMessages: false });
    await started.post!(SLACK_PEER.group, longAnswer);
    expect(current.calls.filter((c) => c.method === "chat.postMessage").every((c) => c.status === 200)).toBe(true);
    expect(current.posted.length).toBe(renderSlack(longAnswer).length);
    expect(current.posted[0]!.text).toContain("Un titre bien plus long");
    expect(current.posted.at(-1)!.text).toContain("S69");
  });
});
