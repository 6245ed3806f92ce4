// A local Slack for tests, on 127.0.0.1 (port 0). It speaks Slack's documented protocols:
// - Web API: POST /api/<method>, form-encoded or JSON, token in `Authorization: Bearer`; answers
//   `{ ok: false, error }` with HTTP 200 (invalid_auth, not_authed, invalid_blocks, msg_too_long,
//   not_in_channel…) and HTTP 429 with a Retry-After header (seconds) for rate limits. Methods:
//   auth.test, apps.connections.open, chat.postMessage (validates Block Kit limits), reactions.add,
//   reactions.remove.
// - Socket Mode: the URL apps.connections.open returns is a ws:// URL here; the peer sends `hello`,
//   `events_api` and `slash_commands` envelopes, waits for the `{ envelope_id }` acks, and can send
//   `disconnect` (refresh_requested).
// - Events API over HTTP: requests signed like Slack's (`X-Slack-Signature: v0=HMAC_SHA256(secret,
//   "v0:" + timestamp + ":" + body)`, `X-Slack-Request-Timestamp`), retries with X-Slack-Retry-Num.
// - response_url: POST /commands/<trigger> records a slash command's ephemeral answer.
// Slash commands are those of bot/adapters/slack/manifest.yaml. As the manifest subscribes to
// app_mention, message.im and message.channels, channel messages that do not mention the bot reach
// the adapter and must be flagged, not answered (except follow-ups in the bot's threads); and the
// bot's own messages come back as events, as on Slack.
import { createHmac, randomUUID } from "node:crypto";
import { EventEmitter } from "node:events";
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage as HttpRequest, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { WebSocketServer, type WebSocket } from "ws";
import { parse } from "yaml";
import { createSlackAdapter, type SlackAdapter, type SlackAdapterOptions } from "../../bot/adapters/slack/adapter.ts";
import { createLogger, type Logger } from "../../bot/server/logger.ts";
import type { ContractPeer, SentMessage, UserMessage } from "../contract/adapter-contract.ts";

export const SLACK_PEER = {
  team: "T0TEAM",
  appId: "A0APP",
  botUserId: "U0BOT",
  botId: "B0BOT",
  user: "U0USER",
  direct: "D0DIRECT",
  group: "C0GROUP",
  botToken: "xoxb-peer-bot-token",
  appToken: "xapp-peer-app-token",
  signingSecret: "peer-signing-secret",
  path: "/slack/events",
} as const;

/** The app manifest: the peer delivers the slash commands and events it declares. */
export const SLACK_MANIFEST = parse(readFileSync(new URL("../../bot/adapters/slack/manifest.yaml", import.meta.url), "utf8")) as {
  features: { slash_commands: { command: string; description: string; usage_hint?: string }[] };
  oauth_config: { scopes: { bot: string[] } };
  settings: { event_subscriptions: { bot_events: string[] }; socket_mode_enabled: boolean };
};

/** The slash commands of the manifest, without their slash. */
export const SLACK_COMMANDS = SLACK_MANIFEST.features.slash_commands.map((c) => c.command.slice(1));

export interface SlackPeerOptions {
  mode: "socket" | "http";
  /** The app also subscribes to message.channels (true): every channel message is delivered. */
  subscribeChannelMessages: boolean;
  /** The bot's own messages come back as message events, as on Slack (true). */
  echoOwnMessages: boolean;
}

export interface SlackUserMessage extends UserMessage {
  channel?: string;
  user?: string;
  /** Posts inside this thread (the `ts` of its first message). */
  threadTs?: string;
}

/** A message the bot sent, as Slack received it. */
export interface PostedMessage {
  via: "chat.postMessage" | "response_url";
  channel: string;
  threadTs?: string | undefined;
  text: string;
  blocks: Record<string, unknown>[];
  ts: string;
}

export interface Delivery {
  kind: "events_api" | "slash_commands" | "interactive";
  payload: Record<string, unknown>;
  retry: number;
  /** When it was sent, and when the adapter acknowledged it (envelope ack or HTTP answer). */
  sentAt?: number;
  ackedAt?: number;
  status?: number;
}

const LIMITS = { blocks: 50, section: 3000, header: 150, text: 40_000, contextElements: 10 };

