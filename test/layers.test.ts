// The layers the README promises, checked on the import graph: `knowledge/` stands alone,
// `newsletters/` never reaches into `bot/`, the conversation core imports no adapter, server,
// store implementation or newsletter module, renderers import no chat SDK, adapters import
// nothing from the server (the core defines the adapter contract and the logger they use). The
// crossings that exist today are listed by name, as debt to pay
// (issue 10): a new crossing fails here, and so does a listed one that has been removed, so the
// list only shrinks.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const SDKS = ["matrix-js-sdk", "@slack/bolt", "@slack/web-api", "telegraf"];

interface Edge {
  from: string;
  to: string;
}

function sourceFiles(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".ts"))
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)));
}

/** Every import of a file: static, re-exports and dynamic `import("…")`, relative ones resolved from the project root. */
function importsOf(file: string): Edge[] {
  return importsIn(file, readFileSync(join(ROOT, file), "utf8"));
}

/** The imports of `text`, read as the source of `file` (a path from the project root). */
function importsIn(file: string, text: string): Edge[] {
  const edges: Edge[] = [];
  for (const match of text.matchAll(/(?:^|\n)\s*(?:import|export)[^;"'`]*?from\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g)) {
    const target = match[1] ?? match[2]!;
    edges.push({ from: file, to: target.startsWith(".") ? relative(ROOT, resolve(dirname(join(ROOT, file)), target)) : target });
  }
  return edges;
}

const edges = ["knowledge", "newsletters", "bot"].flatMap(sourceFiles).flatMap(importsOf);
const crossing = (rule: (edge: Edge) => boolean, among: Edge[] = edges) => among.filter(rule).map((e) => `${e.from} → ${e.to}`).sort();

const newslettersImportBot = (e: Edge) => e.from.startsWith("newsletters/") && e.to.startsWith("bot/");

/** Crossings that exist today, each a piece of issue 10's work. */
const KNOWN: Record<string, string[]> = {
  "core imports implementations": [],
  "adapters import the server": [],
};

describe("layers", () => {
  it("keeps knowledge/ standing alone", () => {
    expect(crossing((e) => e.from.startsWith("knowledge/") && /^(?:bot|newsletters)\//.test(e.to))).toEqual([]);
  });

  it("keeps newsletters/ out of bot/", () => {
    expect(crossing(newslettersImportBot)).toEqual([]);
  });

  it("keeps the conversation core free of adapters, server, store and newsletter modules, but for the crossings listed as debt", () => {
    expect(crossing((e) => e.from.startsWith("bot/core/") && /^(?:bot\/(?:adapters|server|store)|newsletters)\//.test(e.to))).toEqual(KNOWN["core imports implementations"]);
  });

  it("keeps chat SDKs out of the renderers and the conversation core", () => {
    expect(crossing((e) => (e.from.startsWith("bot/render/") || e.from.startsWith("bot/core/")) && SDKS.some((sdk) => e.to === sdk || e.to.startsWith(`${sdk}/`)))).toEqual([]);
  });

  it("keeps the adapters away from the server", () => {
    expect(crossing((e) => e.from.startsWith("bot/adapters/") && e.to.startsWith("bot/server/"))).toEqual(KNOWN["adapters import the server"]);
  });

  it("sees a crossing when there is one (the check itself works)", () => {
    // No real crossing is left to probe: a synthetic newsletter module with a static, a type-only
    // and a dynamic import into bot/ must show all three, and its import from knowledge/ none.
    const probe = importsIn(
      "newsletters/compose/probe.ts",
      [
        'import { texts } from "../../bot/core/texts.ts";',
        'import type { Answer } from "../../bot/core/contract.ts";',
        'import { frenchDate } from "../../knowledge/text/dates.ts";',
        'const render = await import("../../bot/render/text.ts");',
      ].join("\n"),
    );
    expect(crossing(newslettersImportBot, probe)).toEqual([
      "newsletters/compose/probe.ts → bot/core/contract.ts",
      "newsletters/compose/probe.ts → bot/core/texts.ts",
      "newsletters/compose/probe.ts → bot/render/text.ts",
    ]);
  });
});
