// The Matrix adapter (also Tchap, the French state's Matrix): matrix-js-sdk with an access token,
// /sync long-polling resumed from a saved token, invitations accepted only from allowed inviters,
// answers as m.text events that notify the asker (plain body + restricted HTML) in the thread of
// the question, posts outside a conversation as m.notice (see outgoing.ts).
// It translates and renders; bot/core/bot.ts decides.
import {
  ClientEvent,
  createClient,
  EventType,
  Filter,
  Method,
  RoomEvent,
  RoomStateEvent,
  SyncState,
  type MatrixClient,
  type MatrixEvent,
  type Room,
} from "matrix-js-sdk";
import { setTimeout as sleep } from "node:timers/promises";
import { plainAnswer } from "../../core/build-answers.ts";
import type { Answer } from "../../../knowledge/answer/model.ts";
import { MATRIX_FIELD_LIMIT } from "../../render/matrix.ts";
import type { Logger } from "../../core/logger.ts";
import type { Store } from "../../store/store.ts";
import type { Adapter, IncomingMessage, Platform } from "../../core/contract.ts";
import { commandPrefix } from "../../core/context.ts";
import { createHttpFetch } from "../http-fetch.ts";
import { createConversationMemory } from "../conversation-memory.ts";
import { describeFailure, whoami } from "./connect.ts";
import { mediaCaption, mentionsBot, relationOf, TEXT_MSGTYPES, textOf, type BotIdentity, type MessageContent } from "./incoming.ts";
import { messageContents, retryDelay, type Question } from "./outgoing.ts";
import { createRoomFacts, type RoomFacts } from "./room-facts.ts";
import { createSdkLogger, routeSdkLogs } from "./sdk-logger.ts";
import { releaseRequestTimeouts } from "./sdk-timeouts.ts";
import { ResumingStore, syncTokenKey } from "./sync-token.ts";
import { matrixTexts } from "./texts.ts";
import { withRetries } from "../../../knowledge/util/retry.ts";

export interface MatrixAdapterOptions {
  /** Client-server API address of the homeserver (MATRIX_HOMESERVER_URL), e.g. https://matrix.agent.tchap.gouv.fr. */
  homeserverUrl: string;
  /** Access token of the bot's account (MATRIX_ACCESS_TOKEN). */
  accessToken: string;
  /** The bot's user id (MATRIX_USER_ID); asked of the server (`/account/whoami`) when absent. */
  userId?: string | undefined;
  /** Accounts whose messages are marked as a bot's (bridges, other bots). */
  ignoredUsers: readonly string[];
  /**
   * Matrix has no bot flag: a sender whose user id matches this pattern (case-insensitive) is a bot.
   * Default: a localpart ending in « bot » (@veille-bot:…, @rssbot:…). Empty string: none.
   */
  botUserPattern: string;
  /** Retries after a rate-limit (429) or network failure, per request. */
  maxRetries: number;
  /** How long one /sync long-poll waits on the server, in ms. */
  pollTimeoutMs: number;
  /** `start()` fails when the first sync takes longer, in ms. */
  startTimeoutMs: number;
  /** Largest body and formatted_body of one event, in bytes (see bot/render/matrix.ts). */
  fieldLimitBytes: number;
  /** How long a typing notification lasts, in ms. */
  typingTimeoutMs: number;
  /** Events kept in memory per room before its timeline is reset (the SDK keeps every event). */
  maxTimelineEvents: number;
}

const defaultMatrixAdapterOptions: Omit<MatrixAdapterOptions, "homeserverUrl" | "accessToken"> = {
  ignoredUsers: [],
  botUserPattern: "^@[^:]*bot:",
  maxRetries: 3,
  pollTimeoutMs: 30_000,
  startTimeoutMs: 30_000,
  fieldLimitBytes: MATRIX_FIELD_LIMIT,
  typingTimeoutMs: 5_000,
  maxTimelineEvents: 200,
};

export interface MatrixAdapterDependencies {
  /** Keeps the sync token and the « encrypted room » notices across restarts. */
  store: Store;
  /** The engine's `mayJoin`: whether to accept an invitation from `inviter` into `room`. */
  mayJoin: (platform: Platform, inviter: string, room: string) => boolean;
  logger: Logger;
}

