// End-to-end Matrix benchmark: the local homeserver peer, the real adapter (matrix-js-sdk, /sync
// long-polling) and the real engine. A latency is the time from a user message stored at the
// peer (which wakes the bot's pending /sync) to the bot's reply (its first m.notice) received by
// the peer. Several users write at once, each in its own direct room and waiting for its answer
// before asking again. As on a real homeserver, the bot's own notices come back through /sync.
//
// Alone: node --import tsx bench/adapters/matrix.ts [count]
import { pathToFileURL } from "node:url";
import { createBot } from "../../bot/core/bot.ts";
import { createConversation } from "../../bot/core/conversation.ts";
import { createLogger } from "../../bot/server/logger.ts";
import { openStore } from "../../bot/store/store.ts";
import type { Orienteur } from "../../knowledge/orienteur.ts";
import { SERVER, startMatrixPeer } from "../../test/peers/matrix-peer.ts";
import { summarise } from "../measure.ts";
import { DIALOGUES } from "../questions.ts";

export interface MatrixBenchResult {
  platform: "matrix";
  answers: number;
  perSecond: number;
  /** Milliseconds. */
  p50: number;
  p99: number;
}

/** Users writing at the same time, each in its own direct room. */
const CONCURRENT_USERS = 8;
const WARM_UP = 24;

/** Measures `count` answered questions through the Matrix adapter. */
export async function benchMatrix(orienteur: Orienteur, count = 300): Promise<MatrixBenchResult> {
  const peer = await startMatrixPeer();
  const store = openStore(":memory:");
  const logger = createLogger({ level: "silent" });
  // The per-user flood limit would throttle a benchmark user: lift it, we measure the transport.
  const bot = createBot({ orienteur: () => orienteur, conversation: createConversation(orienteur), store, logger }, { rateLimit: { messages: 1_000_000, perMs: 60_000 } });
  const adapter = peer.createAdapter({ store, mayJoin: bot.mayJoin, logger });
  const questions = DIALOGUES.map((d) => d.turns[0]!).filter(Boolean);
  let asked = 0;

  /** One question from a user in its direct room, until its answer arrives: milliseconds. */
  async function ask(user: number): Promise<number> {
    const sender = `@bench-${user}:${SERVER}`;
    const text = questions[asked++ % questions.length]!;
    const started = performance.now();
    const id = await peer.userSays({ text, direct: true, sender });
    await peer.nextSent((m) => m.replyTo === id, 30_000);
    return performance.now() - started;
  }

  async function run(total: number): Promise<number[]> {
    const latencies: number[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENT_USERS }, async (_, user) => {
        while (next < total) {
          next += 1;
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
    return { platform: "matrix", answers: latencies.length, perSecond: latencies.length / seconds, p50, p99 };
  } finally {
    await adapter.stop();
    await bot.idle();
    await peer.close();
    store.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { demoOrienteur } = await import("../../test/helpers/bases.ts");
  const result = await benchMatrix(await demoOrienteur(), Number(process.argv[2] ?? 300));
  console.log(`matrix: ${result.answers} answers, ${result.perSecond.toFixed(1)}/s, p50 ${result.p50.toFixed(1)} ms, p99 ${result.p99.toFixed(1)} ms`);
}
