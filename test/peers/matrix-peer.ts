// A local Matrix homeserver subset on 127.0.0.1, speaking the client-server API (v3) the way
// matrix-js-sdk 37.5 uses it: versions, whoami, login, capabilities, push rules, filters, /sync
// long-polling with `since` tokens, joins and leaves, idempotent sends per transaction id, state,
// members, typing, single events, profiles and account data. Errors use the Matrix shape
// (`{"errcode": "M_…", "error": "…"}`) and status; paths it does not implement answer 404
// M_UNRECOGNIZED and are recorded in `unknownRequests`, so a test sees what the SDK asked for.
//
// Conventions of the test world (server name `orienteur.test`):
// - the bot is @orienteur:orienteur.test (display name « Orienteur »);
// - people are @alice and @bob; another bot is @veille-bot, recognised by the adapter's default
//   `botUserPattern` (a localpart ending in « bot ») — the peer does nothing special for it;
// - a direct conversation is a room with exactly two joined members; the group room has four;
// - commands typed with « / » are sent as « ! »: Element and Tchap run « / » commands themselves.
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage as HttpRequest, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Adapter } from "../../bot/core/contract.ts";
import { createMatrixAdapter, type MatrixAdapterDependencies, type MatrixAdapterOptions } from "../../bot/adapters/matrix/adapter.ts";
import { createLogger } from "../../bot/server/logger.ts";
import { openStore, type Store } from "../../bot/store/store.ts";
import type { ContractPeer, SentMessage, UserMessage } from "../contract/adapter-contract.ts";

export const SERVER = "orienteur.test";
export const BOT = `@orienteur:${SERVER}`;
const BOT_PASSWORD = "mot-de-passe-du-bot";
export const ALICE = `@alice:${SERVER}`;
export const BOB = `@bob:${SERVER}`;
const OTHER_BOT = `@veille-bot:${SERVER}`;
export const GROUP_ROOM = `!equipe:${SERVER}`;

/** The largest event the homeserver stores (Synapse's limit), in bytes of JSON. */
const EVENT_LIMIT = 65_536;

interface PeerEvent {
  event_id: string;
  type: string;
  sender: string;
  room_id: string;
  origin_server_ts: number;
  content: Record<string, unknown>;
  state_key?: string;
}

interface TimelineFilter {
  limit: number;
  notSenders: ReadonlySet<string>;
}

interface Entry {
  pos: number;
  event: PeerEvent;
  /** The access token and transaction id of a send, echoed to that token only (spec). */
  txn?: { token: string; txnId: string };
}

interface Room {
  id: string;
  state: Map<string, PeerEvent>;
  /** In stream order (`pos` grows): a sync reads only the tail after its `since`. */
  entries: Entry[];
  /** Each user's latest membership event, as a homeserver indexes it (no scan of the history per sync). */
  memberships: Map<string, Entry>;
}

/** Extras a Matrix test can ask of `userSays`, beyond the contract's message. */
interface MatrixUserMessage extends UserMessage {
  /** Sender (default: @alice, or @veille-bot when `fromBot`, or the bot when `fromSelf`). */
  sender?: string;
  /** Room to speak in (default: the sender's direct room with the bot, or the group room). */
  room?: string;
  /** Root event id: the message is posted in that thread. */
  thread?: string;
  /** Event id this message replies to (a real reply, not a thread fallback). */
  replyTo?: string;
  /** Mention the bot the legacy way: its name in the body, no `m.mentions`. */
  legacyMention?: boolean;
  /** Send an `m.room.encrypted` event (a client in an encrypted room). */
  encrypted?: boolean;
  msgtype?: string;
}

export interface MatrixPeerOptions {
  /** Return every timeline event in the first sync, whatever the filter's limit (a lax server). */
  ignoreTimelineLimit?: boolean;
  /** Adapter options used by `createAdapter()`. */
  adapter?: Partial<MatrixAdapterOptions>;
}

