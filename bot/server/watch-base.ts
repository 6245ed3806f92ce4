// Live base: editors push to git, the server sees the files change, loads the new base aside and
// swaps it in one assignment — a question is answered by the old base or the new one, never a
// half-loaded one. An invalid change keeps the last good base serving; the editors are told why.
// Changes are seen by watch-tree.ts (every folder, the root's parent: atomic saves, folder
// replacement, symlink switches), and a periodic fingerprint of the files catches anything missed.
import { checkKnowledge } from "../../knowledge/load/load-knowledge.ts";
import { formatProblem, type Problem } from "../../knowledge/load/problems.ts";
import { createOrienteur, type Orienteur } from "../../knowledge/orienteur.ts";
import type { Answer } from "../../knowledge/answer/model.ts";
import type { Logger } from "./logger.ts";
import { treeFingerprint, watchTree, type TreeWatcher } from "./watch-tree.ts";

export interface WatchOptions {
  /** Wait for the files to settle before reloading (a git pull writes many files): 500 ms. */
  debounceMs: number;
  /** At most this many problems are listed to the editors (10). */
  maxProblemsShown: number;
  /**
   * Safety net: how often the files' fingerprint (names, sizes, dates; nothing read) is compared with
   * the one last loaded (10 s); 0 turns it off.
   */
  fingerprintEveryMs: number;
}

const defaultWatchOptions: WatchOptions = { debounceMs: 500, maxProblemsShown: 10, fingerprintEveryMs: 10_000 };

export interface BaseWatcher {
  /** Reloads now (also what a file change triggers); resolves to whether the new base was swapped in. */
  reload(): Promise<boolean>;
  /** Resolves once the folders are watched. */
  ready: Promise<void>;
  close(): void;
}

export interface WatchDependencies {
  swap: (orienteur: Orienteur) => void;
  notifyEditors: (answer: Answer) => Promise<void>;
  logger: Logger;
}

/** Watches a base folder (recursively) and reloads it on change. */
export function watchBase(dir: string, deps: WatchDependencies, options: Partial<WatchOptions> = {}): BaseWatcher {
  const settings = { ...defaultWatchOptions, ...options };
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<boolean> | undefined;
  let again = false;
  let lastFailure = "";
  let reloads = 0;
  let refusals = 0;
  /** Fingerprint of the files as last loaded (or refused): the safety net compares with it. */
  let loadedFingerprint: string | undefined;

  async function reload(): Promise<boolean> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      const started = performance.now();
      loadedFingerprint = await treeFingerprint(dir);
      const { base, problems } = await checkKnowledge(dir);
      if (!base) {
        const errors = problems.filter((p) => p.severity === "erreur");
        refusals++;
        deps.logger.warn({ errors: errors.length, refusals, outcome: "reload-refused" }, "knowledge base change refused");
        const summary = errors.map(formatProblem).join("\n");
        // The same broken state is reported once, not at every save.
        if (summary !== lastFailure) {
          lastFailure = summary;
          await deps.notifyEditors(failureAnswer(errors, settings.maxProblemsShown)).catch(() => {});
        }
        return false;
      }
      deps.swap(createOrienteur(base));
      lastFailure = "";
      reloads++;
      deps.logger.info({ services: base.services.length, ms: Math.round(performance.now() - started), reloads, outcome: "reloaded" }, "knowledge base reloaded");
      return true;
    })();
    try {
      return await running;
    } finally {
      running = undefined;
      if (again) {
        again = false;
        void reload();
      }
    }
  }

  let tree: TreeWatcher | undefined;
  let closed = false;
  let treeChanged = false;
  /** After the files settle: re-arm when folders changed (new, gone, replaced root), then reload. */
  const settle = async () => {
    if (treeChanged) {
      treeChanged = false;
      await tree?.rearm("folders changed");
    }
    if (!closed) await reload();
  };
  const schedule = (change: "file" | "tree") => {
    if (change === "tree") treeChanged = true;
    clearTimeout(timer);
    timer = setTimeout(() => void settle(), settings.debounceMs);
  };
  const ready = (async () => {
    // The state the server started with: the safety net compares later fingerprints with it.
    loadedFingerprint ??= await treeFingerprint(dir);
    const watcher = await watchTree(dir, schedule, deps.logger);
    if (closed) watcher.close();
    else tree = watcher;
  })().catch((error: unknown) => {
    deps.logger.error({ err: { name: (error as Error).name, code: (error as NodeJS.ErrnoException).code }, outcome: "watch-failed" }, "knowledge base cannot be watched");
  });

  let poll: NodeJS.Timeout | undefined;
  if (settings.fingerprintEveryMs > 0) {
    poll = setInterval(() => {
      if (running) return;
      void treeFingerprint(dir).then((now) => {
        if (closed || running || now === loadedFingerprint) return;
        // No event said so (a symlink switched higher up, a network folder): re-arm and reload.
        deps.logger.info({ outcome: "fingerprint-changed" }, "knowledge base files changed without a watch event");
        treeChanged = true;
        void settle();
      });
    }, settings.fingerprintEveryMs);
    poll.unref();
  }

  return {
    reload,
    ready,
    close() {
      closed = true;
      clearTimeout(timer);
      clearInterval(poll);
      tree?.close();
    },
  };
}

function failureAnswer(errors: readonly Problem[], max: number): Answer {
  const shown = errors.slice(0, max);
  return {
    blocks: [
      { type: "title", text: [{ text: "Base de connaissances : modification refusée" }] },
      {
        type: "paragraph",
        text: [{ text: `La dernière modification contient ${errors.length} erreur${errors.length > 1 ? "s" : ""}. Les réponses continuent avec la version précédente, qui reste valide. À corriger :` }],
      },
      { type: "list", items: shown.map((p) => [{ text: formatProblem(p) }]) },
      ...(errors.length > max ? [{ type: "paragraph" as const, text: [{ text: `… et ${errors.length - max} autre(s) : lancez « orienteur kb check » pour la liste complète.` }] }] : []),
    ],
  };
}
