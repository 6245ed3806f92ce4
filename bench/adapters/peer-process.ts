// A platform's local peer in a process of its own, for the chat benchmark. In production the
// homeserver, Slack or Telegram are other machines: with the peer in the bot's process, its work
// (building /sync answers, validating blocks, parsing the bot's requests, framing WebSocket
// messages) ran on the bot's event loop and was charged to every answer. The peer is the same code
// as in the tests; only where it runs changes. The child runs peer-child.ts; both sides speak over
// the IPC channel: `ready` with the connection, then `ask` → `answered` with the latency the peer saw.
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";

/** What a platform's benchmark runs next to its peer: connection details and how a user asks. */
export interface PeerSide<C> {
  /** What the bot needs to connect to the peer (addresses and tokens). */
  connection: C;
  /** `user` says `text`; resolves to the milliseconds from the question sent to the bot's answer received, as the peer saw them. */
  ask(user: number, text: string): Promise<number>;
  close(): Promise<void>;
}

type FromChild = { type: "ready"; connection: unknown } | { type: "answered"; id: number; ms: number } | { type: "failed"; id?: number; message: string };

/** Starts `platform`'s peer side (see peer-child.ts) in a child process and talks to it. */
export async function remotePeer<C>(platform: string): Promise<PeerSide<C>> {
  // Inherits this process's flags (--import tsx): the child runs TypeScript too.
  const child = fork(fileURLToPath(new URL("./peer-child.ts", import.meta.url)), [platform], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const waiting = new Map<number, { resolve: (ms: number) => void; reject: (error: Error) => void }>();
  let nextId = 0;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const connection = await new Promise<C>((resolve, reject) => {
    child.on("message", (message: FromChild) => {
      if (message.type === "ready") resolve(message.connection as C);
      else if (message.type === "answered") {
        waiting.get(message.id)?.resolve(message.ms);
        waiting.delete(message.id);
      } else {
        const error = new Error(`${platform} peer: ${message.message}`);
        if (message.id === undefined) reject(error);
        else {
          waiting.get(message.id)?.reject(error);
          waiting.delete(message.id);
        }
      }
    });
    child.once("exit", (code) => {
      reject(new Error(`${platform} peer process exited (${code})`));
      for (const { reject: fail } of waiting.values()) fail(new Error(`${platform} peer process exited (${code})`));
      waiting.clear();
    });
  });
  return {
    connection,
    ask(user, text) {
      const id = nextId++;
      return new Promise<number>((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        child.send({ type: "ask", id, user, text });
      });
    },
    async close() {
      if (child.connected) child.send({ type: "close" });
      await exited;
    },
  };
}
