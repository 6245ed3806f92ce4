// Runs the real `orienteur` command as a child process from the project folder, the way a
// person or a CI job would, with ORIENTEUR_KB cleared so tests choose their base explicitly.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `orienteur <args>`; `env` adds or overrides variables. */
export function runCli(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
    if (!("ORIENTEUR_KB" in env)) delete childEnv.ORIENTEUR_KB;
    const child = spawn(process.execPath, ["bin/orienteur.mjs", ...args], { cwd: ROOT, env: childEnv, timeout: 60_000 });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    // Nothing on standard input: a command that would read it (`sigles` without text) sees its end at once.
    child.stdin.end();
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}