const encryptedNoticeKey = (roomId: string) => `matrix:encrypted_notice:${roomId}`;

/**
 * Creates the Matrix adapter; `options` are merged over {@link defaultMatrixAdapterOptions}.
 * @example createMatrixAdapter({ homeserverUrl, accessToken }, { store, logger, mayJoin: bot.mayJoin })
 */
export function createMatrixAdapter(
  options: Partial<MatrixAdapterOptions> & Pick<MatrixAdapterOptions, "homeserverUrl" | "accessToken">,
  deps: MatrixAdapterDependencies,
): Adapter {
  const settings: MatrixAdapterOptions = { ...defaultMatrixAdapterOptions, ...options };
  const log = deps.logger.child({ platform: "matrix" });
  let botPattern: RegExp | undefined;
  try {
    botPattern = settings.botUserPattern ? new RegExp(settings.botUserPattern, "i") : undefined;
  } catch {
    throw new Error(matrixTexts.badBotPattern(settings.botUserPattern));
  }

  let client: MatrixClient | undefined;
  let facts: RoomFacts | undefined;
  let bot: BotIdentity = { userId: "" };
  let stopped = false;
  /** True while the first sync of a fresh start (no saved token) is processed: its events are history. */
  let readingHistory = false;
  const stopping = new AbortController();
  const inFlight = new Set<Promise<unknown>>();
  const roomOrder = new Map<string, Promise<unknown>>();
  /** The last send of each room, which the next one waits for. */
  const sendQueues = new Map<string, Promise<unknown>>();
  /** Rooms whose timeline grew since the last sync was announced: the only ones to trim. */
  const grown = new Set<Room>();
  const joining = new Set<string>();
  let directRooms = new Set<string>();
  let persisting: Promise<void> = Promise.resolve();
  /**
   * Set when a message is handed over, cleared when the sync that carried it is saved: the SDK
   * announces that sync just after its events, and a stop in between would replay them at restart.
   */
  let unsaved: (() => void) | true | undefined;
  const listeners: [string, (...args: never[]) => void][] = [];
  /** Conversations of the bot's answers and threads: replies to them continue the question. */
  const conversations = createConversationMemory();
  /** One HTTP client (and its kept-alive connections) for the adapter's life: see http-fetch.ts. */
  const httpFetch = createHttpFetch();

  function track<T>(work: Promise<T>): Promise<T | undefined> {
    const settled = work.catch((error: unknown) => {
      log.error({ err: { name: (error as Error).name, message: describeFailure(error) } }, "matrix event failed");
      return undefined;
    });
    inFlight.add(settled);
    void settled.finally(() => inFlight.delete(settled));
    return settled;
  }

  async function withRetry<T>(request: () => Promise<T>): Promise<T> {
    return withRetries(request, {
      delayAfter(error, failures) {
        const delay = stopped ? -1 : retryDelay(error, failures, settings.maxRetries);
        return delay < 0 ? undefined : delay;
      },
      sleep: (ms) => sleep(ms, undefined, { signal: stopping.signal }),
    });
  }

  /**
   * Sends one event: a PUT with its own transaction id, retried with the same id (idempotent), after
   * the room's earlier sends (answers stay in order in a room; rooms go in parallel). Not through the
   * SDK's sendEvent: it keeps a local echo (in the room's timeline and its pending transactions)
   * until the event comes back through /sync, and the sync filter leaves the bot's own events out.
   * Always plain text (no end-to-end encryption here): in an encrypted room, that is how the one
   * notice saying the bot cannot read it gets there. Resolves to the event's id.
   */
  async function sendContent(roomId: string, content: Record<string, unknown>): Promise<string> {
    const path = `/rooms/${encodeURIComponent(roomId)}/send/m.room.message/${encodeURIComponent(client!.makeTxnId())}`;
    const put = () => client!.http.authedRequest<{ event_id: string }>(Method.Put, path, undefined, content);
    const sending = (sendQueues.get(roomId) ?? Promise.resolve()).catch(() => undefined).then(() => withRetry(put));
    sendQueues.set(roomId, sending);
    void sending
      .catch(() => undefined)
      .then(() => {
        if (sendQueues.get(roomId) === sending) sendQueues.delete(roomId);
      });
    const { event_id: eventId } = await sending;
    facts!.rememberSent(eventId);
    return eventId;
  }

  /** Sends an answer (a notice when there is no question); each chunk replies to `question`, in its thread if it has one. */
  async function sendAnswer(roomId: string, answer: Answer, question?: Question): Promise<string[]> {
    const ids: string[] = [];
    for (const content of messageContents(answer, question, settings.fieldLimitBytes)) ids.push(await sendContent(roomId, content));
    return ids;
  }

  /** Tells an encrypted room, once and for good, that the bot cannot read it. */
  async function noticeEncrypted(roomId: string): Promise<void> {
    const key = encryptedNoticeKey(roomId);
    if (deps.store.getValue(key)) return;
    deps.store.setValue(key, new Date().toISOString());
    await sendAnswer(roomId, plainAnswer(matrixTexts.encryptedRoom));
    log.info({ room: roomId, outcome: "encrypted-notice" }, "matrix room");
  }

  async function handleInvite(room: Room): Promise<void> {
    if (joining.has(room.roomId)) return;
    const inviter = room.currentState.getMember(bot.userId)?.events.member?.getSender();
    if (!inviter) return;
    joining.add(room.roomId);
    try {
      if (deps.mayJoin("matrix", inviter, room.roomId)) {
        await withRetry(() => client!.joinRoom(room.roomId));
        log.info({ room: room.roomId, outcome: "joined" }, "matrix invite");
        if (room.hasEncryptionStateEvent()) await noticeEncrypted(room.roomId);
      } else {
        await withRetry(() => client!.leave(room.roomId));
        log.info({ room: room.roomId, outcome: "invite-declined" }, "matrix invite");
      }
    } finally {
      joining.delete(room.roomId);
    }
  }

  async function isDirectRoom(room: Room): Promise<boolean> {
    if (directRooms.has(room.roomId)) return true;
    try {
      const members = await facts!.members(room.roomId);
      return members.size === 2 && members.has(bot.userId);
    } catch {
      // The server did not answer: the SDK's count, from the room summary, is the best we have.
      return room.getJoinedMemberCount() === 2;
    }
  }

  /**
   * The event as the engine's IncomingMessage, or undefined when it is not a message. Media and
   * stickers are messages with an attachment (their caption as text); an edit carries its new content.
   */
  async function translate(event: MatrixEvent, room: Room): Promise<IncomingMessage | undefined> {
    const original = event.getContent() as MessageContent;
    const sender = event.getSender();
    const id = event.getId();
    const isSticker = event.getType() === "m.sticker";
    const relation = relationOf(original);
    const content = relation.isEdit && original["m.new_content"] && typeof original["m.new_content"] === "object" ? original["m.new_content"] : original;
    if (!sender || !id || (relation.isEdit && !relation.replaces)) return undefined;
    if (!isSticker && (typeof content.body !== "string" || typeof content.msgtype !== "string")) return undefined;
    const hasAttachment = isSticker || !TEXT_MSGTYPES.has(content.msgtype as string);
    const mentioned = mentionsBot(content, bot);
    const threadConversation = relation.thread ? conversations.ofThread(relation.thread) ?? conversations.ofMessage(relation.thread) : undefined;
    const [isDirect, isRoomAdmin, repliedTo, threadRoot] = await Promise.all([
      isDirectRoom(room),
      facts!.isAdmin(room, sender).catch(() => undefined),
      relation.replyTo ? facts!.senderOf(room, relation.replyTo) : Promise.resolve(undefined),
      // A thread opened on one of the bot's messages (« reply in thread » on an answer) is the bot's too.
      relation.thread && threadConversation === undefined ? facts!.senderOf(room, relation.thread) : Promise.resolve(undefined),
    ]);
    const text = hasAttachment ? (isSticker ? "" : mediaCaption(content)) : textOf(content, bot, mentioned);
    const repliesToBot = repliedTo === bot.userId;
    // A reply chain is the conversation where threads are off (Tchap): a reply to an answer continues its question.
    const conversation = (repliesToBot ? conversations.ofMessage(relation.replyTo!) : undefined) ?? threadConversation;
    return {
      platform: "matrix",
      id,
      room: room.roomId,
      thread: relation.thread,
      conversation,
      author: {
        id: sender,
        isBot: settings.ignoredUsers.includes(sender) || (botPattern?.test(sender) ?? false),
        isSelf: sender === bot.userId,
        isRoomAdmin,
      },
      text,
      isDirect,
      mentionsBot: mentioned,
      repliesToBot,
      inBotThread: relation.thread !== undefined && (threadConversation !== undefined || threadRoot === bot.userId),
      isCommand: text.startsWith(commandPrefix("matrix")),
      hasAttachment,
      editOf: relation.replaces,
      isNotice: content.msgtype === "m.notice" || original.msgtype === "m.notice",
      sentAt: event.getTs(),
      raw: event.event,
    };
  }

  /** Translates in arrival order per room, then hands over without waiting for the answer. */
  function deliver(room: Room, event: MatrixEvent, onMessage: (message: IncomingMessage) => Promise<void>): Promise<void> {
    const previous = roomOrder.get(room.roomId) ?? Promise.resolve();
    const translated = previous.then(() => translate(event, room));
    const settled = translated.catch(() => undefined);
    roomOrder.set(room.roomId, settled);
    void settled.then(() => {
      if (roomOrder.get(room.roomId) === settled) roomOrder.delete(room.roomId);
    });
    return translated.then((message) => {
      if (!message || stopped) return undefined;
      unsaved ??= true;
      return onMessage(message);
    });
  }

  /** Saves a sync token once the messages it covers have been handled. */
  function persistToken(token: string): void {
    if (typeof unsaved === "function") unsaved();
    unsaved = undefined;
    const pending = [...inFlight];
    persisting = persisting
      .then(() => Promise.allSettled(pending))
      .then(() => deps.store.setValue(syncTokenKey(bot.userId), token))
      .catch((error: unknown) => log.error({ err: { name: (error as Error).name } }, "matrix sync token not saved"));
  }

  /** The SDK keeps every event of every room: a room is reset past a size (only rooms that grew: no pass over every room at each sync). */
  function trimTimelines(): void {
    for (const room of grown) {
      const events = room.getLiveTimeline().getEvents();
      if (events.length > settings.maxTimelineEvents && events.every((e) => e.status === null)) room.resetLiveTimeline();
    }
    grown.clear();
  }

  function on(event: string, listener: (...args: never[]) => void): void {
    client!.on(event as never, listener as never);
    listeners.push([event, listener]);
  }

  return {
    platform: "matrix",

    async start(onMessage) {
      routeSdkLogs(log);
      const account = await whoami(settings.homeserverUrl, settings.accessToken, settings.userId, settings.startTimeoutMs);
      const savedToken = deps.store.getValue(syncTokenKey(account.userId));
      readingHistory = savedToken === undefined;
      client = createClient({
        baseUrl: settings.homeserverUrl,
        accessToken: settings.accessToken,
        userId: account.userId,
        ...(account.deviceId ? { deviceId: account.deviceId } : {}),
        store: new ResumingStore(savedToken),
        fetchFn: httpFetch.fetch,
        logger: createSdkLogger(log),
      });
      releaseRequestTimeouts(client);
      facts = createRoomFacts(client, account.userId);
      const profile = await client.getProfileInfo(account.userId).catch(() => undefined);
      bot = { userId: account.userId, displayName: profile?.displayname };
      const direct = await client.getAccountDataFromServer(EventType.Direct).catch(() => null);
      directRooms = new Set(Object.values(direct ?? {}).flat());

      on(RoomEvent.Timeline, (event: MatrixEvent, room: Room | undefined, toStartOfTimeline: boolean | undefined, removed: boolean, data: { liveEvent?: boolean }) => {
        if (stopped || !room || toStartOfTimeline || removed) return;
        grown.add(room);
        if (readingHistory || !data.liveEvent) return;
        if (event.status !== null) return; // a local echo (the bot sends without them; see sendContent)
        const type = event.getType();
        if (type === "m.room.encrypted" && event.getSender() !== bot.userId) void track(noticeEncrypted(room.roomId));
        else if (type === "m.room.message" || type === "m.sticker") void track(deliver(room, event, onMessage));
      });
      on(RoomEvent.MyMembership, (room: Room, membership: string) => {
        if (!stopped && membership === "invite") void track(handleInvite(room));
      });
      on(RoomStateEvent.Events, (event: MatrixEvent) => {
        const roomId = event.getRoomId();
        if (roomId) facts!.forget(roomId, event.getType());
      });
      on(ClientEvent.AccountData, (event: MatrixEvent) => {
        if (event.getType() === "m.direct") directRooms = new Set(Object.values(event.getContent<Record<string, string[]>>()).flat());
      });

      let timer: NodeJS.Timeout | undefined;
      const firstSync = new Promise<void>((resolve, reject) => {
        timer = setTimeout(() => reject(new Error(matrixTexts.syncTimeout(settings.homeserverUrl, settings.startTimeoutMs / 1000))), settings.startTimeoutMs);
        let started = false;
        on(ClientEvent.Sync, (state: SyncState, _previous: SyncState | null, data?: { nextSyncToken?: string; error?: Error }) => {
          if (state === SyncState.Prepared || state === SyncState.Syncing) {
            readingHistory = false;
            if (data?.nextSyncToken) persistToken(data.nextSyncToken);
            trimTimelines();
            if (!started) {
              started = true;
              clearTimeout(timer);
              resolve();
            }
          } else if (state === SyncState.Error) {
            log.error({ err: { name: data?.error?.name, message: describeFailure(data?.error) } }, "matrix sync failed");
            if (!started) {
              started = true;
              clearTimeout(timer);
              reject(new Error(matrixTexts.syncFailed(settings.homeserverUrl, describeFailure(data?.error))));
            }
          }
        });
      });
      // Later syncs bring up to 50 events per room; the first one of a fresh start brings none.
      // Left out: the bot's own events (it never reads them, and each answer would wake /sync a
      // second time, to be parsed, put in the room's model and dropped), and what it never reads
      // that a busy homeserver sends all day: typing notifications and read receipts of every
      // member of every room, presence, rooms' account data.
      const filter = new Filter(account.userId);
      filter.setDefinition({
        room: { timeline: { limit: 50, not_senders: [account.userId] }, ephemeral: { not_types: ["*"] }, account_data: { not_types: ["*"] } },
        presence: { not_types: ["*"] },
      });
      try {
        await client.startClient({
          initialSyncLimit: 0,
          filter,
          disablePresence: true,
          lazyLoadMembers: false,
          threadSupport: false,
          pollTimeout: settings.pollTimeoutMs,
        });
        await firstSync;
      } catch (error) {
        // Leave nothing behind: the supervisor may call start() again on this adapter.
        clearTimeout(timer);
        client.stopClient();
        for (const [event, listener] of listeners.splice(0)) client.off(event as never, listener as never);
        client = undefined;
        throw error;
      }
      log.info({ outcome: "started", resumed: savedToken !== undefined }, "matrix adapter");
    },

    async reply(message, answer) {
      if (!client) throw new Error("Matrix adapter not started");
      // A note about an edit replies to the message that was edited, not to the edit event.
      const ids = await sendAnswer(message.room, answer, { id: message.editOf ?? message.id, thread: message.thread, author: message.author.id, isDirect: message.isDirect });
      if (!message.isDirect) conversations.answered(message, ids, message.thread);
    },

    async post(room, answer) {
      if (!client) throw new Error("Matrix adapter not started");
      await sendAnswer(room, answer);
    },

    async showTyping(message) {
      await client?.sendTyping(message.room, true, settings.typingTimeoutMs);
    },

    async stop() {
      if (stopped) return;
      stopped = true;
      if (!client) return;
      // The sync that carried the last messages handed over is announced just after them: wait for it (bounded).
      if (unsaved === true) await new Promise<void>((resolve) => {
        unsaved = resolve;
        setTimeout(resolve, 2_000).unref();
      });
      client.stopClient();
      for (const [event, listener] of listeners) client.off(event as never, listener as never);
      // Answers already being written are finished (bounded), then the last token is saved.
      const grace = new AbortController();
      await Promise.race([Promise.allSettled([...inFlight]), sleep(10_000, undefined, { signal: grace.signal }).catch(() => undefined)]);
      grace.abort();
      stopping.abort();
      await persisting;
      httpFetch.close();
      log.info({ outcome: "stopped" }, "matrix adapter");
    },
  };
}
