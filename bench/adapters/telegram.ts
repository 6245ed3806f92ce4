// End-to-end Telegram benchmark: the local Bot API peer, the real adapter (telegraf, long polling)
// and the real engine. A latency is the time from a user message queued at the peer to the bot's
// reply (its first message) received by the peer. Several users write at once, each waiting for
// its answer and reading it before asking again (drive.ts), as people in different chats do.
//
// Alone: node --import tsx bench/adapters/telegram.ts [count]
import { pathToFileURL } from "node:url";
import type { Orienteur } from "../../knowledge/orienteur.ts";
import { BENCH_QUESTIONS, benchEngine, CAPACITY_USERS, CONCURRENT_USERS, describeResult, driveAdapter, type AdapterBenchResult } from "./drive.ts";
import { TelegramPeer, type TelegramUser } from "../../test/peers/telegram-peer.ts";

/** Measures `count` answered questions through the Telegram adapter, each user in their own private chat. */
export async function benchTelegram(orienteur: Orienteur, count = 300): Promise<AdapterBenchResult> {
  const peer = await TelegramPeer.start();
  const engine = benchEngine(orienteur);
  const adapter = peer.createAdapter();
  const waiting = new Map<string, (at: number) => void>();
  const unsubscribe = peer.onSent((message) => {
    if (message.replyTo === undefined) return;
    waiting.get(message.replyTo)?.(message.at);
    waiting.delete(message.replyTo);
  });
  const users = Array.from({ length: Math.max(CONCURRENT_USERS, CAPACITY_USERS) }, (_, i): TelegramUser => ({ id: 20_000 + i, is_bot: false, first_name: `Pro ${i + 1}`, language_code: "fr" }));
  let asked = 0;
  const ask = async (index: number) => {
    const user = users[index]!;
    const started = performance.now();
    const id = await peer.userSays({ text: BENCH_QUESTIONS[asked++ % BENCH_QUESTIONS.length]!, direct: true, from: user, chat: { id: user.id, type: "private", first_name: user.first_name } });
    // The answer needs network round trips: it cannot arrive before this registration.
    const answered = new Promise<number>((resolve) => waiting.set(id, resolve));
    return (await answered) - started;
  };
  try {
    return await driveAdapter("telegram", adapter, engine, ask, count);
  } finally {
    unsubscribe();
    await peer.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { demoOrienteur } = await import("../../test/helpers/bases.ts");
  const result = await benchTelegram(await demoOrienteur(), Number(process.argv[2] ?? 300));
  console.log(describeResult(result));
}
