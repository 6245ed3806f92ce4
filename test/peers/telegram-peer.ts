// A local Telegram Bot API server on 127.0.0.1, faithful to what the adapter meets in production:
// `/bot<token>/<method>` with JSON, form or multipart bodies; `{ ok, result }` and
// `{ ok: false, error_code, description, parameters }` answers; getUpdates long polling with
// offsets; HTML parse mode checked the way Telegram checks it; 401 for a wrong token; 429 with
// `retry_after`; 409 for getUpdates while a webhook is set. It can also play Telegram's role
// towards a webhook (POST with `X-Telegram-Bot-Api-Secret-Token`). Test controls inject user
// messages (private chat, supergroup, forum topic) with the entities Telegram would attach.
import { createServer, request, type IncomingMessage as HttpRequest, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createTelegramAdapter, type TelegramAdapter, type TelegramAdapterOptions } from "../../bot/adapters/telegram/adapter.ts";
import { createLogger } from "../../bot/server/logger.ts";
import type { ContractPeer, SentMessage, UserMessage } from "../contract/adapter-contract.ts";

// ---------------------------------------------------------------------------------------------
// HTML parse mode, as the Bot API server reads `parse_mode: "HTML"` (tdlib's parse_html).

interface TelegramEntity {
  type: string;
  offset: number;
  length: number;
  url?: string;
  user?: TelegramUser;
}

export type ParsedHtml = { ok: true; text: string; entities: TelegramEntity[]; lenient: string[] } | { ok: false; error: string };

const TAG_TYPES: Record<string, string> = {
  b: "bold",
  strong: "bold",
  i: "italic",
  em: "italic",
  u: "underline",
  ins: "underline",
  s: "strikethrough",
  strike: "strikethrough",
  del: "strikethrough",
  a: "text_link",
  code: "code",
  pre: "pre",
  blockquote: "blockquote",
  "tg-spoiler": "spoiler",
  span: "spoiler",
  "tg-emoji": "custom_emoji",
};
const NAMED: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"' };

/**
 * Parses Telegram HTML into plain text and entities, or Telegram's error (« can't parse entities:
 * Unsupported start tag "abbr" at byte offset 12 »). `lenient` lists what Telegram tolerates but a
 * careful sender escapes (a bare `&` or `>`), so tests can demand strictly escaped markup.
 */
