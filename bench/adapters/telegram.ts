// End-to-end Telegram benchmark: the local Bot API peer, the real adapter (telegraf, long polling)
// and the real engine. A latency is the time from a user message queued at the peer to the bot's
// reply (its first message) received by the peer. Several users write at once, each waiting for
// its answer before asking again, as people in different chats do.
//
// Alone: node --import tsx bench/adapters/telegram.ts [count]
import { pathToFileURL } from "node:url";
import { createBot } from "../../bot/core/bot.ts";
import { createConversation } from "../../bot/core/conversation.ts";
import { createLogger } from "../../bot/server/logger.ts";
import { openStore } from "../../bot/store/store.ts";
import type { Orienteur } from "../../knowledge/orienteur.ts";
import { TelegramPeer, type TelegramUser } from "../../test/peers/telegram-peer.ts";
import { summarise } from "../measure.ts";
import { DIALOGUES } from "../questions.ts";

export interface AdapterBenchResult {
  platform: "telegram";
  answers: number;
  perSecond: number;
  /** Milliseconds. */
  p50: number;
  p99: number;
}

/** Users writing at the same time, each in its own private chat. */
const CONCURRENT_USERS = 8;
const WARM_UP = 24;

/** Measures `count` answered questions through the Telegram adapter. */
export async function benchTelegram(orienteur: Orienteur, count = 300): Promise<AdapterBenchResult> {
  const peer = await TelegramPeer.start();
  const store = openStore(":memory:");
  const logger = createLogger({ level: "silent" });
  // The per-user flood limit would throttle a benchmark user: lift it, we measure the transport.
  const bot = createBot({ orienteur: () => orienteur, conversation: createConversation(orienteur), store, logger }, { rateLimit: { messages: 1_000_000, perMs: 60_000 } });
  const adapter = peer.createAdapter();
  const waiting = new Map<string, (at: number) => void>();
  const unsubscribe = peer.onSent((message) => {
    if (message.replyTo === undefined) return;
    waiting.get(message.replyTo)?.(message.at);
    waiting.delete(message.replyTo);
  });
  const questions = DIALOGUES.map((d) => d.turns[0]!).filter(Boolean);
  let asked = 0;

  /** One question, injected at the peer, until its answer arrives: milliseconds. */
  async function ask(user: TelegramUser): Promise<number> {
    const text = questions[asked++ % questions.length]!;
    const started = performance.now();
    const id = await peer.userSays({ text, direct: true, from: user, chat: { id: user.id, type: "private", first_name: user.first_name } });
    // The answer needs network round trips: it cannot arrive before this registration.
    const answered = new Promise<number>((resolve) => waiting.set(id, resolve));
    return (await answered) - started;
  }

  async function run(total: number): Promise<number[]> {
    const latencies: number[] = [];
    let remaining = total;
    const users = Array.from({ length: CONCURRENT_USERS }, (_, i): TelegramUser => ({ id: 20_000 + i, is_bot: false, first_name: `Pro ${i + 1}`, language_code: "fr" }));
    await Promise.all(
      users.map(async (user) => {
        while (remaining > 0) {
          remaining--;
          latencies.push(await ask(user));
        }
      }),
    );
    return latencies;
  }

  try {
    await adapter.start(async (message) => {
      await bot.handle(adapter, message);
    });
    await run(WARM_UP);
    const started = performance.now();
    const latencies = await run(count);
    const seconds = (performance.now() - started) / 1000;
    const { p50, p99 } = summarise(latencies);
    return { platform: "telegram", answers: latencies.length, perSecond: latencies.length / seconds, p50, p99 };
  } finally {
    unsubscribe();
    await adapter.stop();
    await bot.idle();
    await peer.close();
    store.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { demoOrienteur } = await import("../../test/helpers/bases.ts");
  const result = await benchTelegram(await demoOrienteur(), Number(process.argv[2] ?? 300));
  console.log(`telegram: ${result.answers} answers, ${result.perSecond.toFixed(0)}/s, p50 ${result.p50.toFixed(1)} ms, p99 ${result.p99.toFixed(1)} ms`);
}
