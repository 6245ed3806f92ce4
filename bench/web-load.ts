// Section 5d of the bench: questions over real HTTP from many concurrent clients to the server in
// another process, with the queue limit (ORIENTEUR_MAX_PENDING): latency of the answers and how
// many requests were shed with a 503.
import { spawn } from "node:child_process";
import { join } from "node:path";
import { summarise } from "./measure.ts";
import { DIALOGUES } from "./questions.ts";

interface LoadResult {
  clients: number;
  answered: number;
  shed: number;
  p50: number;
  p99: number;
}

/** Starts the server child, runs `clients` concurrent clients of `perClient` questions each, stops it. */
async function load(root: string, base: string, clients: number, perClient: number, env: Record<string, string> = {}): Promise<LoadResult | undefined> {
  const child = spawn(process.execPath, ["--import", "tsx", join(root, "bench", "web-server-child.ts"), base], { stdio: ["ignore", "pipe", "inherit"], env: { ...process.env, ...env } });
  const url = await new Promise<string | undefined>((resolve) => {
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const match = /WEB_SERVER_URL (\S+)/.exec(output);
      if (match) resolve(match[1]);
    });
    child.on("close", () => resolve(undefined));
  });
  if (!url) return undefined;
  const questions = DIALOGUES.map((d) => d.turns[0]!);
  const durations: number[] = [];
  let shed = 0;
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      for (let i = 0; i < perClient; i++) {
        const started = performance.now();
        const response = await fetch(`${url}/api/ask`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ question: questions[(c + i) % questions.length] }) });
        await response.arrayBuffer();
        if (response.status === 503) shed++;
        else durations.push(performance.now() - started);
      }
    }),
  );
  child.kill("SIGTERM");
  await new Promise((resolve) => child.on("close", resolve));
  const latency = summarise(durations);
  return { clients, answered: durations.length, shed, p50: latency.p50, p99: latency.p99 };
}

/** Prints section 5d. */
export async function benchWebLoad(root: string, base: string): Promise<void> {
  console.log("\n5d. Web page under concurrent clients (POST /api/ask over HTTP, server in another process)\n");
  for (const [clients, env, note] of [
    [50, {}, "default limit (64 at once)"],
    [200, {}, "default limit (64 at once)"],
    [200, { ORIENTEUR_MAX_PENDING: "100000" }, "no limit (for comparison)"],
  ] as const) {
    const r = await load(root, base, clients, Math.round(2000 / clients), env);
    if (!r) {
      console.log("   (no result: see the errors above)");
      continue;
    }
    console.log(`   ${String(r.clients).padStart(3)} clients, ${note.padEnd(28)} p50 ${r.p50.toFixed(1)} ms   p99 ${r.p99.toFixed(1)} ms   ${r.answered} answered, ${r.shed} shed (503)`);
  }
}
