// What every adapter benchmark shares: a bot engine with the flood limit lifted, a warm-up, then
// several users asking at once. Each platform's benchmark only says how to ask one question
// through its peer and wait for the answer.
import { createFeedbackRepository } from "../../bot/feedback/repository.ts";
import { createBot, type Bot } from "../../bot/core/bot.ts";
import { createConversation } from "../../bot/core/conversation.ts";
import type { Adapter } from "../../bot/core/contract.ts";
import { createLogger, type Logger } from "../../bot/server/logger.ts";
import { openStore, type Store } from "../../bot/store/store.ts";
import type { Orienteur } from "../../knowledge/orienteur.ts";
import { summarise } from "../measure.ts";
import { DIALOGUES } from "../questions.ts";

export interface AdapterBenchResult {
  platform: string;
  answers: number;
  perSecond: number;
  /** Milliseconds. */
  p50: number;
  p99: number;
  /**
   * CPU time of the whole process per answer (engine, adapter and SDK, and the peer, which runs in the
   * same process): with every user waiting for its answer before asking again, latency is about
   * users × this, so it says where a p99 comes from even on a loaded machine.
   */
  cpuMsPerAnswer: number;
}

/**
 * Users writing at the same time, each in their own direct conversation (8). BENCH_USERS=1 measures
 * one message alone, without the others' work queued before it: that latency is where a waiting
 * time (a polling interval, a timer) would show, and the chat section has none (issue 11's profile).
 */
export const CONCURRENT_USERS = Number(process.env.BENCH_USERS ?? 8);
const WARM_UP = 24;

/** The first question of each benchmark dialogue, asked in turn. */
export const BENCH_QUESTIONS = DIALOGUES.map((d) => d.turns[0]!).filter(Boolean);

export interface BenchEngine {
  store: Store;
  logger: Logger;
  bot: Bot;
}

/** A real engine over an in-memory store; the per-user flood limit is lifted: we measure the transport. */
export function benchEngine(orienteur: Orienteur): BenchEngine {
  const store = openStore(":memory:");
  const logger = createLogger({ level: "silent" });
  const bot = createBot({ orienteur: () => orienteur, conversation: createConversation(orienteur), store, feedback: createFeedbackRepository(store.db), logger }, { rateLimit: { messages: 1_000_000, perMs: 60_000 } });
  return { store, logger, bot };
}

/**
 * Starts the adapter on the engine, warms up, then has {@link CONCURRENT_USERS} users ask `count`
 * questions in all; `ask(user)` resolves to one question's latency in milliseconds. Stops the
 * adapter and closes the store afterwards (the caller closes its peer).
 */
export async function driveAdapter(platform: string, adapter: Adapter, engine: BenchEngine, ask: (user: number) => Promise<number>, count: number): Promise<AdapterBenchResult> {
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
      await engine.bot.handle(adapter, message);
    });
    await run(WARM_UP);
    const started = performance.now();
    const cpu = process.cpuUsage();
    const latencies = await run(count);
    const used = process.cpuUsage(cpu);
    const seconds = (performance.now() - started) / 1000;
    const { p50, p99 } = summarise(latencies);
    return { platform, answers: latencies.length, perSecond: latencies.length / seconds, p50, p99, cpuMsPerAnswer: (used.user + used.system) / 1000 / latencies.length };
  } finally {
    await adapter.stop();
    await engine.bot.idle();
    engine.store.close();
  }
}
