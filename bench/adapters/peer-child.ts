// The peer side of one platform's chat benchmark, in a process of its own (see peer-process.ts):
// starts the platform's local peer, says how to connect to it, then has users ask as the parent
// says and reports each latency. Usage (forked by remotePeer): peer-child.ts matrix|slack|telegram
import type { PeerSide } from "./peer-process.ts";

const platform = process.argv[2] ?? "";
const sides: Record<string, () => Promise<PeerSide<unknown>>> = {
  matrix: async () => (await import("./matrix.ts")).matrixPeerSide(),
  slack: async () => (await import("./slack.ts")).slackPeerSide(),
  telegram: async () => (await import("./telegram.ts")).telegramPeerSide(),
};
const send = (message: unknown) => process.send?.(message);

try {
  const start = sides[platform];
  if (!start) throw new Error(`unknown platform « ${platform} »`);
  const side = await start();
  process.on("message", (message: { type: "ask"; id: number; user: number; text: string } | { type: "close" }) => {
    if (message.type === "close") {
      void side.close().finally(() => process.exit(0));
      return;
    }
    side.ask(message.user, message.text).then(
      (ms) => send({ type: "answered", id: message.id, ms }),
      (error: unknown) => send({ type: "failed", id: message.id, message: (error as Error).message }),
    );
  });
  // The parent gone, nobody will ask again.
  process.on("disconnect", () => process.exit(0));
  send({ type: "ready", connection: side.connection });
} catch (error) {
  send({ type: "failed", message: (error as Error).message });
  process.exit(1);
}
