// End-to-end Slack benchmark: the local Slack peer in Socket Mode (the default deployment), the
// real adapter (@slack/bolt) and the real engine. A latency is the time from a user message
// sent by the peer as an `events_api` envelope to the bot's reply (its first chat.postMessage)
// received by the peer. Several users write at once, each in its own direct conversation,
// waiting for its answer and reading it before asking again (drive.ts). As on Slack, the bot's
// own messages come back as events too, so the engine sees two events per question.
//
// Alone: node --import tsx bench/adapters/slack.ts [count]
import { pathToFileURL } from "node:url";
import type { Orienteur } from "../../knowledge/orienteur.ts";
import { BENCH_QUESTIONS, benchEngine, describeResult, driveAdapter, type AdapterBenchResult } from "./drive.ts";
import { startSlackPeer } from "../../test/peers/slack-peer.ts";

/** Measures `count` answered questions through the Slack adapter (Socket Mode), each user in their own direct conversation. */
export async function benchSlack(orienteur: Orienteur, count = 300): Promise<AdapterBenchResult> {
  const peer = await startSlackPeer({ mode: "socket" });
  const engine = benchEngine(orienteur);
  const adapter = peer.createAdapter();
  let asked = 0;
  const ask = async (user: number) => {
    const channel = `D0BENCH${user}`;
    const answered = peer.nextPosted((m) => m.channel === channel, 30_000);
    const started = performance.now();
    await peer.userSays({ text: BENCH_QUESTIONS[asked++ % BENCH_QUESTIONS.length]!, direct: true, channel, user: `U0BENCH${user}` });
    await answered;
    return performance.now() - started;
  };
  try {
    return await driveAdapter("slack", adapter, engine, ask, count);
  } finally {
    await peer.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { demoOrienteur } = await import("../../test/helpers/bases.ts");
  const result = await benchSlack(await demoOrienteur(), Number(process.argv[2] ?? 300));
  console.log(describeResult(result));
}
