// What every adapter benchmark shares: a bot engine with the flood limit lifted, a warm-up, the
// capacity (users asking back the moment their answer lands), then the latency people notice:
// many users at once, each reading the answer before the next question. Each platform's benchmark
// only says how to ask one question through its peer and wait for the answer.
import { createFeedbackRepository } from "../../bot/feedback/repository.ts";
import { createBot, type Bot } from "../../bot/core/bot.ts";
import { createConversation } from "../../bot/core/conversation.ts";
import type { Adapter } from "../../bot/core/contract.ts";
import { createLogger, type Logger } from "../../bot/server/logger.ts";
import { openStore, type Store } from "../../bot/store/store.ts";
import type { Orienteur } from "../../knowledge/orienteur.ts";
import { summarise } from "../measure.ts";
import { createRandom } from "../synthetic-base.ts";
import { DIALOGUES } from "../questions.ts";

export interface AdapterBenchResult {
  platform: string;
  /** Answers measured at the paced rate (latency, CPU). */
  answers: number;
  /** Capacity: answers per second with {@link CAPACITY_USERS} users asking back at once. */
  perSecond: number;
  /** Questions per second the paced users actually sent. */
  pacedPerSecond: number;
  /** Paced users and their mean pause between an answer and the next question (ms). */
  users: number;
  thinkMs: number;
  /** Milliseconds, from a question sent to its answer received, at the paced rate. */
  p50: number;
  p99: number;
  /**
   * CPU time of the bot's process per answer at the paced rate (engine, adapter and SDK; the peer
   * runs in a process of its own): a figure a loaded machine inflates much less than a latency.
   */
  cpuMsPerAnswer: number;
}

/**
 * The latency run: users writing at the same time, each in their own direct conversation, each
 * reading the answer before asking again (BENCH_USERS, BENCH_THINK_MS). The pauses are random
 * (exponential, mean {@link THINK_MS}), so questions arrive at random moments and sometimes
 * together, as people's do. 32 users asking every second or so is 30 questions a second: far
 * above what a département's professionals ask (and each of them past the bot's own flood
 * limit, 20 messages then one every 3 s, which the bench lifts), yet the answers are not queued
 * behind an endless burst. BENCH_USERS=1 measures one message alone.
 */
export const CONCURRENT_USERS = Number(process.env.BENCH_USERS ?? 32);
export const THINK_MS = Number(process.env.BENCH_THINK_MS ?? 1000);
/**
 * The capacity run: users who ask again the moment their answer lands. Nobody writes like this: it
 * keeps the process busy all the time, so each answer waits behind the others' (latency is users
 * divided by answers per second, Little's law), and it says how many answers a second the process
 * can give.
 */
export const CAPACITY_USERS = 8;
const CAPACITY_ANSWERS = 150;
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
 * Starts the adapter on the engine, warms up, measures the capacity, then has
 * {@link CONCURRENT_USERS} paced users ask `count` questions in all; `ask(user)` resolves to one
 * question's latency in milliseconds (user numbers go up to the larger of the two runs' users).
 * Stops the adapter and closes the store afterwards (the caller closes its peer).
 */
export async function driveAdapter(platform: string, adapter: Adapter, engine: BenchEngine, ask: (user: number) => Promise<number>, count: number): Promise<AdapterBenchResult> {
  /** `total` answers from `users` users; `seconds` runs from the start to the last answer (not to the end of the last pauses). */
  async function run(total: number, users: number, thinkMs: number): Promise<{ latencies: number[]; seconds: number }> {
    const latencies: number[] = [];
    const start = performance.now();
    let lastAnswer = start;
    const random = createRandom(11); // seeded: the same pauses at every run
    // Exponential pauses, cut at five times the mean so that one unlucky draw cannot stall the run.
    const pause = () => (thinkMs > 0 ? new Promise((resolve) => setTimeout(resolve, Math.min(5 * thinkMs, -thinkMs * Math.log(1 - random())))) : undefined);
    let next = 0;
    await Promise.all(
      Array.from({ length: users }, async (_, user) => {
        // Paced users start at random moments too, not all in the same millisecond.
        await pause();
        while (next < total) {
          next += 1;
          latencies.push(await ask(user));
          lastAnswer = performance.now();
          if (next < total) await pause();
        }
      }),
    );
    return { latencies, seconds: (lastAnswer - start) / 1000 };
  }

  try {
    await adapter.start(async (message) => {
      await engine.bot.handle(adapter, message);
    });
    // Every user asks once first: the measure is of conversations under way, not of first contacts.
    const everyone = Math.max(CONCURRENT_USERS, CAPACITY_USERS);
    await run(Math.max(WARM_UP, everyone), everyone, 0);
    const busy = await run(CAPACITY_ANSWERS, CAPACITY_USERS, 0);
    const cpu = process.cpuUsage();
    const { latencies, seconds } = await run(count, CONCURRENT_USERS, THINK_MS);
    const used = process.cpuUsage(cpu);
    const { p50, p99 } = summarise(latencies);
    return {
      platform,
      answers: latencies.length,
      perSecond: busy.latencies.length / busy.seconds,
      pacedPerSecond: latencies.length / seconds,
      users: CONCURRENT_USERS,
      thinkMs: THINK_MS,
      p50,
      p99,
      cpuMsPerAnswer: (used.user + used.system) / 1000 / latencies.length,
    };
  } finally {
    await adapter.stop();
    await engine.bot.idle();
    engine.store.close();
  }
}

/** One line for a benchmark run alone: `matrix: p50 9.1 ms, p99 35.2 ms (32 users, …)`. */
export function describeResult(r: AdapterBenchResult): string {
  return `${r.platform}: p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms over ${r.answers} answers (${r.users} users, one question about every ${(r.thinkMs / 1000).toFixed(1)} s each after their answer: ${r.pacedPerSecond.toFixed(0)} questions/s), CPU ${r.cpuMsPerAnswer.toFixed(2)} ms per answer; capacity ${r.perSecond.toFixed(0)} answers/s`;
}
