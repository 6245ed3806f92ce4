// Orienteur's own language data, shipped in knowledge/lexique/: needs in everyday French keyed on
// sector concepts and data·inclusion thématiques, danger situations, the person's statuses, and
// the national emergency lines. Read once per process; a base adds to it, or switches it off.
import { createHash } from "node:crypto";
import { fileURLToPath } from "node:url";
import { readCacheFile, statStamp, writeCacheFile } from "../load/cache-files.ts";
import type { DangerSituation, NationalLine, NeedConcept, PersonStatus } from "./builtin-lexicon-schema.ts";

export type { DangerSituation, NationalLine, NeedConcept, PersonStatus };

export interface BuiltinLexicon {
  concepts: readonly NeedConcept[];
  dangers: readonly DangerSituation[];
  statuts: readonly PersonStatus[];
  lignes: readonly NationalLine[];
  /** Folded generic words (« aide », « personne »): they never carry a phrase alone. */
  generic: ReadonlySet<string>;
  /** Families of folded words that say the same thing (« enfant », « gamin », « gosse »), head first. */
  equivalents: readonly (readonly string[])[];
}

export const LEXIQUE_DIR = fileURLToPath(new URL("../lexique", import.meta.url));

/** Bumped when the compiled copy changes shape. */
const COMPILED_FORMAT = 1;

/** The lexicon as stored in the cache folders: a set is a list there. */
interface Compiled extends Omit<BuiltinLexicon, "generic"> {
  generic: string[];
}

// The lexicon read and checked once, kept as JSON in the cache folders with the sizes and dates of
// the files it came from (the lexicon folder and its schema). Decided when this module loads, so
// that the YAML and zod readers are loaded only when the lexicon changed: then through a dynamic
// import, the one thing a synchronous getBuiltinLexicon() cannot do later.
const schemaFile = fileURLToPath(new URL(`./builtin-lexicon-schema${import.meta.url.endsWith(".ts") ? ".ts" : ".js"}`, import.meta.url));
const compiledName = `lexique-integre-${createHash("sha256").update(import.meta.url).digest("hex").slice(0, 12)}.json`;
const compiledStamp = `${COMPILED_FORMAT}\n${statStamp([LEXIQUE_DIR, schemaFile])}`;
const compiled = readCacheFile(compiledName, (bytes) => {
  const stored = JSON.parse(bytes.toString("utf8")) as { stamp: string; lexicon: Compiled };
  return stored.stamp === compiledStamp ? stored.lexicon : undefined;
});
const reader = compiled ? undefined : await import("./builtin-lexicon-schema.ts");

let cached: BuiltinLexicon | undefined;

/** The built-in lexicon, read on first use. A broken file is a bug of Orienteur itself: it throws, naming the file and entry. */
export function getBuiltinLexicon(): BuiltinLexicon {
  if (cached) return cached;
  if (compiled) cached = { ...compiled, generic: new Set(compiled.generic) };
  else {
    cached = reader!.readBuiltinLexicon(LEXIQUE_DIR);
    writeCacheFile(compiledName, JSON.stringify({ stamp: compiledStamp, lexicon: { ...cached, generic: [...cached.generic] } }), { prefix: "lexique-integre-", count: 8 });
  }
  return cached;
}
