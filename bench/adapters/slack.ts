// End-to-end Slack benchmark: the local Slack peer in Socket Mode (the default deployment), in a
// process of its own, the real adapter (@slack/bolt) and the real engine. A latency is the time
// from a user message sent by the peer as an `events_api` envelope to the bot's reply (its first
// chat.postMessage) received by the peer. Several users write at once, each in its own direct
// conversation, waiting for its answer and reading it before asking again (drive.ts). As on Slack,
// the bot's own messages come back as events too, so the engine sees two events per question.
//
// Alone: node --import tsx bench/adapters/slack.ts [count]
import { pathToFileURL } from "node:url";
import { createSlackAdapter } from "../../bot/adapters/slack/adapter.ts";
import type { Orienteur } from "../../knowledge/orienteur.ts";
import { BENCH_QUESTIONS, benchEngine, describeResult, driveAdapter, type AdapterBenchResult } from "./drive.ts";
import { remotePeer, type PeerSide } from "./peer-process.ts";

interface SlackConnection {
  apiUrl: string;
  botToken: string;
  appToken: string;
}

/** The peer side (run by peer-child.ts): Slack in Socket Mode, and a user asking in their direct conversation. */
export async function slackPeerSide(): Promise<PeerSide<SlackConnection>> {
  const { SLACK_PEER, startSlackPeer } = await import("../../test/peers/slack-peer.ts");
  const peer = await startSlackPeer({ mode: "socket" });
  return {
    connection: { apiUrl: `${peer.base}/api/`, botToken: SLACK_PEER.botToken, appToken: SLACK_PEER.appToken },
    async ask(user, text) {
      const channel = `D0BENCH${user}`;
      const answered = peer.nextPosted((m) => m.channel === channel, 30_000);
      const started = performance.now();
      await peer.userSays({ text, direct: true, channel, user: `U0BENCH${user}` });
      await answered;
      return performance.now() - started;
    },
    close: () => peer.close(),
  };
}

/** Measures `count` answered questions through the Slack adapter (Socket Mode), each user in their own direct conversation. */
export async function benchSlack(orienteur: Orienteur, count = 300): Promise<AdapterBenchResult> {
  const peer = await remotePeer<SlackConnection>("slack");
  try {
    const engine = benchEngine(orienteur);
    const { apiUrl, botToken, appToken } = peer.connection;
    const adapter = createSlackAdapter({ botToken, appToken, slackApiUrl: apiUrl, connectTimeoutMs: 5000 }, { logger: engine.logger });
    let asked = 0;
    return await driveAdapter("slack", adapter, engine, (user) => peer.ask(user, BENCH_QUESTIONS[asked++ % BENCH_QUESTIONS.length]!), count);
  } finally {
    await peer.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { demoOrienteur } = await import("../../test/helpers/bases.ts");
  console.log(describeResult(await benchSlack(await demoOrienteur(), Number(process.argv[2] ?? 300))));
}
