// Needs the base does not have yet, for an imported service whose thématiques no need of the base
// carries: rather than refusing the service, a need is created from Orienteur's built-in lexicon
// (knowledge/lexique/besoins: a concept with that thématique, its label and everyday words), or,
// when the lexicon has none, proposed from the thématique's own label for the editor to complete.
// Each need is written once, however many services use it, and said in the report.
import { Document } from "yaml";
import type { KnowledgeBase } from "../../base.ts";
import { THEMATIQUES } from "../../schema/data-inclusion.ts";
import { besoinSchema, type Besoin } from "../../schema/besoin.ts";
import { getBuiltinLexicon, type NeedConcept } from "../../understand/builtin-lexicon.ts";
import { slugify } from "./records.ts";
import { IMPORT_TEXTS as T } from "./texts.ts";

/** A need created for the import, with the YAML file that holds it. */
export interface CreatedBesoin {
  besoin: Besoin;
  yaml: string;
  /** The lexicon concept it comes from; undefined when it is only proposed from a thématique. */
  concept: string | undefined;
  /** Imported services that use it. */
  services: string[];
}

/** Synonyms copied from a concept into the file: the lexicon adds the others through `concepts`. */
const SYNONYMS_KEPT = 8;

/**
 * The needs, created or reused, for thématiques no need of the base carries.
 * @example
 * besoinsFromLexicon(["famille--soutien-aidants"], base, created, "2026-11-20") // ["soutien-aidants"]
 */
export function besoinsFromLexicon(thematiques: readonly string[], base: KnowledgeBase, created: Map<string, CreatedBesoin>, date: string): CreatedBesoin[] {
  const chosen = new Set<CreatedBesoin>();
  for (const thematique of thematiques) {
    const already = [...created.values()].find((c) => c.besoin.thematiques?.includes(thematique as never));
    if (already) {
      chosen.add(already);
      continue;
    }
    const concept = closestConcept(thematique, thematiques);
    const besoin = concept ? fromConcept(concept, base) : fromThematique(thematique, base);
    const id = freeId(besoin.id, base, created);
    const entry = besoinSchema.parse({ ...besoin, id });
    const header = [T.besoinHeader(date), concept ? T.besoinFromConcept(concept.concept) : T.besoinFromThematique(thematique)];
    const document = new Document(stripDefaults(entry));
    document.commentBefore = header.map((line) => ` ${line}`).join("\n");
    const made: CreatedBesoin = { besoin: entry, yaml: document.toString({ lineWidth: 100 }), concept: concept?.concept, services: [] };
    created.set(id, made);
    chosen.add(made);
  }
  return [...chosen];
}

/** The lexicon concept for a thématique: the one sharing most of the service's thématiques, then with the fewest others. */
function closestConcept(thematique: string, wanted: readonly string[]): NeedConcept | undefined {
  const candidates = getBuiltinLexicon().concepts.filter((c) => c.thematiques.includes(thematique));
  const shared = (c: NeedConcept) => c.thematiques.filter((t) => wanted.includes(t)).length;
  return candidates.sort((a, b) => shared(b) - shared(a) || a.thematiques.length - b.thematiques.length)[0];
}

function fromConcept(concept: NeedConcept, base: KnowledgeBase): { id: string } & Record<string, unknown> {
  const thematiques = concept.thematiques.filter((t) => Object.hasOwn(THEMATIQUES, t));
  return {
    id: concept.concept,
    libelle: concept.libelle,
    domaine: domaineFor(thematiques, base),
    synonymes: concept.expressions.slice(0, SYNONYMS_KEPT),
    thematiques,
    concepts: [concept.concept],
  };
}

function fromThematique(thematique: string, base: KnowledgeBase): { id: string } & Record<string, unknown> {
  const libelle = THEMATIQUES[thematique as keyof typeof THEMATIQUES] ?? thematique;
  return {
    id: slugify(thematique.split("--")[1] ?? thematique),
    libelle,
    domaine: domaineFor([thematique], base),
    synonymes: [libelle.toLowerCase()],
    thematiques: [thematique],
    concepts: [],
  };
}

/** The domain of the base's needs in the same data·inclusion category (`famille--…`), else a plain « À classer ». */
function domaineFor(thematiques: readonly string[], base: KnowledgeBase): string {
  const categories = new Set(thematiques.map((t) => t.split("--")[0]));
  const sibling = base.besoins.find((b) => b.thematiques?.some((t: string) => categories.has(t.split("--")[0])));
  return sibling?.domaine ?? T.besoinDomaineUnknown;
}

function freeId(id: string, base: KnowledgeBase, created: Map<string, CreatedBesoin>): string {
  const taken = (candidate: string) => created.has(candidate) || base.besoins.some((b) => b.id === candidate);
  if (!taken(id)) return id;
  let n = 2;
  while (taken(`${id}-${n}`)) n++;
  return `${id}-${n}`;
}

/** The entry as an editor would write it: `lieu_indifferent: false` is the default, left out. */
function stripDefaults(besoin: Besoin): Record<string, unknown> {
  const { lieu_indifferent, ...rest } = besoin;
  return lieu_indifferent ? besoin : rest;
}