export interface MatrixPeer extends ContractPeer {
  readonly url: string;
  readonly botToken: string;
  userSays(message: MatrixUserMessage): Promise<string>;
  /** The adapter, connected with the bot's token; `deps` default to an in-memory store and joining any invite. */
  createAdapter(deps?: Partial<MatrixAdapterDependencies>, options?: Partial<MatrixAdapterOptions>): Adapter;
  /** Creates a room where `members` are joined (the first one is its creator and admin). */
  createRoom(members: string[], options?: { encrypted?: boolean }): string;
  /** `inviter` creates a room and invites the bot; resolves to the room id. */
  invite(inviter: string, options?: { encrypted?: boolean }): string;
  membership(room: string, user: string): string | undefined;
  /** Every event the bot sent (messages), with its full content. */
  botEvents(): PeerEvent[];
  /** Resolves with the next message the bot sends that matches `predicate` (for timing). */
  nextSent(predicate: (message: SentMessage) => boolean, timeoutMs?: number): Promise<SentMessage>;
  /** What the default push rules do for `user` with an event of the bot (see {@link defaultPushAction}). */
  pushAction(event: PeerEvent, user: string): "highlight" | "notify" | "none";
  /** Typing notifications the bot sent. */
  typing(): { room: string; typing: boolean; timeout?: number }[];
  /** Every request, as « METHOD /path », in order. */
  readonly requests: string[];
  /** Requests for paths this peer does not implement. */
  readonly unknownRequests: string[];
  /** `since` tokens of the /sync requests, in order (undefined for an initial sync). */
  readonly syncSinces: (string | undefined)[];
}

const ALLOWED_TAGS = new Set("font del h1 h2 h3 h4 h5 h6 blockquote p a ul ol sup sub li b i u strong em s code hr br div table thead tbody tr th td caption pre span img details summary".split(" "));
const VOID_TAGS = new Set(["br", "hr", "img"]);
const ALLOWED_ATTRIBUTES: Record<string, Set<string>> = {
  a: new Set(["name", "target", "href"]),
  ol: new Set(["start"]),
  img: new Set(["width", "height", "alt", "title", "src"]),
  code: new Set(["class"]),
  font: new Set(["data-mx-bg-color", "data-mx-color", "color"]),
  span: new Set(["data-mx-bg-color", "data-mx-color", "data-mx-spoiler", "data-mx-maths"]),
};

/** Well-formed Matrix HTML: allowed tags and attributes, balanced, only valid entities, no stray `<`, `>`, `&`. */
export function wellFormedMatrixHtml(markup: string): boolean {
  const stack: string[] = [];
  const token = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)((?:\s+[a-zA-Z-]+="[^"<>]*")*)\s*(\/?)>|&(?:#\d{1,7}|#x[0-9a-fA-F]{1,6}|amp|lt|gt|quot|apos|nbsp);|[<>&]/g;
  for (const match of markup.matchAll(token)) {
    if (match[0].startsWith("&") && match[0].length > 1) continue;
    if (!match[2]) return false;
    const [, closing, rawName, attributes] = match;
    const name = rawName.toLowerCase();
    if (!ALLOWED_TAGS.has(name)) return false;
    for (const attribute of attributes!.matchAll(/([a-zA-Z-]+)="([^"]*)"/g)) {
      if (!ALLOWED_ATTRIBUTES[name]?.has(attribute[1]!)) return false;
      // The spec's allowed link schemes: https, http, ftp, mailto, magnet (no tel:).
      if (name === "a" && attribute[1] === "href" && !/^(?:https?|ftp|mailto|magnet):/i.test(attribute[2]!)) return false;
    }
    if (VOID_TAGS.has(name)) continue;
    if (closing) {
      if (stack.pop() !== name) return false;
    } else stack.push(name);
  }
  return stack.length === 0;
}

/**
 * What the spec's default push rules (client-server API, « Predefined rules ») do for `user` with a
 * message event of a room of `memberCount` members, evaluated in the spec's order: override rules
 * (.m.rule.suppress_notices before .m.rule.is_user_mention, so a notice never notifies, even when it
 * mentions), then underride (.m.rule.room_one_to_one, .m.rule.message).
 */
function defaultPushAction(event: PeerEvent, user: string, memberCount: number): "highlight" | "notify" | "none" {
  if (event.sender === user || event.type !== "m.room.message") return "none";
  if (event.content.msgtype === "m.notice") return "none"; // .m.rule.suppress_notices
  if ((event.content["m.relates_to"] as { rel_type?: string } | undefined)?.rel_type === "m.replace") return "none"; // .m.rule.suppress_edits
  const mentions = event.content["m.mentions"] as { user_ids?: unknown } | undefined;
  if (Array.isArray(mentions?.user_ids) && mentions.user_ids.includes(user)) return "highlight"; // .m.rule.is_user_mention
  if (memberCount === 2) return "notify"; // .m.rule.room_one_to_one
  return "notify"; // .m.rule.message
}

type Reply = { status: number; body: unknown; headers?: Record<string, string> };
const matrixError = (status: number, errcode: string, error: string, extra: Record<string, unknown> = {}): Reply => ({ status, body: { errcode, error, ...extra } });