export function parseTelegramHtml(html: string): ParsedHtml {
  let text = "";
  const entities: TelegramEntity[] = [];
  const lenient: string[] = [];
  const open: { name: string; type: string; start: number; url?: string | undefined }[] = [];
  const at = (index: number) => `at byte offset ${Buffer.byteLength(html.slice(0, index))}`;
  const fail = (detail: string): ParsedHtml => ({ ok: false, error: `can't parse entities: ${detail}` });

  let i = 0;
  while (i < html.length) {
    const char = html[i]!;
    if (char === "&") {
      const entity = /^&(?:#(\d{1,7})|#x([0-9a-f]{1,6})|([a-z]+));/i.exec(html.slice(i, i + 12));
      const code = entity?.[1] ? Number(entity[1]) : entity?.[2] ? parseInt(entity[2], 16) : undefined;
      const named = entity?.[3] ? NAMED[entity[3].toLowerCase()] : undefined;
      if (entity && (named !== undefined || (code !== undefined && code > 0 && code <= 0x10ffff))) {
        text += named ?? String.fromCodePoint(code!);
        i += entity[0].length;
      } else {
        // Telegram keeps an `&` that starts no known entity as text.
        lenient.push(`bare & ${at(i)}`);
        text += "&";
        i += 1;
      }
      continue;
    }
    if (char !== "<") {
      if (char === ">") lenient.push(`bare > ${at(i)}`);
      text += char;
      i += 1;
      continue;
    }
    if (html[i + 1] === "/") {
      const end = /^<\/([a-z][a-z0-9-]*)\s*>/i.exec(html.slice(i));
      const top = open.pop();
      if (!end || !top) return fail(`Unexpected end tag ${at(i)}`);
      const name = end[1]!.toLowerCase();
      if (top.name !== name) return fail(`Unmatched end tag ${at(i)}, expected "</${top.name}>", found "</${name}>"`);
      if (text.length > top.start) entities.push({ type: top.type, offset: top.start, length: text.length - top.start, ...(top.url !== undefined ? { url: top.url } : {}) });
      i += end[0].length;
      continue;
    }
    const start = /^<([a-z][a-z0-9-]*)((?:\s+[a-z-]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>"']+))?)*)\s*>/i.exec(html.slice(i));
    const name = (start?.[1] ?? /^<([^\s>]*)/.exec(html.slice(i))?.[1] ?? "").toLowerCase();
    const type = TAG_TYPES[name];
    if (!start || !type) return fail(`Unsupported start tag "${name}" ${at(i)}`);
    const attributes: Record<string, string> = {};
    for (const m of (start[2] ?? "").matchAll(/([a-z-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+)))?/gi)) {
      attributes[m[1]!.toLowerCase()] = (m[2] ?? m[3] ?? m[4] ?? "").replace(/&(lt|gt|amp|quot);/gi, (_, n: string) => NAMED[n.toLowerCase()]!);
    }
    if (name === "span" && attributes.class !== "tg-spoiler") return fail(`Tag "span" must have class "tg-spoiler" ${at(i)}`);
    if (name === "a" && attributes.href !== undefined && !/^(https?:\/\/|tg:)/i.test(attributes.href)) {
      // Telegram keeps http(s) and tg: links only: a mailto: becomes http://mailto:…, a tel: vanishes.
      // Recorded as lenient: we never send them (Telegram links e-mail addresses and numbers itself).
      lenient.push(`unusable link ${at(i)}`);
    }
    open.push({ name, type: name === "blockquote" && "expandable" in attributes ? "expandable_blockquote" : type, start: text.length, url: name === "a" ? attributes.href : undefined });
    i += start[0].length;
  }
  const unclosed = open.pop();
  if (unclosed) return fail(`Can't find end tag corresponding to start tag "${unclosed.name}"`);
  return { ok: true, text, entities: entities.sort((a, b) => a.offset - b.offset), lenient };
}

/** The entities Telegram attaches to a text a user types: commands and @mentions. */
function detectEntities(text: string): TelegramEntity[] {
  const entities: TelegramEntity[] = [];
  for (const m of text.matchAll(/(?<=^|\s)\/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{3,32})?(?![\w@/])/g)) {
    entities.push({ type: "bot_command", offset: m.index, length: m[0].length });
  }
  for (const m of text.matchAll(/(?<![\w@/])@[A-Za-z][A-Za-z0-9_]{4,31}(?!\w)/g)) entities.push({ type: "mention", offset: m.index, length: m[0].length });
  return entities.sort((a, b) => a.offset - b.offset);
}

// ---------------------------------------------------------------------------------------------
// The Bot API server.

export interface TelegramUser {
  id: number;
  is_bot: boolean;
  first_name: string;
  username?: string;
  language_code?: string;
}
export interface Chat {
  id: number;
  type: "private" | "group" | "supergroup";
  title?: string;
  first_name?: string;
  is_forum?: boolean;
}
type Message = Record<string, unknown> & { message_id: number; chat: Chat; date: number };
type Update = Record<string, unknown> & { update_id: number };

export const USER: TelegramUser = { id: 1001, is_bot: false, first_name: "Camille", language_code: "fr" };
const OTHER_BOT: TelegramUser = { id: 5550001, is_bot: true, first_name: "Autre robot", username: "AutreRobotBot" };
export const PRIVATE_CHAT: Chat = { id: USER.id, type: "private", first_name: USER.first_name };
export const GROUP_CHAT: Chat = { id: -1001234567890, type: "supergroup", title: "Coordination PTA Nièvre" };
export const FORUM_CHAT: Chat = { id: -1009876543210, type: "supergroup", title: "Réseau gérontologique", is_forum: true };

/** Extra choices for a user message, beyond the contract's. */
export interface TelegramSays {
  /** Chat to write in; the contract's `direct` picks the private chat or the supergroup. */
  chat?: Chat;
  from?: TelegramUser;
  /** message_id (in the same chat) this message replies to. */
  replyTo?: number;
  /** Forum topic (its message_thread_id) to write in; the chat must be a forum. */
  topic?: number;
  /** Sent this many seconds ago. */
  ageSeconds?: number;
}

/** A message the bot sent: what the contract sees, plus its message_id and arrival time (performance.now()). */
export interface SentRecord extends SentMessage {
  messageId: number;
  at: number;
  /** Sent with disable_notification. */
  silent: boolean;
}

export interface RecordedCall {
  method: string;
  params: Record<string, unknown>;
}

interface Waiter {
  offset: number;
  limit: number;
  res: ServerResponse;
  timer: NodeJS.Timeout;
}

const DEFAULT_TOKEN = "7000000001:AAHorienteur-test-token_0123456789";
/** Update types sent when allowed_updates is empty, as Telegram does. */
const NOT_BY_DEFAULT = new Set(["chat_member", "message_reaction", "message_reaction_count"]);

export class TelegramPeer implements ContractPeer {
  readonly limit = 4096;
  readonly bot: TelegramUser;
  /** Where Telegram would POST updates once setWebhook is called: the adapter's local webhook server. */
  webhookTarget: string | undefined;
  private readonly server: Server;
  private readonly queue: Update[] = [];
  private readonly waiters = new Set<Waiter>();
  private readonly messages = new Map<string, Message>();
  private readonly lastIds = new Map<number, number>();
  private readonly chats = new Map<number, Chat>([PRIVATE_CHAT, GROUP_CHAT, FORUM_CHAT].map((c) => [c.id, c]));
  private readonly topics = new Set<string>();
  private readonly admins = new Set<string>();
  private readonly recorded: RecordedCall[] = [];
  private readonly sentMessages: SentRecord[] = [];
  private readonly listeners = new Set<(message: SentRecord) => void>();
  private nextUpdateId = 500_000;
  /** Button presses not answered yet (answerCallbackQuery), and those answered. */
  private readonly callbacks = new Set<string>();
  readonly answeredCallbacks: string[] = [];
  private lastUserUpdate: Update | undefined;
  private allowedUpdates: string[] = [];
  private webhook: { url: string; secret?: string | undefined } | undefined;
  private rateLimitNext: number | undefined;
  private rateLimitedCount = 0;
  private root: string | undefined;

  private constructor(
    readonly token: string,
    server: Server,
  ) {
    this.server = server;
    this.bot = { id: Number(token.split(":")[0]), is_bot: true, first_name: "Orienteur", username: "OrienteurBot" };
  }

  /** Starts a peer on 127.0.0.1, on a free port. */
  static async start(token = DEFAULT_TOKEN): Promise<TelegramPeer> {
    let peer: TelegramPeer | undefined;
    const server = createServer((req, res) => void peer!.route(req, res));
    peer = new TelegramPeer(token, server);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return peer;
  }

  /** Bot API root to give telegraf (`telegram: { apiRoot }`); kept after close, to test an unreachable server. */
  get apiRoot(): string {
    this.root ??= `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.root;
  }

  createAdapter(overrides: Partial<TelegramAdapterOptions> = {}): TelegramAdapter {
    return createTelegramAdapter({ token: this.token, apiRoot: this.apiRoot, ...overrides }, { logger: createLogger({ level: "silent" }) });
  }

  // --- Test controls -------------------------------------------------------------------------

  async seedHistory(text: string): Promise<void> {
    await this.userSays({ text, direct: true, ageSeconds: 3600 });
  }

  async userSays(message: UserMessage & TelegramSays): Promise<string> {
    const chat = message.chat ?? (message.direct ? PRIVATE_CHAT : GROUP_CHAT);
    const from = message.from ?? (message.fromSelf ? this.bot : message.fromBot ? OTHER_BOT : USER);
    const text = message.mention ? `@${this.bot.username} ${message.text}` : message.text;
    const entities = detectEntities(text);
    let replyTo = message.replyTo;
    if (message.followUp) {
      const to = this.messages.get(message.followUp.to);
      // A reply thread of a supergroup: the bot's message, or (« thread ») the first message of its thread.
      replyTo = message.followUp.how === "reply" ? to?.message_id : ((to?.message_thread_id as number | undefined) ?? to?.message_id);
    }
    const built = this.newMessage(chat, from, { text, ...(entities.length > 0 ? { entities } : {}) }, replyTo, message.topic);
    if (message.ageSeconds) built.date -= message.ageSeconds;
    this.lastUserUpdate = this.enqueue({ message: built });
    return `${chat.id}:${built.message_id}`;
  }

  /** The user presses the inline button labelled `label` under the bot's message `sentId`: a `callback_query` update. */
  pressButton(sentId: string, label: string): void {
    const message = this.messages.get(sentId);
    const rows = (message?.reply_markup as { inline_keyboard?: { text: string; callback_data: string }[][] } | undefined)?.inline_keyboard ?? [];
    const button = rows.flat().find((b) => b.text === label);
    if (!message || !button) throw new Error(`no button « ${label} » under ${sentId}`);
    const id = String(4_000_000_000 + this.nextUpdateId);
    this.callbacks.add(id);
    this.enqueue({ callback_query: { id, from: USER, message, chat_instance: "-5800000000000000001", data: button.callback_data } });
  }

  /** A photo without caption, as Telegram sends it (sizes of one picture, no text). */
  async userSendsPhoto(message: { direct: boolean }): Promise<string> {
    const chat = message.direct ? PRIVATE_CHAT : GROUP_CHAT;
    const photo = [90, 320, 800].map((w, i) => ({ file_id: `AgACAgQAAxkBAAI${i}`, file_unique_id: `AQAD${i}`, width: w, height: Math.round(w * 0.75), file_size: w * 60 }));
    const built = this.newMessage(chat, USER, { photo });
    this.lastUserUpdate = this.enqueue({ message: built });
    return `${chat.id}:${built.message_id}`;
  }

  /** An `edited_message` update: the message as it now reads, with its edit date. */
  async userEdits(id: string, text: string): Promise<void> {
    const original = this.messages.get(id);
    if (!original) throw new Error(`no message ${id}`);
    const entities = detectEntities(text);
    const { entities: _old, ...rest } = original;
    const edited = { ...rest, text, ...(entities.length > 0 ? { entities } : {}), edit_date: Math.floor(Date.now() / 1000) + 1 };
    this.messages.set(id, edited);
    this.enqueue({ edited_message: edited });
  }

  /** Telegram sends an update again when its offset was not confirmed: the same message, anew. */
  async redeliverLast(): Promise<void> {
    if (this.lastUserUpdate) this.enqueue({ ...this.lastUserUpdate });
  }

  /** Any update, as is (a sticker, an edited message, a malformed payload); update_id is added. */
  pushUpdate(update: Record<string, unknown>): void {
    this.enqueue(update);
  }

  /** A new message in a chat, with the fields Telegram fills (id, date, thread of a reply). */
  newMessage(chat: Chat, from: TelegramUser, content: Record<string, unknown>, replyTo?: number, topic?: number): Message {
    if (!this.chats.has(chat.id)) this.chats.set(chat.id, chat);
    const id = (this.lastIds.get(chat.id) ?? 0) + 1;
    this.lastIds.set(chat.id, id);
    const message: Message = { message_id: id, from, chat, date: Math.floor(Date.now() / 1000), ...content };
    const replied = replyTo !== undefined ? this.messages.get(`${chat.id}:${replyTo}`) : topic !== undefined ? this.messages.get(`${chat.id}:${topic}`) : undefined;
    if (replied) {
      const { reply_to_message: _nested, ...shallow } = replied;
      message.reply_to_message = shallow;
    }
    if (topic !== undefined) {
      message.message_thread_id = topic;
      message.is_topic_message = true;
    } else if (replied && chat.type === "supergroup") {
      // In a supergroup, a reply belongs to the thread of the message it answers.
      message.message_thread_id = (replied.message_thread_id as number | undefined) ?? replied.message_id;
    }
    this.messages.set(`${chat.id}:${id}`, message);
    return message;
  }

  /** Opens a forum topic; resolves to its message_thread_id. */
  createTopic(name: string, chat: Chat = FORUM_CHAT): number {
    const root = this.newMessage(chat, USER, { forum_topic_created: { name, icon_color: 7322096 } });
    this.topics.add(`${chat.id}:${root.message_id}`);
    return root.message_id;
  }

  makeAdmin(chatId: number, userId: number): void {
    this.admins.add(`${chatId}:${userId}`);
  }

  sent(): SentMessage[] {
    return this.sentMessages.map(({ id, room, replyTo, text, markup }) => ({ id, room, replyTo, text, markup }));
  }

  /** Telegram notifies of every message in a private chat, and in a group of a reply to one's message or a mention, unless sent silently. */
  notifiesAsker(message: SentMessage): boolean {
    const record = this.sentMessages.find((m) => m.id === message.id);
    const sent = this.messages.get(message.id);
    if (!record || !sent || record.silent) return false;
    const mentioned = (sent.entities as TelegramEntity[] | undefined)?.some((e) => e.type === "text_mention" && (e as { user?: { id?: number } }).user?.id === USER.id) ?? false;
    return (sent.chat as { type?: string }).type === "private" || (sent.reply_to_message as { from?: { id?: number } } | undefined)?.from?.id === USER.id || mentioned;
  }

  /** The bot's messages with their Telegram message_id and arrival time. */
  sentRecords(): readonly SentRecord[] {
    return this.sentMessages;
  }

  /** Called for each message the bot sends. */
  onSent(listener: (message: SentRecord) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  calls(method?: string): RecordedCall[] {
    return this.recorded.filter((c) => method === undefined || c.method === method);
  }

  /** Telegram's 4096 is counted on the text once the HTML is parsed. */
  measure(message: SentMessage): number {
    return message.text.length;
  }

  rateLimitNextSend(retryAfterSeconds: number): void {
    this.rateLimitNext = retryAfterSeconds;
  }

  rateLimited(): number {
    return this.rateLimitedCount;
  }

  wellFormed(markup: string): boolean {
    const parsed = parseTelegramHtml(markup);
    return parsed.ok && parsed.lenient.length === 0;
  }

  /** Plays Telegram towards the webhook: POSTs an update with a secret header (the registered one unless given); resolves to the HTTP status. */
  postToWebhook(update: Record<string, unknown>, secret: string | null | undefined = this.webhook?.secret): Promise<number> {
    const target = this.webhookTarget;
    if (!target) throw new Error("Set webhookTarget to the adapter's webhook URL first");
    const body = JSON.stringify({ update_id: this.nextUpdateId++, ...update });
    const headers: Record<string, string | number> = { "content-type": "application/json", "content-length": Buffer.byteLength(body) };
    if (secret) headers["x-telegram-bot-api-secret-token"] = secret;
    return new Promise((resolve, reject) => {
      const req = request(target, { method: "POST", headers, agent: false }, (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      });
      req.on("error", reject);
      req.end(body);
    });
  }

  async close(): Promise<void> {
    for (const waiter of this.waiters) this.answerWaiter(waiter, []);
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  // --- Updates -------------------------------------------------------------------------------

  private enqueue(content: Record<string, unknown>): Update {
    const update: Update = { ...content, update_id: this.nextUpdateId++ };
    if (this.webhook && this.webhookTarget) {
      void this.postToWebhook(update).catch(() => {});
      return update;
    }
    this.queue.push(update);
    for (const waiter of this.waiters) {
      const ready = this.pending(waiter.offset, waiter.limit);
      if (ready.length > 0) this.answerWaiter(waiter, ready);
    }
    return update;
  }

  /** Confirms updates below `offset` (Telegram forgets them) and returns the next ones. */
  private pending(offset: number, limit: number): Update[] {
    if (offset > 0) while (this.queue.length > 0 && this.queue[0]!.update_id < offset) this.queue.shift();
    const allowed = (u: Update) => {
      const type = Object.keys(u).find((k) => k !== "update_id") ?? "";
      return this.allowedUpdates.length === 0 ? !NOT_BY_DEFAULT.has(type) : this.allowedUpdates.includes(type);
    };
    const visible = this.queue.filter(allowed);
    return (offset < 0 ? visible.slice(offset) : visible).slice(0, limit);
  }

  private answerWaiter(waiter: Waiter, updates: Update[]): void {
    clearTimeout(waiter.timer);
    this.waiters.delete(waiter);
    if (!waiter.res.writableEnded && !waiter.res.destroyed) send(waiter.res, 200, { ok: true, result: updates });
  }

  // --- HTTP ----------------------------------------------------------------------------------

  private async route(req: HttpRequest, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const match = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(url.pathname);
    if (!match) return send(res, 404, { ok: false, error_code: 404, description: "Not Found" });
    let params: Record<string, unknown>;
    try {
      params = { ...Object.fromEntries(url.searchParams), ...(await readParams(req)) };
    } catch {
      return send(res, 400, { ok: false, error_code: 400, description: "Bad Request: can't parse request body" });
    }
    if (match[1] !== this.token) return send(res, 401, { ok: false, error_code: 401, description: "Unauthorized" });
    const method = match[2]!;
    this.recorded.push({ method, params });
    const handler = this.methods[method.toLowerCase()];
    if (!handler) return send(res, 404, { ok: false, error_code: 404, description: "Not Found: method not found" });
    const answer = handler(params, res);
    if (answer === "held") return;
    if ("error" in answer) {
      const [code, description, parameters] = answer.error;
      return send(res, code, { ok: false, error_code: code, description, ...(parameters ? { parameters } : {}) });
    }
    send(res, 200, { ok: true, result: answer.result });
  }

  private readonly methods: Record<string, (p: Record<string, unknown>, res: ServerResponse) => Result | "held"> = {
    getme: () => ({ result: { ...this.bot, can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false } }),
    deletewebhook: (p) => {
      this.webhook = undefined;
      if (bool(p.drop_pending_updates)) this.queue.length = 0;
      return { result: true };
    },
    setwebhook: (p) => {
      const url = String(p.url ?? "");
      const secret = p.secret_token === undefined ? undefined : String(p.secret_token);
      if (!url.startsWith("https://")) return { error: [400, "Bad Request: bad webhook: An HTTPS URL must be provided for webhook"] };
      if (secret !== undefined && !/^[A-Za-z0-9_-]{1,256}$/.test(secret)) return { error: [400, "Bad Request: bad webhook: Secret token contains unallowed characters"] };
      this.webhook = { url, secret };
      if (bool(p.drop_pending_updates)) this.queue.length = 0;
      return { result: true };
    },
    getwebhookinfo: () => ({ result: { url: this.webhook?.url ?? "", has_custom_certificate: false, pending_update_count: this.queue.length } }),
    setmycommands: (p) => {
      const commands = json(p.commands);
      if (!Array.isArray(commands) || commands.length > 100) return { error: [400, "Bad Request: commands must be an array"] };
      for (const c of commands as { command?: unknown; description?: unknown }[]) {
        if (typeof c.command !== "string" || !/^[a-z0-9_]{1,32}$/.test(c.command)) return { error: [400, "Bad Request: BOT_COMMAND_INVALID"] };
        if (typeof c.description !== "string" || c.description.length < 1 || c.description.length > 256) return { error: [400, "Bad Request: BOT_COMMAND_DESCRIPTION_INVALID"] };
      }
      return { result: true };
    },
    getupdates: (p, res) => {
      if (this.webhook) return { error: [409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first"] };
      const offset = num(p.offset) ?? 0;
      const limit = Math.min(100, Math.max(1, num(p.limit) ?? 100));
      const timeout = num(p.timeout) ?? 0;
      const allowed = json(p.allowed_updates);
      if (Array.isArray(allowed)) this.allowedUpdates = allowed.map(String);
      for (const other of this.waiters) {
        this.answerWaiterError(other, [409, "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"]);
      }
      const ready = this.pending(offset, limit);
      if (ready.length > 0 || timeout <= 0) return { result: ready };
      const waiter: Waiter = { offset, limit, res, timer: setTimeout(() => this.answerWaiter(waiter, []), timeout * 1000) };
      this.waiters.add(waiter);
      res.on("close", () => {
        clearTimeout(waiter.timer);
        this.waiters.delete(waiter);
      });
      return "held";
    },
    sendmessage: (p) => this.sendMessage(p),
    answercallbackquery: (p) => {
      const id = String(p.callback_query_id ?? "");
      if (!this.callbacks.has(id)) return { error: [400, "Bad Request: query is too old and response timeout expired or query ID is invalid"] };
      this.callbacks.delete(id);
      this.answeredCallbacks.push(id);
      return { result: true };
    },
    sendchataction: (p) => {
      const chat = this.chats.get(num(p.chat_id) ?? NaN);
      if (!chat) return { error: [400, "Bad Request: chat not found"] };
      if (!["typing", "upload_photo", "record_video", "upload_video", "record_voice", "upload_voice", "upload_document", "choose_sticker", "find_location", "record_video_note", "upload_video_note"].includes(String(p.action))) {
        return { error: [400, "Bad Request: wrong parameter action in request"] };
      }
      return { result: true };
    },
    getchatmember: (p) => {
      const chat = this.chats.get(num(p.chat_id) ?? NaN);
      const userId = num(p.user_id);
      if (!chat) return { error: [400, "Bad Request: chat not found"] };
      if (userId === undefined) return { error: [400, "Bad Request: invalid user_id specified"] };
      const user = [USER, OTHER_BOT, this.bot].find((u) => u.id === userId) ?? { id: userId, is_bot: false, first_name: "Utilisateur" };
      const admin = this.admins.has(`${chat.id}:${userId}`);
      return { result: admin ? { status: "administrator", user, can_be_edited: false, is_anonymous: false, can_change_info: true } : { status: "member", user } };
    },
  };

  private answerWaiterError(waiter: Waiter, [code, description]: [number, string]): void {
    clearTimeout(waiter.timer);
    this.waiters.delete(waiter);
    if (!waiter.res.writableEnded && !waiter.res.destroyed) send(waiter.res, code, { ok: false, error_code: code, description });
  }

  private sendMessage(p: Record<string, unknown>): Result {
    if (this.rateLimitNext !== undefined) {
      const retryAfter = this.rateLimitNext;
      this.rateLimitNext = undefined;
      this.rateLimitedCount++;
      return { error: [429, `Too Many Requests: retry after ${retryAfter}`, { retry_after: retryAfter }] };
    }
    const chat = this.chats.get(num(p.chat_id) ?? NaN);
    if (!chat) return { error: [400, "Bad Request: chat not found"] };
    const markup = typeof p.text === "string" ? p.text : "";
    let text = markup;
    let entities: TelegramEntity[] = [];
    const mode = typeof p.parse_mode === "string" ? p.parse_mode.toLowerCase() : "";
    if (mode === "html") {
      const parsed = parseTelegramHtml(markup);
      if (!parsed.ok) return { error: [400, `Bad Request: ${parsed.error}`] };
      ({ text, entities } = parsed);
    } else if (mode !== "") return { error: [400, "Bad Request: unsupported parse_mode"] };
    if (text.trim() === "") return { error: [400, "Bad Request: message text is empty"] };
    if (text.length > this.limit) return { error: [400, "Bad Request: message is too long"] };
    const replyParameters = json(p.reply_parameters) as { message_id?: unknown; allow_sending_without_reply?: unknown } | undefined;
    const replyTo = num(replyParameters?.message_id) ?? num(p.reply_to_message_id);
    const found = replyTo !== undefined && this.messages.has(`${chat.id}:${replyTo}`);
    if (replyTo !== undefined && !found && !bool(replyParameters?.allow_sending_without_reply ?? p.allow_sending_without_reply)) {
      return { error: [400, "Bad Request: message to be replied not found"] };
    }
    const topic = num(p.message_thread_id);
    if (topic !== undefined && !(chat.is_forum && this.topics.has(`${chat.id}:${topic}`))) return { error: [400, "Bad Request: message thread not found"] };
    const keyboard = json(p.reply_markup) as { inline_keyboard?: unknown } | undefined;
    if (keyboard !== undefined) {
      const rows = keyboard.inline_keyboard;
      const valid = Array.isArray(rows) && rows.every((row) => Array.isArray(row) && row.every((b: { text?: unknown; callback_data?: unknown }) => typeof b.text === "string" && b.text !== "" && typeof b.callback_data === "string" && Buffer.byteLength(b.callback_data) >= 1 && Buffer.byteLength(b.callback_data) <= 64));
      if (!valid) return { error: [400, "Bad Request: BUTTON_DATA_INVALID"] };
    }
    const message = this.newMessage(chat, this.bot, { text, ...(entities.length > 0 ? { entities } : {}), ...(keyboard ? { reply_markup: keyboard } : {}) }, found ? replyTo : undefined, topic);
    const record: SentRecord = { id: `${chat.id}:${message.message_id}`, room: String(chat.id), replyTo: found ? `${chat.id}:${replyTo}` : undefined, text, markup, messageId: message.message_id, at: performance.now(), silent: bool(p.disable_notification) };
    this.sentMessages.push(record);
    for (const listener of this.listeners) listener(record);
    return { result: message };
  }
}

type Result = { result: unknown } | { error: [number, string, Record<string, unknown>?] };

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) }).end(text);
}

async function readParams(req: HttpRequest): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks).toString("utf8");
  const type = req.headers["content-type"] ?? "";
  if (body === "") return {};
  if (type.startsWith("application/json")) return JSON.parse(body) as Record<string, unknown>;
  if (type.startsWith("application/x-www-form-urlencoded")) return Object.fromEntries(new URLSearchParams(body));
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(type);
  if (type.startsWith("multipart/form-data") && boundary) {
    const params: Record<string, unknown> = {};
    for (const part of body.split(`--${boundary[1] ?? boundary[2]}`)) {
      const [head, ...rest] = part.split("\r\n\r\n");
      const name = /name="([^"]+)"/.exec(head ?? "")?.[1];
      if (name) params[name] = rest.join("\r\n\r\n").replace(/\r\n$/, "");
    }
    return params;
  }
  throw new Error("unsupported content type");
}

/** A number from JSON or from a form field. */
function num(value: unknown): number | undefined {
  if (typeof value === "number") return value;
  if (typeof value === "string" && /^-?\d+$/.test(value)) return Number(value);
  return undefined;
}

function bool(value: unknown): boolean {
  return value === true || value === "true";
}

/** An object or array from JSON, or serialised in a form field. */
function json(value: unknown): unknown {
  if (typeof value !== "string") return value;
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}

/** A fresh peer, for the contract suite. */
export const makeTelegramPeer = (): Promise<TelegramPeer> => TelegramPeer.start();
