// Reading a Matrix message event: its relations (thread, reply, edit), whether it mentions the
// bot, and its text without the reply fallback and the mention. Pure functions over the event
// content; the adapter adds what needs the server (room members, power levels, replied-to sender).

/** The parts of an `m.room.message` content this adapter reads. */
export interface MessageContent {
  msgtype?: unknown;
  body?: unknown;
  /** Media: the file name; when it differs from `body`, `body` is a caption (Matrix 1.10). */
  filename?: unknown;
  /** An edit's new content (`rel_type: m.replace`). */
  "m.new_content"?: MessageContent;
  format?: unknown;
  formatted_body?: unknown;
  "m.mentions"?: { user_ids?: unknown; room?: unknown };
  "m.relates_to"?: { rel_type?: unknown; event_id?: unknown; is_falling_back?: unknown; "m.in_reply_to"?: { event_id?: unknown } };
}

export interface BotIdentity {
  userId: string;
  displayName?: string | undefined;
}

export interface Relation {
  /** Root of the thread the message is in (`rel_type: m.thread`). */
  thread?: string | undefined;
  /** The event this message really replies to (not a thread's fallback reply). */
  replyTo?: string | undefined;
  /** An edit of an earlier message (`rel_type: m.replace`). */
  isEdit: boolean;
  /** The message an edit replaces. */
  replaces?: string | undefined;
}

const str = (value: unknown): string | undefined => (typeof value === "string" && value !== "" ? value : undefined);

/** Thread, reply and edit relations of a message. */
export function relationOf(content: MessageContent): Relation {
  const relates = content["m.relates_to"];
  if (!relates || typeof relates !== "object") return { isEdit: false };
  const inReplyTo = str(relates["m.in_reply_to"]?.event_id);
  if (relates.rel_type === "m.thread") {
    // In a thread, `m.in_reply_to` with `is_falling_back: true` only helps clients without threads.
    return { thread: str(relates.event_id), replyTo: relates.is_falling_back === true ? undefined : inReplyTo, isEdit: false };
  }
  const isEdit = relates.rel_type === "m.replace";
  return { replyTo: isEdit ? undefined : inReplyTo, isEdit, replaces: isEdit ? str(relates.event_id) : undefined };
}

/** Message types that carry text; the others (m.image, m.file, m.audio, m.video, m.location) carry media. */
export const TEXT_MSGTYPES: ReadonlySet<string> = new Set(["m.text", "m.notice", "m.emote"]);

/**
 * What a media message says in words: its caption (a `body` that is not just the file name), or "".
 * @example mediaCaption({ msgtype: "m.image", body: "IMG_1.jpg", filename: "IMG_1.jpg" }) // → ""
 */
export function mediaCaption(content: MessageContent): string {
  const body = str(content.body) ?? "";
  const filename = str(content.filename);
  return filename !== undefined && body !== filename ? body : "";
}

const escapeRegExp = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** A name as a whole word (letters of any script count as word characters). */
const word = (name: string) => `(?<![\\p{L}\\p{N}_])${escapeRegExp(name)}(?![\\p{L}\\p{N}_])`;

function names(bot: BotIdentity): string[] {
  const localpart = bot.userId.slice(1).split(":")[0]!;
  return [bot.userId, ...(bot.displayName ? [`@${bot.displayName}`, bot.displayName] : []), `@${localpart}`].filter((n, i, all) => n !== "" && all.indexOf(n) === i);
}

/** « Orienteur : … », « @orienteur, … »: the message opens by addressing the bot, as in IRC-style rooms. */
function addressedAtStart(body: string, bot: BotIdentity): boolean {
  return names(bot).some((name) => new RegExp(`^\\s*${escapeRegExp(name)}\\s*[:,]`, "iu").test(body));
}

/**
 * Whether the message mentions the bot. With `m.mentions` (intentional mentions, Matrix 1.7) only
 * its `user_ids` count, plus a message that opens by addressing the bot; without it (older
 * clients), the bot's user id or display name in the body, or a pill in the HTML, count.
 */
export function mentionsBot(content: MessageContent, bot: BotIdentity): boolean {
  const body = str(content.body) ?? "";
  const mentions = content["m.mentions"];
  if (mentions && typeof mentions === "object") {
    return (Array.isArray(mentions.user_ids) && mentions.user_ids.includes(bot.userId)) || addressedAtStart(body, bot);
  }
  const html = str(content.formatted_body) ?? "";
  if (html.includes(`matrix.to/#/${bot.userId}`) || html.includes(`matrix.to/#/${encodeURIComponent(bot.userId)}`)) return true;
  return names(bot).some((name) => new RegExp(word(name), "iu").test(body));
}

/** Removes the reply fallback (« > <@alice:x> earlier text » lines) that older clients put first. */
function withoutReplyFallback(body: string, content: MessageContent): string {
  if (!content["m.relates_to"]?.["m.in_reply_to"] || !body.startsWith(">")) return body;
  const lines = body.split("\n");
  let i = 0;
  while (i < lines.length && lines[i]!.startsWith(">")) i++;
  if (lines[i] === "") i++;
  return lines.slice(i).join("\n");
}

/** The text the bot should read: no reply fallback, and no mention of the bot when it was mentioned. */
export function textOf(content: MessageContent, bot: BotIdentity, mentioned: boolean): string {
  let text = withoutReplyFallback(str(content.body) ?? "", content);
  if (mentioned) {
    for (const name of names(bot)) {
      text = text.replace(new RegExp(`^\\s*${escapeRegExp(name)}\\s*[:,]?`, "iu"), "");
      text = text.replace(new RegExp(word(name), "giu"), "");
    }
    text = text.replace(/[ \t]{2,}/g, " ");
  }
  return text.trim();
}
