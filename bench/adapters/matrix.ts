// End-to-end Matrix benchmark: the local homeserver peer, the real adapter (matrix-js-sdk, /sync
// long-polling) and the real engine. A latency is the time from a user message stored at the
// peer (which wakes the bot's pending /sync) to the bot's reply (its first message) received by
// the peer. Several users write at once, each in its own direct room, waiting for its answer and
// reading it before asking again (drive.ts). As on a real homeserver, the bot's own messages come
// back through /sync.
//
// Alone: node --import tsx bench/adapters/matrix.ts [count]
import { pathToFileURL } from "node:url";
import type { Orienteur } from "../../knowledge/orienteur.ts";
import { BENCH_QUESTIONS, benchEngine, describeResult, driveAdapter, type AdapterBenchResult } from "./drive.ts";
import { SERVER, startMatrixPeer } from "../../test/peers/matrix-peer.ts";

/** Measures `count` answered questions through the Matrix adapter, each user in their own direct room. */
export async function benchMatrix(orienteur: Orienteur, count = 300): Promise<AdapterBenchResult> {
  const peer = await startMatrixPeer();
  const engine = benchEngine(orienteur);
  const adapter = peer.createAdapter({ store: engine.store, mayJoin: engine.bot.mayJoin, logger: engine.logger });
  let asked = 0;
  const ask = async (user: number) => {
    const started = performance.now();
    const id = await peer.userSays({ text: BENCH_QUESTIONS[asked++ % BENCH_QUESTIONS.length]!, direct: true, sender: `@bench-${user}:${SERVER}` });
    await peer.nextSent((m) => m.replyTo === id, 30_000);
    return performance.now() - started;
  };
  try {
    return await driveAdapter("matrix", adapter, engine, ask, count);
  } finally {
    await peer.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { demoOrienteur } = await import("../../test/helpers/bases.ts");
  const result = await benchMatrix(await demoOrienteur(), Number(process.argv[2] ?? 300));
  console.log(describeResult(result));
}
