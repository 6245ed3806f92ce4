// End-to-end Telegram benchmark: the local Bot API peer, in a process of its own, the real adapter
// (telegraf, long polling) and the real engine. A latency is the time from a user message queued
// at the peer to the bot's reply (its first message) received by the peer. Several users write at
// once, each waiting for its answer and reading it before asking again (drive.ts), as people in
// different chats do.
//
// Alone: node --import tsx bench/adapters/telegram.ts [count]
import { pathToFileURL } from "node:url";
import { createTelegramAdapter } from "../../bot/adapters/telegram/adapter.ts";
import type { Orienteur } from "../../knowledge/orienteur.ts";
import { BENCH_QUESTIONS, benchEngine, describeResult, driveAdapter, type AdapterBenchResult } from "./drive.ts";
import { remotePeer, type PeerSide } from "./peer-process.ts";

interface TelegramConnection {
  token: string;
  apiRoot: string;
}

/** The peer side (run by peer-child.ts): the Bot API, and users asking each in their private chat. */
export async function telegramPeerSide(): Promise<PeerSide<TelegramConnection>> {
  const { TelegramPeer } = await import("../../test/peers/telegram-peer.ts");
  const peer = await TelegramPeer.start();
  const waiting = new Map<string, (at: number) => void>();
  const unsubscribe = peer.onSent((message) => {
    if (message.replyTo === undefined) return;
    waiting.get(message.replyTo)?.(message.at);
    waiting.delete(message.replyTo);
  });
  return {
    connection: { token: peer.token, apiRoot: peer.apiRoot },
    async ask(index, text) {
      const user = { id: 20_000 + index, is_bot: false, first_name: `Pro ${index + 1}`, language_code: "fr" };
      const started = performance.now();
      const id = await peer.userSays({ text, direct: true, from: user, chat: { id: user.id, type: "private", first_name: user.first_name } });
      // The answer needs network round trips: it cannot arrive before this registration.
      const answered = new Promise<number>((resolve) => waiting.set(id, resolve));
      return (await answered) - started;
    },
    async close() {
      unsubscribe();
      await peer.close();
    },
  };
}

/** Measures `count` answered questions through the Telegram adapter, each user in their own private chat. */
export async function benchTelegram(orienteur: Orienteur, count = 300): Promise<AdapterBenchResult> {
  const peer = await remotePeer<TelegramConnection>("telegram");
  try {
    const engine = benchEngine(orienteur);
    const adapter = createTelegramAdapter({ token: peer.connection.token, apiRoot: peer.connection.apiRoot }, { logger: engine.logger });
    let asked = 0;
    return await driveAdapter("telegram", adapter, engine, (user) => peer.ask(user, BENCH_QUESTIONS[asked++ % BENCH_QUESTIONS.length]!), count);
  } finally {
    await peer.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { demoOrienteur } = await import("../../test/helpers/bases.ts");
  console.log(describeResult(await benchTelegram(await demoOrienteur(), Number(process.argv[2] ?? 300))));
}
