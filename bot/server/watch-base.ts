// Live base: editors push to git, the server sees the files change, loads the new base aside and
// swaps it in one assignment — a question is answered by the old base or the new one, never a
// half-loaded one. An invalid change keeps the last good base serving; the editors are told why.
import { watch, type FSWatcher } from "node:fs";
import { checkKnowledge } from "../../knowledge/load/load-knowledge.ts";
import { formatProblem, type Problem } from "../../knowledge/load/problems.ts";
import { createOrienteur, type Orienteur } from "../../knowledge/orienteur.ts";
import type { Answer } from "../core/answer.ts";
import type { Logger } from "./logger.ts";

export interface WatchOptions {
  /** Wait for the files to settle before reloading (a git pull writes many files): 500 ms. */
  debounceMs: number;
  /** At most this many problems are listed to the editors (10). */
  maxProblemsShown: number;
}

export const defaultWatchOptions: WatchOptions = { debounceMs: 500, maxProblemsShown: 10 };

export interface BaseWatcher {
  /** Reloads now (also what a file change triggers); resolves to whether the new base was swapped in. */
  reload(): Promise<boolean>;
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

  async function reload(): Promise<boolean> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      const started = performance.now();
      const { base, problems } = await checkKnowledge(dir);
      if (!base) {
        const errors = problems.filter((p) => p.severity === "erreur");
        deps.logger.warn({ errors: errors.length, outcome: "reload-refused" }, "knowledge base change refused");
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
      deps.logger.info({ services: base.services.length, ms: Math.round(performance.now() - started), outcome: "reloaded" }, "knowledge base reloaded");
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

  let watcher: FSWatcher | undefined;
  try {
    watcher = watch(dir, { recursive: true }, (_event, file) => {
      if (file && !/\.ya?ml$/i.test(String(file))) return;
      clearTimeout(timer);
      timer = setTimeout(() => void reload(), settings.debounceMs);
    });
    watcher.on("error", (error) => deps.logger.error({ err: { name: error.name, message: error.message } }, "knowledge base watch failed"));
  } catch (error) {
    deps.logger.error({ err: { name: (error as Error).name, message: (error as Error).message } }, "knowledge base cannot be watched");
  }

  return {
    reload,
    close() {
      clearTimeout(timer);
      watcher?.close();
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
