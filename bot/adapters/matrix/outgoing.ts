// What the bot sends: an answer as message event contents (plain body, restricted HTML,
// intentional mentions, reply or thread relation), and when a failed request is worth retrying.
//
// Answers are m.text, not m.notice: the default push rules never notify a notice
// (.m.rule.suppress_notices comes before .m.rule.is_user_mention), so the asker would never learn
// that the answer came. Loops with other bots stay impossible: the engine never answers a notice,
// a known bot or itself, and posts outside a conversation (relay, editors' rooms) stay notices.
import { ConnectionError, MatrixError } from "matrix-js-sdk";
import type { Answer } from "../../../knowledge/answer/model.ts";
import { renderMatrix } from "../../render/matrix.ts";

/** The message an answer replies to. */
export interface Question {
  id: string;
  /** Thread root, when the question was asked in a thread. */
  thread?: string | undefined;
  author: string;
  isDirect: boolean;
}

/**
 * The contents of the events that carry `answer`, in order. An answer to a question is m.text, each
 * chunk replying to the question, inside its thread if it has one (with the fallback reply older
 * clients show); a post outside any conversation is m.notice.
 */
export function messageContents(answer: Answer, question: Question | undefined, fieldLimitBytes: number): Record<string, unknown>[] {
  return renderMatrix(answer, fieldLimitBytes).map((chunk, i) => {
    const content: Record<string, unknown> = {
      msgtype: question ? "m.text" : "m.notice",
      body: chunk.body,
      format: "org.matrix.custom.html",
      formatted_body: chunk.html,
      // Intentional mentions: only the asker, once, in a group room; nobody otherwise, so no
      // text of the answer (« @room », a name, a pill) can ever notify anyone.
      "m.mentions": question && !question.isDirect && i === 0 ? { user_ids: [question.author] } : {},
    };
    if (question?.thread) {
      content["m.relates_to"] = { rel_type: "m.thread", event_id: question.thread, is_falling_back: true, "m.in_reply_to": { event_id: question.id } };
    } else if (question) {
      content["m.relates_to"] = { "m.in_reply_to": { event_id: question.id } };
    }
    return content;
  });
}

/**
 * Milliseconds to wait before retrying a failed request, or -1 to give up: the delay the
 * homeserver gives with M_LIMIT_EXCEEDED (429), a growing one after a network or server error.
 * @param attempts failed attempts so far, including this one (1 after the first failure).
 */
export function retryDelay(error: unknown, attempts: number, maxRetries: number): number {
  if (attempts > maxRetries) return -1;
  if (error instanceof MatrixError && error.isRateLimitError()) {
    try {
      return error.getRetryAfterMs() ?? 1000 * 2 ** attempts;
    } catch {
      return 1000 * 2 ** attempts; // retry_after_ms was not an integer
    }
  }
  if (error instanceof ConnectionError) return 500 * 2 ** attempts;
  const status = (error as { httpStatus?: number }).httpStatus;
  if (status !== undefined && status >= 500) return 500 * 2 ** attempts;
  return -1;
}
