// Child process of `npm run bench`, section 6b: the deadlines the tests used to time, measured
// here instead (a timing asserted in a test fails on a loaded machine; a figure printed by the
// bench does not). Slack wants a slash command acknowledged within 3 s, in Socket Mode and over
// HTTP; the web server should stop soon after the last answer under way; a process that used the
// Matrix adapter should exit at once after stop(). Prints one result line of JSON.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { createBot } from "../bot/core/bot.ts";
import { createConversation } from "../bot/core/conversation.ts";
import { createFeedbackRepository } from "../bot/feedback/repository.ts";
import { readConfig } from "../bot/server/config.ts";
import { createLogger } from "../bot/server/logger.ts";
import { startServer } from "../bot/server/start.ts";
import { openStore } from "../bot/store/store.ts";
import { loadKnowledgeCached } from "../knowledge/load/base-cache.ts";
import { createOrienteur } from "../knowledge/orienteur.ts";
import { MATRIX_USE_ONCE_SCRIPT } from "../test/helpers/matrix-once.ts";
import { slowQuestion } from "../test/helpers/slow-question.ts";
import { startSlackPeer } from "../test/peers/slack-peer.ts";
import { summarise, type Latency } from "./measure.ts";

const DEADLINES_PREFIX = "DEADLINES_RESULT ";

export interface DeadlinesResult {
  /** Slash command sent → acknowledged, in ms, per Slack mode. */
  slackAck: { socket: Latency; http: Latency };
  /** Last answer received → server.stop() resolved, in ms. */
  webStopMs: Latency;
  /** Wall time of a process that starts the Matrix adapter on its peer, answers once, stops and exits, in ms. */
  matrixExitMs: number;
}

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const DEMO_DIR = fileURLToPath(new URL("../knowledge/demo-nievre", import.meta.url));
const ROUNDS = Number(process.argv[2] ?? 20);
const orienteur = createOrienteur(await loadKnowledgeCached(DEMO_DIR));
const silent = createLogger({ level: "silent" });

/** Sends `rounds` slash commands to the adapter through the local Slack peer and times each acknowledgement. */
async function slackAcks(mode: "socket" | "http", rounds: number): Promise<Latency> {
  const peer = await startSlackPeer({ mode });
  const store = openStore(":memory:");
  const bot = createBot({ orienteur: () => orienteur, conversation: createConversation(orienteur), store, feedback: createFeedbackRepository(store.db), logger: silent });
  const adapter = peer.createAdapter({}, silent);
  await adapter.start(async (message) => {
    await bot.handle(adapter, message);
  });
  try {
    for (let i = 0; i < rounds; i++) await peer.userSays({ text: "/sigle DAC", direct: true });
    const commands = peer.deliveries.filter((d) => d.kind === "slash_commands");
    // An unacknowledged command counts as Slack's whole 3 s deadline.
    return summarise(commands.map((d) => (d.ackedAt === undefined || d.sentAt === undefined ? 3000 : d.ackedAt - d.sentAt)));
  } finally {
    await adapter.stop();
    store.close();
    await peer.close();
  }
}

/** Starts the web server, keeps a question under way, stops the server and times stop() after the answer. */
async function webStops(rounds: number): Promise<Latency> {
  const { config } = readConfig({ ORIENTEUR_DB: ":memory:", ORIENTEUR_SECRET: "s".repeat(40) });
  const durations: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const server = await startServer({ kb: DEMO_DIR, port: 0, host: "127.0.0.1", handleSignals: false, config, report: () => {} });
    const slow = slowQuestion(server.url);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const stopped = server.stop().then(() => performance.now());
    slow.finish();
    await (await slow.response).json();
    const answeredAt = performance.now();
    durations.push(Math.max(0, (await stopped) - answeredAt));
  }
  return summarise(durations);
}

/** The wall time of a fresh process that uses the Matrix adapter once and stops it: Node must not wait for the SDK's timers. */
async function matrixExit(): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", MATRIX_USE_ONCE_SCRIPT], { cwd: ROOT, stdio: "ignore" });
  const exit = await new Promise<number | null>((resolve) => child.on("close", resolve));
  if (exit !== 0) throw new Error(`the Matrix process exited with ${exit}`);
  return performance.now() - started;
}

const result: DeadlinesResult = {
  slackAck: { socket: await slackAcks("socket", ROUNDS), http: await slackAcks("http", ROUNDS) },
  webStopMs: await webStops(Math.min(ROUNDS, 10)),
  matrixExitMs: await matrixExit(),
};
process.stdout.write(`${DEADLINES_PREFIX}${JSON.stringify(result)}\n`);
process.exit(0);
