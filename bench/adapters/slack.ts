// End-to-end Slack benchmark: the local Slack peer in Socket Mode (the default deployment), the
// real adapter (@slack/bolt) and the real engine. A latency is the time from a user message
// sent by the peer as an `events_api` envelope to the bot's reply (its first chat.postMessage)
// received by the peer. Several users write at once, each in its own direct conversation and
// waiting for its answer before asking again. As on Slack, the bot's own messages come back as
// events too, so the engine sees two events per question.
//
// Alone: node --import tsx bench/adapters/slack.ts [count]
import { pathToFileURL } from "node:url";
import { createBot } from "../../bot/core/bot.ts";
import { createConversation } from "../../bot/core/conversation.ts";
import { createLogger } from "../../bot/server/logger.ts";
import { openStore } from "../../bot/store/store.ts";
import type { Orienteur } from "../../knowledge/orienteur.ts";
import { startSlackPeer } from "../../test/peers/slack-peer.ts";
import { summarise } from "../measure.ts";
import { DIALOGUES } from "../questions.ts";

export interface SlackBenchResult {
  platform: "slack";
  answers: number;
  perSecond: number;
  /** Milliseconds. */
  p50: number;
  p99: number;
}

/** Users writing at the same time, each in its own direct conversation. */
const CONCURRENT_USERS = 8;
const WARM_UP = 24;

/** Measures `count` answered questions through the Slack adapter. */
export async function benchSlack(orienteur: Orienteur, count = 300): Promise<SlackBenchResult> {
  const peer = await startSlackPeer({ mode: "socket" });
  const store = openStore(":memory:");
  const logger = createLogger({ level: "silent" });
  // The per-user flood limit would throttle a benchmark user: lift it, we measure the transport.
  const bot = createBot({ orienteur: () => orienteur, conversation: createConversation(orienteur), store, logger }, { rateLimit: { messages: 1_000_000, perMs: 60_000 } });
  const adapter = peer.createAdapter();
  const questions = DIALOGUES.map((d) => d.turns[0]!).filter(Boolean);
  let asked = 0;

  /** One question from a user in its direct conversation, until its answer arrives: milliseconds. */
  async function ask(user: number): Promise<number> {
    const channel = `D0BENCH${user}`;
    const text = questions[asked++ % questions.length]!;
    const answered = peer.nextPosted((m) => m.channel === channel, 30_000);
    const started = performance.now();
    await peer.userSays({ text, direct: true, channel, user: `U0BENCH${user}` });
    await answered;
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
    return { platform: "slack", answers: latencies.length, perSecond: latencies.length / seconds, p50, p99 };
  } finally {
    await adapter.stop();
    await bot.idle();
    await peer.close();
    store.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { demoOrienteur } = await import("../../test/helpers/bases.ts");
  const result = await benchSlack(await demoOrienteur(), Number(process.argv[2] ?? 300));
  console.log(`slack: ${result.answers} answers, ${result.perSecond.toFixed(1)}/s, p50 ${result.p50.toFixed(1)} ms, p99 ${result.p99.toFixed(1)} ms`);
}
