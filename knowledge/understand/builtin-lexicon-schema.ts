// How the built-in lexicon (knowledge/lexique/) is written and read: the schema of each file, and
// the reader that parses and checks the YAML. Loaded only when the lexicon changed since its last
// compiled copy (builtin-lexicon.ts): loading YAML and zod and reading the files cost about 0.2 s
// of CPU at every start.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { load } from "js-yaml";
import { z } from "zod";
import { ligneSchema, type Ligne } from "../schema/ligne.ts";
import { foldText } from "../text/normalize.ts";
import type { BuiltinLexicon } from "./builtin-lexicon.ts";

const expressions = z.array(z.string().min(2)).min(1);

const conceptSchema = z.object({
  concept: z.string().regex(/^[a-z0-9-]+$/),
  libelle: z.string().min(3),
  thematiques: z.array(z.string()).default([]),
  expressions,
  /**
   * Neighbouring concepts, closest first: when no need of a base takes this concept, it goes with
   * the first of them a need took (a base without an autism need sends autism to the children's
   * disability services), before any guess by data·inclusion category.
   */
  proches: z.array(z.string().regex(/^[a-z0-9-]+$/)).default([]),
  /** Descriptions told by words said together (« établissement | foyer » … « perd la tête | âgée »), as for dangers. */
  signaux: z.array(z.array(z.string().min(2)).min(2)).default([]),
});

const dangerSchema = z.object({
  danger: z.string().regex(/^[a-z0-9-]+$/),
  libelle: z.string().min(3),
  lignes: z.array(z.string()).min(1),
  expressions,
  /** Need concepts this danger also asks for: the base's need linked to them is read too (local services after the line). */
  concepts: z.array(z.string().regex(/^[a-z0-9-]+$/)).default([]),
  /** Expressions that say it is something else (« veut mourir chez lui » is end of life, not suicide). */
  sauf: z.array(z.string().min(2)).default([]),
  /**
   * Descriptions told by words said together: each signal is a list of groups (alternatives
   * separated by « | »), and fires when a word of every group stands close to the others.
   */
  signaux: z.array(z.array(z.string().min(2)).min(2)).default([]),
  /** Signals that say it is something else (« il y a 2 ans » : an AVC long past is no emergency). */
  sauf_signaux: z.array(z.array(z.string().min(2)).min(1)).default([]),
});

const statutSchema = z.object({
  statut: z.string().regex(/^[a-z0-9-]+$/),
  libelle: z.string().min(3),
  publics: z.array(z.string()).default([]),
  /** What the situation usually calls for, offered only when the message asks for help and names nothing else (« un accompagnement pour un chômeur »). */
  concepts: z.array(z.string().regex(/^[a-z0-9-]+$/)).default([]),
  expressions,
});


export type NeedConcept = z.infer<typeof conceptSchema>;
export type DangerSituation = z.infer<typeof dangerSchema>;
export type PersonStatus = z.infer<typeof statutSchema>;
export type NationalLine = Ligne;

/** Reads and checks every file of the lexicon folder. A broken file is a bug of Orienteur itself: it throws, naming the file and entry. */
export function readBuiltinLexicon(folder: string): BuiltinLexicon {
  return {
    concepts: readList(join(folder, "besoins"), conceptSchema),
    dangers: readList(join(folder, "dangers.yaml"), dangerSchema),
    statuts: readList(join(folder, "statuts.yaml"), statutSchema),
    lignes: readList(join(folder, "lignes-nationales.yaml"), ligneSchema),
    generic: new Set(readList(join(folder, "mots-generiques.yaml"), z.string().min(1)).map((word) => foldText(word).replace(/ /g, ""))),
    equivalents: readList(join(folder, "mots-equivalents.yaml"), z.array(z.string().min(1)).min(2)).map((family) => family.map((word) => foldText(word).replace(/ /g, ""))),
  };
}

function readList<T>(path: string, schema: z.ZodType<T>): T[] {
  let files: string[];
  try {
    files = path.endsWith(".yaml") ? [path] : readdirSync(path).filter((f) => f.endsWith(".yaml")).sort().map((f) => join(path, f));
  } catch {
    return [];
  }
  const items: T[] = [];
  for (const file of files) {
    let content: string;
    try {
      content = readFileSync(file, "utf8");
    } catch {
      continue;
    }
    const data: unknown = load(content);
    if (!Array.isArray(data)) throw new Error(`Lexique intégré : ${file} doit contenir une liste.`);
    data.forEach((entry, index) => {
      const parsed = schema.safeParse(entry);
      if (!parsed.success) throw new Error(`Lexique intégré : ${file}, entrée n° ${index + 1} invalide : ${parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}`);
      items.push(parsed.data);
    });
  }
  return items;
}
