// Commits a confirmed fiche when the base folder is a git repository (ORIENTEUR_CAMPAGNE_GIT=1):
// only the edited file, named explicitly, so nothing else an editor has in progress is committed.
import { execFile } from "node:child_process";
import { promisify } from "node:util";

const run = promisify(execFile);

/**
 * Commits `file` (relative to `dir`) with `message`; resolves to false when `dir` is not in a
 * git repository. Rejects with git's error otherwise (the caller logs it: the date is saved anyway).
 */
export async function commitFile(dir: string, file: string, message: string, body: string): Promise<boolean> {
  const git = (...args: string[]) => run("git", ["-C", dir, ...args], { timeout: 30_000 });
  try {
    await git("rev-parse", "--is-inside-work-tree");
  } catch {
    return false;
  }
  // A server account often has no git identity: Orienteur signs then, rather than failing.
  const identity = await git("config", "user.email").then(
    () => [],
    () => ["-c", "user.name=Orienteur", "-c", "user.email=orienteur@localhost"],
  );
  await git("add", "--", file);
  await run("git", ["-C", dir, ...identity, "commit", "--quiet", "-m", message, "-m", body, "--only", "--", file], { timeout: 30_000 });
  return true;
}
