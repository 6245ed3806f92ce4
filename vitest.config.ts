import { defineConfig } from "vitest/config";

/**
 * `npm run test:unit`: the tests of modules that start no process, server, browser, mail peer or
 * SQLite file — reading questions, ranking, sigles, the answer model and its renderers, the
 * newsletter's composition and rendering, the configuration, the import graph. Under half a
 * minute here (one worker: a second one costs more CPU than it saves on 2 cores); run them while
 * working. A new test file is an integration test until listed here.
 */
const UNIT = [
  "test/layers.test.ts",
  "test/bot/config.test.ts",
  "test/bot/conversation.test.ts",
  "test/bot/render.test.ts",
  "test/bot/sigles-first-use.test.ts",
  "test/bot/understood-answers.test.ts",
  "test/knowledge/french-hours.test.ts",
  "test/knowledge/loader.test.ts",
  "test/knowledge/orientation.test.ts",
  "test/knowledge/places.test.ts",
  "test/knowledge/privacy.test.ts",
  "test/knowledge/service-fields.test.ts",
  "test/knowledge/shared-text.test.ts",
  "test/knowledge/sigles.test.ts",
  "test/knowledge/start-caches.test.ts",
  "test/knowledge/understanding.test.ts",
  "test/newsletters/archive.test.ts",
  "test/newsletters/compose.test.ts",
  "test/newsletters/issue-file.test.ts",
  "test/newsletters/nested-lists.test.ts",
  "test/newsletters/render.test.ts",
  "test/newsletters/schedule.test.ts",
];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: "forks",
    // Transformed modules kept on disk between runs (node_modules/.experimental-vitest-cache, keyed
    // by each file's content): about a tenth of test:unit's CPU on this 2-core machine. Experimental
    // in vitest 4: should a run ever see a stale module, delete that folder or remove this line.
    experimental: { fsModuleCache: true },
    // `npm test` runs both projects; `vitest run --project unit` (npm run test:unit) the first only.
    projects: [
      // One process per worker for all its files (isolate: false): the modules, the map of France,
      // the lexicon and the demo base (test/helpers/bases.ts) are loaded once per worker, not per file.
      { extends: true, test: { name: "unit", include: UNIT, isolate: false } },
      // Everything else: the CLI as a child process, the servers and chat peers on loopback, SMTP
      // and IMAP peers, Chromium, SQLite files, and the evaluations (test/eval, and the danger
      // probes' floor, test/knowledge/danger-probes.test.ts: a measure over a whole set, not a unit).
      { extends: true, test: { name: "integration", include: ["test/**/*.test.ts"], exclude: UNIT } },
    ],
  },
});