/** Starts the peer on a random port of 127.0.0.1. */
export async function startMatrixPeer(options: MatrixPeerOptions = {}): Promise<MatrixPeer> {
  const botToken = `syt_${randomBytes(12).toString("hex")}`;
  const users = new Map<string, { displayname: string; password?: string }>([
    [BOT, { displayname: "Orienteur", password: BOT_PASSWORD }],
    [ALICE, { displayname: "Alice Martin" }],
    [BOB, { displayname: "Bob Leroy" }],
    [OTHER_BOT, { displayname: "Veille (bot)" }],
  ]);
  const tokens = new Map<string, string>([[botToken, BOT]]);
  const rooms = new Map<string, Room>();
  const filters = new Map<string, unknown>();
  const accountData = new Map<string, Record<string, unknown>>();
  const transactions = new Map<string, string>();
  const typingLog: { room: string; typing: boolean; timeout?: number }[] = [];
  const requests: string[] = [];
  const unknownRequests: string[] = [];
  const syncSinces: (string | undefined)[] = [];
  const waiters = new Set<() => void>();
  const sentWaiters = new Set<(message: SentMessage) => boolean>();
  let pos = 0;
  let counter = 0;
  let lastUserEntry: Entry | undefined;
  let pendingRateLimits: number[] = [];
  let rateLimitedCount = 0;

  const newEventId = () => `$${(++counter).toString(36)}${randomBytes(8).toString("base64url")}`;

  function append(room: Room, event: PeerEvent, txn?: Entry["txn"]): Entry {
    const entry: Entry = { pos: ++pos, event, ...(txn ? { txn } : {}) };
    room.entries.push(entry);
    if (event.state_key !== undefined) room.state.set(`${event.type}\u0000${event.state_key}`, event);
    if (event.type === "m.room.member" && event.state_key !== undefined) room.memberships.set(event.state_key, entry);
    for (const wake of [...waiters]) wake();
    return entry;
  }

  function addEvent(roomId: string, sender: string, type: string, content: Record<string, unknown>, extra: { stateKey?: string; ts?: number; txn?: Entry["txn"] } = {}): Entry {
    const room = rooms.get(roomId)!;
    const event: PeerEvent = { event_id: newEventId(), type, sender, room_id: roomId, origin_server_ts: extra.ts ?? Date.now(), content };
    if (extra.stateKey !== undefined) event.state_key = extra.stateKey;
    return append(room, event, extra.txn);
  }

  const membershipOf = (room: Room | undefined, user: string) => room?.state.get(`m.room.member\u0000${user}`)?.content.membership as string | undefined;
  const joinedMembers = (room: Room) => [...room.state.values()].filter((e) => e.type === "m.room.member" && e.content.membership === "join").map((e) => e.state_key!);
  const setMembership = (roomId: string, user: string, membership: string, sender = user, ts?: number) =>
    addEvent(roomId, sender, "m.room.member", { membership, displayname: users.get(user)?.displayname ?? user }, { stateKey: user, ...(ts ? { ts } : {}) });

  function createRoom(members: string[], roomOptions: { encrypted?: boolean; id?: string; ts?: number } = {}): string {
    const id = roomOptions.id ?? `!${randomBytes(9).toString("base64url")}:${SERVER}`;
    const creator = members[0]!;
    rooms.set(id, { id, state: new Map(), entries: [], memberships: new Map() });
    const ts = roomOptions.ts;
    addEvent(id, creator, "m.room.create", { creator, room_version: "10" }, { stateKey: "", ...(ts ? { ts } : {}) });
    setMembership(id, creator, "join", creator, ts);
    addEvent(id, creator, "m.room.power_levels", { users: { [creator]: 100 }, users_default: 0, events_default: 0, state_default: 50, ban: 50, kick: 50, redact: 50, invite: 0 }, { stateKey: "", ...(ts ? { ts } : {}) });
    addEvent(id, creator, "m.room.join_rules", { join_rule: "invite" }, { stateKey: "", ...(ts ? { ts } : {}) });
    addEvent(id, creator, "m.room.history_visibility", { history_visibility: "shared" }, { stateKey: "", ...(ts ? { ts } : {}) });
    if (roomOptions.encrypted) addEvent(id, creator, "m.room.encryption", { algorithm: "m.megolm.v1.aes-sha2" }, { stateKey: "", ...(ts ? { ts } : {}) });
    for (const member of members.slice(1)) setMembership(id, member, "join", member, ts);
    return id;
  }

  // The world as the bot finds it: a group room, created an hour ago.
  const anHourAgo = Date.now() - 3_600_000;
  createRoom([ALICE, BOB, OTHER_BOT, BOT], { id: GROUP_ROOM, ts: anHourAgo });
  const directRooms = new Map<string, string>();
  function directRoom(user: string): string {
    let id = directRooms.get(user);
    if (!id) {
      id = createRoom([user, BOT], { id: `!direct-${user.slice(1).split(":")[0]}:${SERVER}`, ts: anHourAgo });
      directRooms.set(user, id);
    }
    return id;
  }

  /** An event as a client receives it: `unsigned.transaction_id` only for the token that sent it. */
  function clientEvent(entry: Entry, token: string): Record<string, unknown> {
    const unsigned: Record<string, unknown> = { age: Date.now() - entry.event.origin_server_ts };
    if (entry.txn?.token === token) unsigned.transaction_id = entry.txn.txnId;
    return { ...entry.event, unsigned };
  }

  /** What this peer applies of a sync filter (inline JSON or an uploaded filter's id): the timeline's limit and `not_senders`. */
  function timelineFilter(filterParam: string | null): TimelineFilter {
    let filter: unknown;
    if (filterParam?.startsWith("{")) filter = JSON.parse(filterParam);
    else if (filterParam) filter = filters.get(filterParam);
    const timeline = (filter as { room?: { timeline?: { limit?: unknown; not_senders?: unknown } } } | undefined)?.room?.timeline;
    const notSenders = Array.isArray(timeline?.not_senders) ? timeline.not_senders.filter((s): s is string => typeof s === "string") : [];
    return { limit: typeof timeline?.limit === "number" ? timeline.limit : 10, notSenders: new Set(notSenders) };
  }

  /** The room's entries after stream position `since`: the tail of its list, found from the end. */
  function entriesAfter(room: Room, since: number): Entry[] {
    let first = room.entries.length;
    while (first > 0 && room.entries[first - 1]!.pos > since) first--;
    return first === room.entries.length ? [] : room.entries.slice(first);
  }

  function syncBody(user: string, token: string, since: number | undefined, { limit, notSenders }: TimelineFilter): { body: Record<string, unknown>; empty: boolean } {
    // The filter applies before the limit, as Synapse does: excluded events never count.
    const shown = (entries: Entry[]) => (notSenders.size === 0 ? entries : entries.filter((e) => !notSenders.has(e.event.sender)));
    const join: Record<string, unknown> = {};
    const invite: Record<string, unknown> = {};
    const leave: Record<string, unknown> = {};
    for (const room of rooms.values()) {
      const membership = room.state.get(`m.room.member\u0000${user}`);
      const membershipEntry = room.memberships.get(user);
      if (!membership || !membershipEntry) continue;
      const changed = since === undefined || membershipEntry.pos > since;
      if (membership.content.membership === "join") {
        const full = changed;
        const fresh = shown(full ? room.entries : entriesAfter(room, since!));
        if (fresh.length === 0 && !full) continue;
        const effectiveLimit = full && options.ignoreTimelineLimit ? Number.POSITIVE_INFINITY : limit;
        const timeline = effectiveLimit >= fresh.length ? fresh : fresh.slice(fresh.length - effectiveLimit);
        const limited = timeline.length < fresh.length;
        const inTimeline = new Set(timeline.map((e) => e.event.event_id));
        const state = full || limited ? [...room.state.values()].filter((e) => !inTimeline.has(e.event_id)).map((e) => ({ ...e, unsigned: {} })) : [];
        const members = joinedMembers(room);
        join[room.id] = {
          timeline: { events: timeline.map((e) => clientEvent(e, token)), limited, prev_batch: `s${(timeline[0]?.pos ?? pos + 1) - 1}` },
          state: { events: state },
          account_data: { events: [] },
          ephemeral: { events: [] },
          summary: { "m.joined_member_count": members.length, "m.invited_member_count": 0, "m.heroes": members.filter((m) => m !== user).slice(0, 5) },
          unread_notifications: { highlight_count: 0, notification_count: 0 },
        };
      } else if (membership.content.membership === "invite" && changed) {
        const stripped = ["m.room.create", "m.room.join_rules", "m.room.encryption", "m.room.name"]
          .map((type) => room.state.get(`${type}\u0000`))
          .filter((e): e is PeerEvent => e !== undefined)
          .concat([membership, room.state.get(`m.room.member\u0000${membership.sender}`)!])
          .map((e) => ({ type: e.type, state_key: e.state_key, sender: e.sender, content: e.content }));
        invite[room.id] = { invite_state: { events: stripped } };
      } else if (membership.content.membership === "leave" && changed && since !== undefined) {
        leave[room.id] = { timeline: { events: shown([membershipEntry]).map((e) => clientEvent(e, token)), limited: false }, state: { events: [] }, account_data: { events: [] } };
      }
    }
    const empty = Object.keys(join).length + Object.keys(invite).length + Object.keys(leave).length === 0;
    const accountEvents = since === undefined ? [...(accountData.get(user) ? Object.entries(accountData.get(user)!) : [])].map(([type, content]) => ({ type, content })) : [];
    return {
      empty,
      body: { next_batch: `s${pos}`, rooms: { join, invite, leave, knock: {} }, account_data: { events: accountEvents }, presence: { events: [] }, to_device: { events: [] }, device_lists: { changed: [], left: [] }, device_one_time_keys_count: {} },
    };
  }

  async function sync(request: HttpRequest, url: URL, user: string, token: string): Promise<Reply> {
    const sinceParam = url.searchParams.get("since") ?? undefined;
    syncSinces.push(sinceParam);
    let since: number | undefined;
    if (sinceParam !== undefined) {
      if (!/^s\d+$/.test(sinceParam)) return matrixError(400, "M_INVALID_PARAM", "Unknown since token");
      since = Number(sinceParam.slice(1));
    }
    const filter = timelineFilter(url.searchParams.get("filter"));
    const timeout = Math.min(Number(url.searchParams.get("timeout") ?? 0) || 0, 30_000);
    const deadline = Date.now() + timeout;
    let result = syncBody(user, token, since, filter);
    // Long-poll until something the filter lets through arrives (an event it leaves out, such as
    // the bot's own, does not end the wait), the client goes away, or the timeout.
    while (result.empty && since !== undefined && Date.now() < deadline && !request.destroyed) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, deadline - Date.now());
        function done() {
          clearTimeout(timer);
          waiters.delete(done);
          request.off("close", done);
          resolve();
        }
        waiters.add(done);
        request.once("close", done);
      });
      result = syncBody(user, token, since, filter);
    }
    return { status: 200, body: result.body };
  }

  function send(user: string, token: string, roomId: string, type: string, txnId: string, content: Record<string, unknown>): Reply {
    const room = rooms.get(roomId);
    if (membershipOf(room, user) !== "join") return matrixError(403, "M_FORBIDDEN", `User ${user} not in room ${roomId}`);
    const key = `${token}\u0000${txnId}`;
    const known = transactions.get(key);
    if (known) return { status: 200, body: { event_id: known } };
    const delay = pendingRateLimits.shift();
    if (delay !== undefined) {
      rateLimitedCount++;
      return { status: 429, body: { errcode: "M_LIMIT_EXCEEDED", error: "Too Many Requests", retry_after_ms: delay }, headers: { "retry-after": String(Math.ceil(delay / 1000)) } };
    }
    const event: PeerEvent = { event_id: newEventId(), type, sender: user, room_id: roomId, origin_server_ts: Date.now(), content };
    if (Buffer.byteLength(JSON.stringify(event)) > EVENT_LIMIT) return matrixError(413, "M_TOO_LARGE", "Event too large");
    append(room!, event, { token, txnId });
    transactions.set(key, event.event_id);
    if (user === BOT && type === "m.room.message") {
      const message = sentMessage(event);
      for (const waiter of [...sentWaiters]) if (waiter(message)) sentWaiters.delete(waiter);
    }
    return { status: 200, body: { event_id: event.event_id } };
  }

  function sentMessage(event: PeerEvent): SentMessage {
    const relation = event.content["m.relates_to"] as { event_id?: string; "m.in_reply_to"?: { event_id?: string } } | undefined;
    return { id: event.event_id, room: event.room_id, replyTo: relation?.["m.in_reply_to"]?.event_id ?? relation?.event_id, text: String(event.content.body ?? ""), markup: String(event.content.formatted_body ?? "") };
  }

  async function readBody(request: HttpRequest): Promise<unknown> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    return raw === "" ? {} : JSON.parse(raw);
  }

  async function route(request: HttpRequest, url: URL): Promise<Reply> {
    const method = request.method ?? "GET";
    const path = url.pathname;
    if (path === "/_matrix/client/versions") {
      return { status: 200, body: { versions: ["r0.6.1", "v1.1", "v1.2", "v1.3", "v1.4", "v1.5", "v1.6", "v1.7", "v1.8", "v1.9", "v1.10", "v1.11"], unstable_features: {} } };
    }
    const match = /^\/_matrix\/client\/(?:v3|r0)(\/.*)$/.exec(path);
    if (!match) return unknown(method, path);
    const api = match[1]!;
    let body: unknown;
    try {
      body = method === "GET" ? {} : await readBody(request);
    } catch {
      return matrixError(400, "M_NOT_JSON", "Content not JSON.");
    }

    if (api === "/login") {
      if (method === "GET") return { status: 200, body: { flows: [{ type: "m.login.password" }] } };
      const login = body as { type?: string; identifier?: { user?: string }; user?: string; password?: string };
      const name = login.identifier?.user ?? login.user ?? "";
      const userId = name.startsWith("@") ? name : `@${name}:${SERVER}`;
      if (login.type !== "m.login.password" || users.get(userId)?.password !== login.password) return matrixError(403, "M_FORBIDDEN", "Invalid username or password");
      const token = `syt_${randomBytes(12).toString("hex")}`;
      tokens.set(token, userId);
      return { status: 200, body: { user_id: userId, access_token: token, device_id: "PEERDEVICE", home_server: SERVER } };
    }

    const auth = request.headers.authorization;
    const token = auth?.startsWith("Bearer ") ? auth.slice(7) : url.searchParams.get("access_token");
    if (!token) return matrixError(401, "M_MISSING_TOKEN", "Missing access token.");
    const user = tokens.get(token);
    if (!user) return matrixError(401, "M_UNKNOWN_TOKEN", "Invalid access token passed.", { soft_logout: false });

    const at = (pattern: RegExp) => pattern.exec(api)?.slice(1).map(decodeURIComponent);
    let parts: string[] | undefined;
    if (api === "/account/whoami" && method === "GET") return { status: 200, body: { user_id: user, device_id: "PEERDEVICE", is_guest: false } };
    if (api === "/capabilities" && method === "GET") {
      return { status: 200, body: { capabilities: { "m.change_password": { enabled: false }, "m.room_versions": { default: "10", available: { "10": "stable" } }, "m.set_displayname": { enabled: true } } } };
    }
    if (api === "/pushrules/" && method === "GET") return { status: 200, body: { global: { override: [], content: [], room: [], sender: [], underride: [] } } };
    if (api === "/sync" && method === "GET") return sync(request, url, user, token);
    if (api === "/room_keys/version" && method === "GET") return matrixError(404, "M_NOT_FOUND", "No current backup version");
    if ((parts = at(/^\/user\/([^/]+)\/filter$/)) && method === "POST") {
      const id = String(filters.size + 1);
      filters.set(id, body);
      return { status: 200, body: { filter_id: id } };
    }
    if ((parts = at(/^\/user\/([^/]+)\/filter\/([^/]+)$/)) && method === "GET") {
      const filter = filters.get(parts[1]!);
      return filter ? { status: 200, body: filter } : matrixError(404, "M_NOT_FOUND", "No such filter");
    }
    if ((parts = at(/^\/user\/([^/]+)\/account_data\/([^/]+)$/))) {
      if (parts[0] !== user) return matrixError(403, "M_FORBIDDEN", "Cannot access another user's account data");
      const data = accountData.get(user) ?? {};
      if (method === "PUT") {
        accountData.set(user, { ...data, [parts[1]!]: body as Record<string, unknown> });
        return { status: 200, body: {} };
      }
      const content = data[parts[1]!];
      return content ? { status: 200, body: content } : matrixError(404, "M_NOT_FOUND", "Account data not found");
    }
    if ((parts = at(/^\/profile\/([^/]+)(?:\/displayname)?$/)) && method === "GET") {
      const profile = users.get(parts[0]!);
      return profile ? { status: 200, body: { displayname: profile.displayname } } : matrixError(404, "M_NOT_FOUND", "Profile not found");
    }
    if ((parts = at(/^\/(?:join|rooms)\/([^/]+)(?:\/join)?$/)) && method === "POST" && (api.startsWith("/join/") || api.endsWith("/join"))) {
      const room = rooms.get(parts[0]!);
      if (!room) return matrixError(404, "M_NOT_FOUND", "No known servers");
      const current = membershipOf(room, user);
      if (current === "join") return { status: 200, body: { room_id: room.id } };
      if (current !== "invite") return matrixError(403, "M_FORBIDDEN", "You are not invited to this room.");
      setMembership(room.id, user, "join");
      return { status: 200, body: { room_id: room.id } };
    }
    if ((parts = at(/^\/rooms\/([^/]+)\/leave$/)) && method === "POST") {
      const room = rooms.get(parts[0]!);
      if (!room || !membershipOf(room, user)) return matrixError(404, "M_NOT_FOUND", "Not a member");
      setMembership(room.id, user, "leave");
      return { status: 200, body: {} };
    }
    if ((parts = at(/^\/rooms\/([^/]+)\/send\/([^/]+)\/([^/]+)$/)) && method === "PUT") {
      return send(user, token, parts[0]!, parts[1]!, parts[2]!, body as Record<string, unknown>);
    }
    if ((parts = at(/^\/rooms\/([^/]+)\/typing\/([^/]+)$/)) && method === "PUT") {
      if (parts[1] !== user) return matrixError(403, "M_FORBIDDEN", "Cannot set another user's typing state");
      const typing = body as { typing?: boolean; timeout?: number };
      typingLog.push({ room: parts[0]!, typing: typing.typing === true, ...(typing.timeout !== undefined ? { timeout: typing.timeout } : {}) });
      return { status: 200, body: {} };
    }

    // Room reads: only for members.
    const roomPart = at(/^\/rooms\/([^/]+)\//);
    const room = roomPart ? rooms.get(roomPart[0]!) : undefined;
    if (roomPart && method === "GET") {
      if (!room || membershipOf(room, user) !== "join") return matrixError(403, "M_FORBIDDEN", `User ${user} not in room ${roomPart[0]}`);
      if (at(/^\/rooms\/[^/]+\/state$/)) return { status: 200, body: [...room.state.values()] };
      if ((parts = at(/^\/rooms\/[^/]+\/state\/([^/]+)(?:\/([^/]*))?$/))) {
        const event = room.state.get(`${parts[0]}\u0000${parts[1] ?? ""}`);
        return event ? { status: 200, body: event.content } : matrixError(404, "M_NOT_FOUND", "Event not found.");
      }
      if (at(/^\/rooms\/[^/]+\/joined_members$/)) {
        const joined = Object.fromEntries(joinedMembers(room).map((m) => [m, { display_name: users.get(m)?.displayname ?? null, avatar_url: null }]));
        return { status: 200, body: { joined } };
      }
      if (at(/^\/rooms\/[^/]+\/members$/)) return { status: 200, body: { chunk: [...room.state.values()].filter((e) => e.type === "m.room.member") } };
      if ((parts = at(/^\/rooms\/[^/]+\/event\/([^/]+)$/))) {
        const entry = room.entries.find((e) => e.event.event_id === parts![0]);
        return entry ? { status: 200, body: clientEvent(entry, token) } : matrixError(404, "M_NOT_FOUND", "Event not found.");
      }
    }
    return unknown(method, path);
  }

  function unknown(method: string, path: string): Reply {
    unknownRequests.push(`${method} ${path}`);
    return matrixError(404, "M_UNRECOGNIZED", "Unrecognized request");
  }

  const server: Server = createServer((request, response: ServerResponse) => {
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    requests.push(`${request.method} ${url.pathname}`);
    route(request, url)
      .catch((error: unknown) => matrixError(500, "M_UNKNOWN", (error as Error).message))
      .then((reply) => {
        if (response.destroyed) return;
        response.writeHead(reply.status, { "content-type": "application/json", ...reply.headers });
        response.end(JSON.stringify(reply.body));
      });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const adapters: Adapter[] = [];
  const ownStores: Store[] = [];

  function ownStore(): Store {
    const store = openStore(":memory:");
    ownStores.push(store);
    return store;
  }

  const peer: MatrixPeer = {
    url,
    botToken,
    limit: EVENT_LIMIT,
    commandPrefix: "!",
    requests,
    unknownRequests,
    syncSinces,
    createAdapter(deps = {}, adapterOptions = {}) {
      const adapter = createMatrixAdapter(
        { homeserverUrl: url, accessToken: botToken, ...options.adapter, ...adapterOptions },
        { store: deps.store ?? ownStore(), mayJoin: deps.mayJoin ?? (() => true), logger: deps.logger ?? createLogger({ level: "silent" }) },
      );
      adapters.push(adapter);
      return adapter;
    },
    createRoom: (members, roomOptions = {}) => createRoom(members, roomOptions),
    invite(inviter, inviteOptions = {}) {
      const id = createRoom([inviter], inviteOptions);
      setMembership(id, BOT, "invite", inviter);
      return id;
    },
    membership: (roomId, user) => membershipOf(rooms.get(roomId), user),
    async seedHistory(text) {
      const room = directRoom(ALICE);
      addEvent(room, ALICE, "m.room.message", { msgtype: "m.text", body: text, "m.mentions": {} }, { ts: Date.now() - 1_800_000 });
    },
    async userSays(message) {
      const sender = message.sender ?? (message.fromSelf ? BOT : message.fromBot ? OTHER_BOT : ALICE);
      const roomId = message.room ?? (message.direct ? directRoom(sender === BOT ? ALICE : sender) : GROUP_ROOM);
      if (message.encrypted) {
        const entry = addEvent(roomId, sender, "m.room.encrypted", { algorithm: "m.megolm.v1.aes-sha2", ciphertext: randomBytes(48).toString("base64"), device_id: "CLIENT", sender_key: randomBytes(32).toString("base64"), session_id: "session" });
        lastUserEntry = entry;
        return entry.event.event_id;
      }
      const text = message.text.replace(/^\//, "!");
      const content: Record<string, unknown> = { msgtype: message.msgtype ?? "m.text", body: text };
      if (message.mention) {
        content.body = `Orienteur: ${text}`;
        if (!message.legacyMention) {
          content.format = "org.matrix.custom.html";
          content.formatted_body = `<a href="https://matrix.to/#/${BOT}">Orienteur</a>: ${text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`)}`;
          content["m.mentions"] = { user_ids: [BOT] };
        }
      } else if (!message.legacyMention) content["m.mentions"] = {};
      let thread = message.thread;
      let replyTo = message.replyTo;
      if (message.followUp) {
        // A follow-up to one of the bot's messages: a reply to it, or « reply in thread » on it
        // (into its thread when it is already in one, as Element does).
        const to = rooms.get(roomId)!.entries.find((e) => e.event.event_id === message.followUp!.to)?.event;
        const relation = to?.content["m.relates_to"] as { rel_type?: string; event_id?: string } | undefined;
        if (message.followUp.how === "reply") replyTo = message.followUp.to;
        else thread = relation?.rel_type === "m.thread" ? relation.event_id : message.followUp.to;
      }
      if (thread) {
        const room = rooms.get(roomId)!;
        const last = room.entries.findLast((e) => (e.event.content["m.relates_to"] as { event_id?: string } | undefined)?.event_id === thread)?.event.event_id ?? thread;
        content["m.relates_to"] = { rel_type: "m.thread", event_id: thread, is_falling_back: true, "m.in_reply_to": { event_id: last } };
      } else if (replyTo) content["m.relates_to"] = { "m.in_reply_to": { event_id: replyTo } };
      const entry = addEvent(roomId, sender, "m.room.message", content);
      lastUserEntry = entry;
      return entry.event.event_id;
    },
    async userSendsPhoto(message) {
      const roomId = message.direct ? directRoom(ALICE) : GROUP_ROOM;
      // As Element sends an image: `body` is the file name when there is no caption (Matrix 1.10 media captions).
      const entry = addEvent(roomId, ALICE, "m.room.message", { msgtype: "m.image", body: "IMG_2031.jpg", filename: "IMG_2031.jpg", url: `mxc://${SERVER}/photo`, info: { mimetype: "image/jpeg", size: 48213, w: 1200, h: 900 }, "m.mentions": {} });
      lastUserEntry = entry;
      return entry.event.event_id;
    },
    async userEdits(id, text) {
      const original = [...rooms.values()].flatMap((r) => r.entries).find((e) => e.event.event_id === id)!.event;
      const body = text.replace(/^\//, "!");
      addEvent(original.room_id, original.sender, "m.room.message", {
        msgtype: "m.text",
        body: `* ${body}`,
        "m.new_content": { msgtype: "m.text", body, "m.mentions": {} },
        "m.relates_to": { rel_type: "m.replace", event_id: id },
        "m.mentions": {},
      });
    },
    async redeliverLast() {
      if (!lastUserEntry) throw new Error("nothing to redeliver");
      append(rooms.get(lastUserEntry.event.room_id)!, lastUserEntry.event);
    },
    botEvents: () => [...rooms.values()].flatMap((r) => r.entries.filter((e) => e.event.sender === BOT && e.txn).map((e) => e)).sort((a, b) => a.pos - b.pos).map((e) => e.event),
    sent: () => peer.botEvents().filter((e) => e.type === "m.room.message").map(sentMessage),
    nextSent(predicate, timeoutMs = 30_000) {
      return new Promise<SentMessage>((resolve, reject) => {
        const timer = setTimeout(() => {
          sentWaiters.delete(waiter);
          reject(new Error("the bot sent nothing matching in time"));
        }, timeoutMs);
        function waiter(message: SentMessage): boolean {
          if (!predicate(message)) return false;
          clearTimeout(timer);
          resolve(message);
          return true;
        }
        sentWaiters.add(waiter);
      });
    },
    notifiesAsker(message) {
      const event = rooms.get(message.room)?.entries.find((e) => e.event.event_id === message.id)?.event;
      return event !== undefined && defaultPushAction(event, ALICE, joinedMembers(rooms.get(event.room_id)!).length) !== "none";
    },
    typing: () => typingLog,
    pushAction: (event, user) => defaultPushAction(event, user, joinedMembers(rooms.get(event.room_id)!).length),
    rateLimitNextSend(retryAfterSeconds) {
      pendingRateLimits.push(retryAfterSeconds * 1000);
    },
    rateLimited: () => rateLimitedCount,
    wellFormed: wellFormedMatrixHtml,
    async close() {
      pendingRateLimits = [];
      await Promise.allSettled(adapters.map((a) => a.stop()));
      for (const store of ownStores.splice(0)) store.close();
      for (const wake of [...waiters]) wake();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
  return peer;
}
