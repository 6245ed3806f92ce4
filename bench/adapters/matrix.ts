// End-to-end Matrix benchmark: the local homeserver peer, in a process of its own, the real
// adapter (matrix-js-sdk, /sync long-polling) and the real engine. A latency is the time from a
// user message stored at the peer (which wakes the bot's pending /sync) to the bot's reply (its
// first message) received by the peer. Several users write at once, each in its own direct room,
// waiting for its answer and reading it before asking again (drive.ts).
//
// Alone: node --import tsx bench/adapters/matrix.ts [count]
import { pathToFileURL } from "node:url";
import { createMatrixAdapter } from "../../bot/adapters/matrix/adapter.ts";
import type { Orienteur } from "../../knowledge/orienteur.ts";
import { BENCH_QUESTIONS, benchEngine, describeResult, driveAdapter, type AdapterBenchResult } from "./drive.ts";
import { remotePeer, type PeerSide } from "./peer-process.ts";

interface MatrixConnection {
  url: string;
  botToken: string;
}

/** The peer side (run by peer-child.ts): the homeserver, and a user asking in their direct room. */
export async function matrixPeerSide(): Promise<PeerSide<MatrixConnection>> {
  const { SERVER, startMatrixPeer } = await import("../../test/peers/matrix-peer.ts");
  const peer = await startMatrixPeer();
  return {
    connection: { url: peer.url, botToken: peer.botToken },
    async ask(user, text) {
      const started = performance.now();
      const id = await peer.userSays({ text, direct: true, sender: `@bench-${user}:${SERVER}` });
      await peer.nextSent((m) => m.replyTo === id, 30_000);
      return performance.now() - started;
    },
    close: () => peer.close(),
  };
}

/** Measures `count` answered questions through the Matrix adapter, each user in their own direct room. */
export async function benchMatrix(orienteur: Orienteur, count = 300): Promise<AdapterBenchResult> {
  const peer = await remotePeer<MatrixConnection>("matrix");
  try {
    const engine = benchEngine(orienteur);
    const adapter = createMatrixAdapter({ homeserverUrl: peer.connection.url, accessToken: peer.connection.botToken }, { store: engine.store, mayJoin: engine.bot.mayJoin, logger: engine.logger });
    let asked = 0;
    return await driveAdapter("matrix", adapter, engine, (user) => peer.ask(user, BENCH_QUESTIONS[asked++ % BENCH_QUESTIONS.length]!), count);
  } finally {
    await peer.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { demoOrienteur } = await import("../../test/helpers/bases.ts");
  console.log(describeResult(await benchMatrix(await demoOrienteur(), Number(process.argv[2] ?? 300))));
}