const escapeSlackText = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const unescapeSlackText = (text: string) => text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");

/** Why Slack would refuse these blocks (invalid_blocks), or undefined when it accepts them. */
function blocksProblem(blocks: unknown): string | undefined {
  if (!Array.isArray(blocks)) return "blocks is not an array";
  if (blocks.length > LIMITS.blocks) return `${blocks.length} blocks (max ${LIMITS.blocks})`;
  const textObject = (value: unknown, types: string[], max: number): string | undefined => {
    const text = value as { type?: unknown; text?: unknown } | undefined;
    if (!text || !types.includes(String(text.type))) return `text type ${String(text?.type)} not in ${types.join("/")}`;
    if (typeof text.text !== "string" || text.text.length === 0) return "empty text";
    if (text.text.length > max) return `text of ${text.text.length} characters (max ${max})`;
    return undefined;
  };
  for (const [i, block] of (blocks as Record<string, unknown>[]).entries()) {
    let problem: string | undefined;
    switch (block.type) {
      case "header":
        problem = textObject(block.text, ["plain_text"], LIMITS.header);
        break;
      case "section":
        problem = textObject(block.text, ["plain_text", "mrkdwn"], LIMITS.section);
        break;
      case "context": {
        const elements = block.elements as unknown[] | undefined;
        problem = !Array.isArray(elements) || elements.length === 0 || elements.length > LIMITS.contextElements ? "bad context elements" : elements.map((e) => textObject(e, ["plain_text", "mrkdwn"], LIMITS.section)).find(Boolean);
        break;
      }
      case "divider":
        break;
      case "actions": {
        const elements = block.elements as { type?: unknown; text?: unknown; action_id?: unknown; value?: unknown }[] | undefined;
        if (!Array.isArray(elements) || elements.length === 0 || elements.length > 25) problem = "bad actions elements";
        else
          for (const element of elements) {
            if (element.type !== "button") problem = `unknown element type ${String(element.type)}`;
            else if (typeof element.action_id !== "string" || element.action_id.length > 255) problem = "bad action_id";
            else if (typeof element.value !== "string" || element.value.length > 2000) problem = "bad value";
            else problem = textObject(element.text, ["plain_text"], 75);
            if (problem) break;
          }
        break;
      }
      default:
        problem = `unknown block type ${String(block.type)}`;
    }
    if (problem) return `block ${i}: ${problem}`;
  }
  return undefined;
}

/** The text of every block, one per line: what the contract calls the markup. */
export function blocksMarkup(blocks: readonly Record<string, unknown>[]): string {
  return blocks
    .flatMap((block) => {
      if (block.type === "context") return (block.elements as { text: string }[]).map((e) => e.text);
      const text = block.text as { text?: string } | undefined;
      return text?.text !== undefined ? [text.text] : [];
    })
    .join("\n");
}

/**
 * True when mrkdwn is safe and balanced: the only `<…>` are links we produce (http, mailto, tel,
 * with a label), no other raw `<`, `>`, no `&` outside &amp; &lt; &gt;, no quote at a line start,
 * no `~` or `` ` ``, `_` only inside words, and `*` in pairs that open and close on each line.
 */
export function wellFormedMrkdwn(markup: string): boolean {
  const links = /<([^<>]*)>/g;
  for (const match of markup.matchAll(links)) {
    if (!/^(?:https?:\/\/|mailto:|tel:)[^\s<>|]+\|[^<>]+$/.test(match[1]!)) return false;
  }
  const text = markup.replace(links, (link) => link.slice(link.indexOf("|") + 1, -1));
  if (/[<>]/.test(text) || /&(?!(?:amp|lt|gt);)/.test(text) || /[~`]/.test(text) || /^\s*&gt;/m.test(text)) return false;
  for (const match of text.matchAll(/_/g)) {
    const before = text[match.index - 1] ?? "";
    const after = text[match.index + 1] ?? "";
    if (!/[\p{L}\p{N}]/u.test(before) || !/[\p{L}\p{N}]/u.test(after)) return false;
  }
  for (const line of text.split("\n")) {
    const stars = [...line.matchAll(/\*/g)].map((m) => m.index);
    if (stars.length % 2 !== 0) return false;
    for (let i = 0; i < stars.length; i += 2) {
      const open = stars[i]!;
      const close = stars[i + 1]!;
      if (close === open + 1 || /\s/.test(line[open + 1]!) || /\s/.test(line[close - 1]!)) return false;
    }
  }
  return true;
}

/** Headers Slack signs an Events API request with. */
function slackSignature(secret: string, body: string, timestamp = Math.floor(Date.now() / 1000)): Record<string, string> {
  const signature = `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
  return { "x-slack-request-timestamp": String(timestamp), "x-slack-signature": signature };
}

export class SlackPeer implements ContractPeer {
  readonly limit = LIMITS.text;
  readonly options: SlackPeerOptions;
  /** When true, WebSocket connections are refused (a firewall between the app and Slack). */
  refuseSocketMode = false;
  /** Channels the bot has not joined: chat.postMessage answers not_in_channel. */
  readonly notMemberOf = new Set<string>();
  readonly posted: PostedMessage[] = [];
  /** Threads the default user wrote in (`channel:thread ts`), which Slack has them follow. */
  private readonly followedThreads = new Set<string>();
  readonly deliveries: Delivery[] = [];
  readonly reactions: { method: string; channel: string; timestamp: string; name: string }[] = [];
  /** Every Web API call, in order (method and HTTP status). */
  readonly calls: { method: string; status: number }[] = [];
  /** « posted » listeners: one per message a test or the bench waits for, as many as users waiting at once. */
  readonly events = new EventEmitter().setMaxListeners(0);
  private readonly server = createServer((req, res) => void this.handle(req, res));
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly sockets = new Set<Socket>();
  private readonly clients = new Set<WebSocket>();
  private readonly acks = new Map<string, { resolve: () => void; timer: NodeJS.Timeout; delivery: Delivery }>();
  private readonly background = new Set<Promise<unknown>>();
  private readonly history: Delivery[] = [];
  private rateLimits: number[] = [];
  private rateLimitedCount = 0;
  private last: Delivery | undefined;
  private counter = 0;
  private adapter: SlackAdapter | undefined;
  /** How many Socket Mode connections the app asked for (apps.connections.open). */
  connections = 0;
  base = "";

  constructor(options: Partial<SlackPeerOptions> = {}) {
    this.options = { mode: "socket", subscribeChannelMessages: true, echoOwnMessages: true, ...options };
  }

  async listen(): Promise<this> {
    this.server.on("connection", (socket) => {
      this.sockets.add(socket);
      socket.on("close", () => this.sockets.delete(socket));
    });
    this.server.on("upgrade", (req, socket, head) => {
      if (!req.url?.startsWith("/link") || this.refuseSocketMode) return socket.destroy();
      this.wss.handleUpgrade(req, socket, head, (ws) => this.connected(ws));
    });
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** The adapter under test, connected to this peer; `overrides` change its options. */
  createAdapter(overrides: Partial<SlackAdapterOptions> = {}, logger: Logger = createLogger({ level: "silent" })): SlackAdapter {
    const mode = this.options.mode === "socket" ? { appToken: SLACK_PEER.appToken } : { signingSecret: SLACK_PEER.signingSecret };
    this.adapter = createSlackAdapter(
      { botToken: SLACK_PEER.botToken, ...mode, slackApiUrl: `${this.base}/api/`, port: 0, host: "127.0.0.1", connectTimeoutMs: 5000, ...overrides },
      { logger },
    );
    return this.adapter;
  }

  // ---- Users and Slack's deliveries -------------------------------------------------------

  private nextTs(secondsAgo = 0): string {
    this.counter += 1;
    return `${Math.floor(Date.now() / 1000) - secondsAgo}.${String(this.counter % 1_000_000).padStart(6, "0")}`;
  }

  private eventCallback(event: Record<string, unknown>): Record<string, unknown> {
    return {
      token: "verification-token",
      team_id: SLACK_PEER.team,
      api_app_id: SLACK_PEER.appId,
      event: { ...event, event_ts: event.ts, team: SLACK_PEER.team },
      type: "event_callback",
      event_id: `Ev${String(++this.counter).padStart(8, "0")}`,
      event_time: Math.floor(Date.now() / 1000),
      authorizations: [{ enterprise_id: null, team_id: SLACK_PEER.team, user_id: SLACK_PEER.botUserId, is_bot: true, is_enterprise_install: false }],
      is_ext_shared_channel: false,
    };
  }

  /** The events Slack sends for a message, as an app subscribed to app_mention, message.im (and message.channels). */
  private messageEvents(channel: string, message: Record<string, unknown>, mention: boolean): Record<string, unknown>[] {
    const direct = channel.startsWith("D");
    const events: Record<string, unknown>[] = [];
    if (!direct && mention) events.push({ ...message, type: "app_mention", channel });
    if (direct || this.options.subscribeChannelMessages) events.push({ ...message, type: "message", channel, channel_type: direct ? "im" : "channel" });
    return events;
  }

  async userSays(message: SlackUserMessage): Promise<string> {
    const channel = message.channel ?? (message.direct ? SLACK_PEER.direct : SLACK_PEER.group);
    const user = message.fromSelf ? SLACK_PEER.botUserId : (message.user ?? SLACK_PEER.user);
    const command = /^\/(\p{L}+)(?:\s+([\s\S]*))?$/u.exec(message.text);
    if (command && SLACK_COMMANDS.includes(command[1]!) && !message.fromBot && !message.fromSelf) {
      const trigger = `${++this.counter}.${randomUUID().slice(0, 8)}`;
      await this.deliver({
        kind: "slash_commands",
        retry: 0,
        payload: {
          token: "verification-token",
          team_id: SLACK_PEER.team,
          team_domain: "orienteur-test",
          channel_id: channel,
          channel_name: channel.startsWith("D") ? "directmessage" : "general",
          user_id: user,
          user_name: "marie",
          command: `/${command[1]}`,
          text: escapeSlackText(command[2] ?? ""),
          api_app_id: SLACK_PEER.appId,
          is_enterprise_install: "false",
          response_url: `${this.base}/commands/${trigger}`,
          trigger_id: trigger,
        },
      });
      return `${channel}:${trigger}`;
    }
    const ts = this.nextTs();
    const text = `${message.mention ? `<@${SLACK_PEER.botUserId}> ` : ""}${escapeSlackText(message.text)}`;
    const base: Record<string, unknown> = message.fromBot
      ? { subtype: "bot_message", bot_id: "B0OTHER", username: "autre-bot", text, ts }
      : { user, text, ts, client_msg_id: randomUUID(), ...(message.fromSelf ? { bot_id: SLACK_PEER.botId, app_id: SLACK_PEER.appId } : {}) };
    // On Slack, replying to a message in a thread is writing in that thread.
    const followed = message.followUp ? this.posted.find((m) => `${m.channel}:${m.ts}` === message.followUp!.to) : undefined;
    const threadTs = message.threadTs ?? (followed ? (followed.threadTs ?? followed.ts) : undefined);
    if (threadTs) {
      base.thread_ts = threadTs;
      // As Slack does: the author of the thread's first message.
      base.parent_user_id = this.posted.some((m) => m.ts === threadTs) ? SLACK_PEER.botUserId : user;
    }
    // Slack has the author of a message follow its thread: replies there notify them.
    if (user === SLACK_PEER.user && !message.fromBot) this.followedThreads.add(`${channel}:${threadTs ?? ts}`);
    for (const event of this.messageEvents(channel, base, message.mention === true)) {
      await this.deliver({ kind: "events_api", retry: 0, payload: this.eventCallback(event) });
    }
    return `${channel}:${ts}`;
  }

  /** The user clicks the button labelled `label` under the bot's message `postedId` (`channel:ts`): a block_actions payload. */
  async pressButton(postedId: string, label: string): Promise<void> {
    const message = this.posted.find((m) => `${m.channel}:${m.ts}` === postedId);
    const elements = (message?.blocks ?? []).filter((b) => b.type === "actions").flatMap((b) => b.elements as { text: { text: string }; action_id: string; value: string }[]);
    const button = elements.find((e) => e.text.text === label);
    if (!message || !button) throw new Error(`no button « ${label} » under ${postedId}`);
    const actionTs = this.nextTs();
    const payload = {
      type: "block_actions",
      user: { id: SLACK_PEER.user, username: "marie", name: "marie", team_id: SLACK_PEER.team },
      api_app_id: SLACK_PEER.appId,
      token: "verification-token",
      container: { type: "message", message_ts: message.ts, channel_id: message.channel, is_ephemeral: false, ...(message.threadTs ? { thread_ts: message.threadTs } : {}) },
      trigger_id: `${this.counter}.${randomUUID().slice(0, 8)}`,
      team: { id: SLACK_PEER.team, domain: "orienteur-test" },
      channel: { id: message.channel, name: message.channel.startsWith("D") ? "directmessage" : "general" },
      message: { type: "message", user: SLACK_PEER.botUserId, bot_id: SLACK_PEER.botId, text: message.text, ts: message.ts, blocks: message.blocks, ...(message.threadTs ? { thread_ts: message.threadTs } : {}) },
      response_url: `${this.base}/commands/actions-${actionTs}`,
      actions: [{ type: "button", action_id: button.action_id, block_id: "choix", text: { type: "plain_text", text: label, emoji: false }, value: button.value, action_ts: actionTs }],
    };
    await this.deliver({ kind: "interactive", retry: 0, payload });
  }

  /** A photo shared without a comment: a `file_share` message with an empty text, as Slack sends it. */
  async userSendsPhoto(message: { direct: boolean }): Promise<string> {
    const channel = message.direct ? SLACK_PEER.direct : SLACK_PEER.group;
    const ts = this.nextTs();
    const base = { subtype: "file_share", user: SLACK_PEER.user, text: "", ts, upload: false, files: [{ id: `F${this.counter}`, name: "IMG_2031.jpg", mimetype: "image/jpeg", filetype: "jpg" }] };
    for (const event of this.messageEvents(channel, base, false)) await this.deliver({ kind: "events_api", retry: 0, payload: this.eventCallback(event) });
    return `${channel}:${ts}`;
  }

  /** An edit, as Slack sends it: a `message_changed` event carrying the new and the previous message. */
  async userEdits(id: string, text: string): Promise<void> {
    const [channel, ts] = id.split(":") as [string, string];
    const editTs = this.nextTs();
    const edited = { type: "message", user: SLACK_PEER.user, text: escapeSlackText(text), ts, edited: { user: SLACK_PEER.user, ts: editTs } };
    const event = { subtype: "message_changed", hidden: true, message: edited, previous_message: { type: "message", user: SLACK_PEER.user, text: "", ts }, ts: editTs };
    for (const e of this.messageEvents(channel, event, false)) await this.deliver({ kind: "events_api", retry: 0, payload: this.eventCallback(e) });
  }

  /** A direct message sent while the bot was offline: Slack retries it once the app is back. */
  async seedHistory(text: string): Promise<void> {
    const ts = this.nextTs(3600);
    const event = { type: "message", channel: SLACK_PEER.direct, channel_type: "im", user: SLACK_PEER.user, text: escapeSlackText(text), ts };
    this.history.push({ kind: "events_api", retry: 1, payload: this.eventCallback(event) });
  }

  async redeliverLast(): Promise<void> {
    if (!this.last) throw new Error("nothing delivered yet");
    await this.deliver({ ...this.last, retry: this.last.retry + 1 });
  }

  /** Sends a delivery and resolves once the adapter acknowledged it (or after Slack's 3 s). */
  async deliver(delivery: Delivery, remember = true): Promise<void> {
    if (remember) this.last = delivery;
    const pending = this.history.splice(0);
    if (this.options.mode === "http") {
      for (const old of pending) await this.deliverHttp(old);
      await this.deliverHttp(delivery);
    } else {
      this.history.push(...pending); // flushed on connection
      await this.deliverSocket(delivery);
    }
  }

  private async deliverSocket(delivery: Delivery, wait = true): Promise<void> {
    const deadline = Date.now() + 10_000;
    let ws = this.openClient();
    while (!ws && wait && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      ws = this.openClient();
    }
    if (!ws) {
      if (wait) throw new Error("no Socket Mode connection to deliver to");
      return;
    }
    const envelopeId = randomUUID();
    const envelope =
      delivery.kind === "events_api"
        ? { envelope_id: envelopeId, payload: delivery.payload, type: "events_api", accepts_response_payload: false, retry_attempt: delivery.retry, retry_reason: delivery.retry ? "timeout" : "" }
        : delivery.kind === "interactive"
          ? { envelope_id: envelopeId, payload: delivery.payload, type: "interactive", accepts_response_payload: false }
          : { envelope_id: envelopeId, payload: delivery.payload, type: "slash_commands", accepts_response_payload: true };
    const acked = new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.acks.delete(envelopeId);
        resolve();
      }, 3000);
      this.acks.set(envelopeId, { resolve, timer, delivery });
    });
    this.deliveries.push(delivery);
    delivery.sentAt = Date.now();
    ws.send(JSON.stringify(envelope));
    await acked;
  }

  /** POSTs a delivery to the adapter's Events API endpoint, signed like Slack. */
  private async deliverHttp(delivery: Delivery): Promise<void> {
    // Slash commands are form fields; interactivity is one form field, `payload`, holding JSON.
    const body =
      delivery.kind === "slash_commands"
        ? new URLSearchParams(delivery.payload as Record<string, string>).toString()
        : delivery.kind === "interactive"
          ? new URLSearchParams({ payload: JSON.stringify(delivery.payload) }).toString()
          : JSON.stringify(delivery.payload);
    const contentType = delivery.kind === "events_api" ? "application/json" : "application/x-www-form-urlencoded";
    this.deliveries.push(delivery);
    delivery.sentAt = Date.now();
    const response = await this.postToApp(body, { contentType, retryNum: delivery.retry });
    delivery.status = response.status;
    delivery.ackedAt = Date.now();
  }

  /** A raw POST to the adapter in HTTP mode; `secret` signs it (the right one unless told). */
  async postToApp(body: string, options: { contentType?: string; retryNum?: number; secret?: string; timestamp?: number } = {}): Promise<{ status: number; body: string }> {
    const address = this.adapter?.address();
    if (!address) throw new Error("the adapter is not listening (HTTP mode, started?)");
    const headers: Record<string, string> = {
      "content-type": options.contentType ?? "application/json",
      "user-agent": "Slackbot 1.0 (+https://api.slack.com/robots)",
      ...slackSignature(options.secret ?? SLACK_PEER.signingSecret, body, options.timestamp),
    };
    if (options.retryNum) {
      headers["x-slack-retry-num"] = String(options.retryNum);
      headers["x-slack-retry-reason"] = "http_timeout";
    }
    const response = await fetch(`http://127.0.0.1:${address.port}${SLACK_PEER.path}`, { method: "POST", headers, body });
    return { status: response.status, body: await response.text() };
  }

  /** Socket Mode connections open right now. */
  openConnections(): number {
    return [...this.clients].filter((ws) => ws.readyState === ws.OPEN).length;
  }

  private openClient(): WebSocket | undefined {
    return [...this.clients].find((ws) => ws.readyState === ws.OPEN);
  }

  private connected(ws: WebSocket): void {
    this.clients.add(ws);
    ws.on("close", () => this.clients.delete(ws));
    ws.on("message", (data) => {
      let ack: { envelope_id?: string };
      try {
        ack = JSON.parse(String(data)) as { envelope_id?: string };
      } catch {
        return;
      }
      const waiter = ack.envelope_id ? this.acks.get(ack.envelope_id) : undefined;
      if (!waiter) return;
      this.acks.delete(ack.envelope_id!);
      clearTimeout(waiter.timer);
      waiter.delivery.ackedAt = Date.now();
      waiter.resolve();
    });
    ws.send(JSON.stringify({ type: "hello", num_connections: this.clients.size, debug_info: { host: "peer", approximate_connection_time: 18060 }, connection_info: { app_id: SLACK_PEER.appId } }));
    for (const old of this.history.splice(0)) this.track(this.deliverSocket(old));
  }

  /** Asks the connected app to reconnect, as Slack does before recycling a connection. */
  requestReconnect(): void {
    for (const ws of this.clients) ws.send(JSON.stringify({ type: "disconnect", reason: "refresh_requested", debug_info: { host: "peer" } }));
  }

  private track(work: Promise<unknown>): void {
    const guarded = work.catch(() => {});
    this.background.add(guarded);
    void guarded.finally(() => this.background.delete(guarded));
  }

  // ---- Web API ------------------------------------------------------------------------------

  private async handle(req: HttpRequest, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    const url = new URL(req.url ?? "/", this.base);
    const json = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
      res.end(JSON.stringify(body));
    };
    if (req.method !== "POST") return json(405, { ok: false, error: "method_not_allowed" });
    if (url.pathname.startsWith("/commands/")) return this.responseUrl(url.pathname.slice("/commands/".length), raw, json);
    if (!url.pathname.startsWith("/api/")) return json(404, { ok: false, error: "not_found" });
    const method = url.pathname.slice("/api/".length);
    const params: Record<string, unknown> = (req.headers["content-type"] ?? "").includes("application/json")
      ? (JSON.parse(raw || "{}") as Record<string, unknown>)
      : Object.fromEntries(new URLSearchParams(raw));
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1] ?? (params.token as string | undefined);
    const answer = (status: number, body: Record<string, unknown>, headers?: Record<string, string>) => {
      this.calls.push({ method, status });
      json(status, body, headers);
    };
    if (!token) return answer(200, { ok: false, error: "not_authed" });
    const expected = method === "apps.connections.open" ? SLACK_PEER.appToken : SLACK_PEER.botToken;
    if (token !== expected) return answer(200, { ok: false, error: "invalid_auth" });

    switch (method) {
      case "auth.test":
        return answer(200, { ok: true, url: "https://orienteur-test.slack.com/", team: "Orienteur test", user: "orienteur", team_id: SLACK_PEER.team, user_id: SLACK_PEER.botUserId, bot_id: SLACK_PEER.botId, is_enterprise_install: false });
      case "apps.connections.open":
        this.connections += 1;
        return answer(200, { ok: true, url: `${this.base.replace(/^http/, "ws")}/link/?ticket=${randomUUID()}&app_id=${SLACK_PEER.appId}` });
      case "chat.postMessage":
        return this.postMessage(params, answer);
      case "reactions.add":
      case "reactions.remove": {
        const { channel, timestamp, name } = params as Record<string, string>;
        if (!channel || !timestamp || !name) return answer(200, { ok: false, error: "invalid_arguments" });
        this.reactions.push({ method, channel, timestamp, name });
        return answer(200, { ok: true });
      }
      default:
        return answer(200, { ok: false, error: "unknown_method" });
    }
  }

  private postMessage(params: Record<string, unknown>, answer: (status: number, body: Record<string, unknown>, headers?: Record<string, string>) => void): void {
    const retryAfter = this.rateLimits.shift();
    if (retryAfter !== undefined) {
      this.rateLimitedCount += 1;
      return answer(429, { ok: false, error: "ratelimited" }, { "retry-after": String(retryAfter) });
    }
    const channel = params.channel as string | undefined;
    if (!channel) return answer(200, { ok: false, error: "channel_not_found" });
    if (this.notMemberOf.has(channel)) return answer(200, { ok: false, error: "not_in_channel" });
    let blocks: unknown = params.blocks ?? [];
    if (typeof blocks === "string") {
      try {
        blocks = JSON.parse(blocks);
      } catch {
        return answer(200, { ok: false, error: "invalid_blocks_format" });
      }
    }
    const problem = blocksProblem(blocks);
    if (problem) return answer(200, { ok: false, error: "invalid_blocks", errors: [problem] });
    const text = (params.text as string | undefined) ?? "";
    if (text === "" && (blocks as unknown[]).length === 0) return answer(200, { ok: false, error: "no_text" });
    if (text.length > LIMITS.text) return answer(200, { ok: false, error: "msg_too_long" });
    const ts = this.nextTs();
    const threadTs = params.thread_ts as string | undefined;
    const message: PostedMessage = { via: "chat.postMessage", channel, threadTs, text, blocks: blocks as Record<string, unknown>[], ts };
    this.posted.push(message);
    answer(200, { ok: true, channel, ts, message: { type: "message", user: SLACK_PEER.botUserId, bot_id: SLACK_PEER.botId, text, ts, ...(threadTs ? { thread_ts: threadTs } : {}) } });
    this.events.emit("posted", message);
    if (this.options.echoOwnMessages) this.echo(message);
  }

  /** Slack sends the bot's own message back to an app subscribed to that channel's messages. */
  private echo(message: PostedMessage): void {
    const base: Record<string, unknown> = { user: SLACK_PEER.botUserId, bot_id: SLACK_PEER.botId, app_id: SLACK_PEER.appId, text: message.text, ts: message.ts };
    if (message.threadTs) base.thread_ts = message.threadTs;
    for (const event of this.messageEvents(message.channel, base, false)) {
      const delivery: Delivery = { kind: "events_api", retry: 0, payload: this.eventCallback(event) };
      this.track(this.options.mode === "http" ? this.deliverHttp(delivery) : this.deliverSocket(delivery, false));
    }
  }

  private responseUrl(trigger: string, raw: string, json: (status: number, body: unknown, headers?: Record<string, string>) => void): void {
    const retryAfter = this.rateLimits.shift();
    if (retryAfter !== undefined) {
      this.rateLimitedCount += 1;
      return json(429, { ok: false, error: "ratelimited" }, { "retry-after": String(retryAfter) });
    }
    const command = this.deliveries.find((d) => d.kind === "slash_commands" && d.payload.trigger_id === trigger);
    if (!command) return json(404, { ok: false, error: "expired_url" });
    const body = JSON.parse(raw || "{}") as { text?: string; blocks?: Record<string, unknown>[] };
    const problem = blocksProblem(body.blocks ?? []);
    if (problem) return json(400, { ok: false, error: "invalid_blocks", errors: [problem] });
    const message: PostedMessage = { via: "response_url", channel: String(command.payload.channel_id), text: body.text ?? "", blocks: body.blocks ?? [], ts: this.nextTs() };
    this.posted.push(message);
    json(200, { ok: true });
    this.events.emit("posted", message);
  }

  // ---- What the contract reads --------------------------------------------------------------

  sent(): SentMessage[] {
    return this.posted.map((m) => ({
      id: `${m.channel}:${m.ts}`,
      room: m.channel,
      replyTo: m.threadTs ? `${m.channel}:${m.threadTs}` : undefined,
      text: unescapeSlackText(m.text),
      markup: blocksMarkup(m.blocks),
    }));
  }

  /** Slack's default notification preference (« direct messages, mentions and keywords ») plus the threads the user follows. */
  notifiesAsker(message: SentMessage): boolean {
    const posted = this.posted.find((m) => `${m.channel}:${m.ts}` === message.id);
    if (!posted || posted.via !== "chat.postMessage") return false;
    return posted.channel.startsWith("D") || posted.text.includes(`<@${SLACK_PEER.user}>`) || (posted.threadTs !== undefined && this.followedThreads.has(`${posted.channel}:${posted.threadTs}`));
  }

  /** Resolves with the first posted message (from now on) that matches. */
  nextPosted(matches: (message: PostedMessage) => boolean = () => true, timeoutMs = 10_000): Promise<PostedMessage> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.events.off("posted", listener);
        reject(new Error("no matching message posted in time"));
      }, timeoutMs);
      const listener = (message: PostedMessage) => {
        if (!matches(message)) return;
        clearTimeout(timer);
        this.events.off("posted", listener);
        resolve(message);
      };
      this.events.on("posted", listener);
    });
  }

  rateLimitNextSend(retryAfterSeconds: number): void {
    this.rateLimits.push(retryAfterSeconds);
  }

  rateLimited(): number {
    return this.rateLimitedCount;
  }

  wellFormed(markup: string): boolean {
    return wellFormedMrkdwn(markup);
  }

  async close(): Promise<void> {
    for (const { resolve, timer } of this.acks.values()) {
      clearTimeout(timer);
      resolve();
    }
    this.acks.clear();
    for (const ws of this.clients) ws.terminate();
    await Promise.allSettled([...this.background]);
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    this.server.closeAllConnections();
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.events.removeAllListeners();
  }
}

/** Starts a peer on 127.0.0.1 with a random port. */
export function startSlackPeer(options: Partial<SlackPeerOptions> = {}): Promise<SlackPeer> {
  return new SlackPeer(options).listen();
}
