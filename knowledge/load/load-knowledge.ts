// Loads a knowledge-base folder: reads every YAML file, validates each entry against its schema,
// checks references, and reports every problem at once with its file, line and field.
import { access, readdir } from "node:fs/promises";
import { join, resolve } from "node:path";
import type { z } from "zod";
import type { KnowledgeBase, SourceRef } from "../base.ts";
import { getGeography } from "../places/geography.ts";
import { getBuiltinLexicon } from "../understand/builtin-lexicon.ts";
import { baseInfoSchema, KIND_NAMES, KINDS, type BaseInfo, type KindName } from "../schema/index.ts";
import { HOURS_FIELDS, readHours, type HoursReading } from "./opening-hours.ts";
import { isPlainOpeningHours } from "./plain-hours.ts";
import { compactStrings } from "./compact-strings.ts";
import { fieldName, KnowledgeBaseError, type Problem } from "./problems.ts";
import { listYamlFiles, locate, readYamlFile, type YamlFile } from "./read-yaml.ts";
import { findBrokenReferences } from "./references.ts";
import { findZoneCommentMismatches } from "./zone-comments.ts";
import { codeOfIssue, frenchMessage, valueAt } from "./zod-messages.ts";

export interface LoadResult {
  /** The base, when it has no error (warnings allowed). */
  base: KnowledgeBase | undefined;
  problems: Problem[];
}

type HoursField = (typeof HOURS_FIELDS)[number];

interface Located {
  yamlFile: YamlFile;
  index: number;
}

/**
 * Loads and validates a base without throwing: every problem is returned, errors and warnings.
 * @example
 * const { base, problems } = await checkKnowledge("knowledge/demo-nievre");
 */
export async function checkKnowledge(dir: string): Promise<LoadResult> {
  const root = resolve(dir);
  const problems: Problem[] = [];
  try {
    await access(root);
  } catch {
    problems.push({ severity: "erreur", file: dir, line: 0, column: 0, field: "", message: "dossier introuvable : vérifiez le chemin passé à --kb ou ORIENTEUR_KB", code: "dossier-introuvable" });
    return { base: undefined, problems };
  }

  const info = await readBaseInfo(root, problems);
  const departements = new Set(info?.departements ?? []);
  const valid = Object.fromEntries(KIND_NAMES.map((kind) => [kind, [] as unknown[]])) as Record<KindName, unknown[]>;
  const where = new Map<string, Located>();

  await Promise.all(
    KIND_NAMES.map(async (kind) => {
      const paths = await listYamlFiles(join(root, kind));
      const files = await Promise.all(paths.map((path) => readYamlFile(root, path, problems)));
      for (const yamlFile of files) {
        if (!yamlFile) continue;
        validateFile(kind, yamlFile, valid[kind], where, problems);
        problems.push(...findZoneCommentMismatches(yamlFile, getGeography(), departements));
      }
    }),
  );
  await warnAboutUnknownFolders(root, problems);

  const geography = getGeography();
  const concepts = new Set(getBuiltinLexicon().concepts.map((c) => c.concept));
  for (const site of findBrokenReferences(valid as never, geography, concepts)) {
    const located = where.get(`${site.kind}:${site.id}`);
    if (!located) continue;
    problems.push({ ...problemAt(located, site.path, site.message), code: site.code });
  }
  checkOpeningHours(valid.services as Partial<Record<HoursField, string>>[], where, problems);

  problems.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
  if (!info || problems.some((p) => p.severity === "erreur")) return { base: undefined, problems };

  // The parsed values still point into the files' texts: one copy of each distinct value is kept instead.
  compactStrings(Object.values(valid));
  const sources = new Map<string, SourceRef>();
  for (const [key, located] of where) sources.set(key, { file: located.yamlFile.file, index: located.index });
  const base = { dir: root, info, ...valid, sources } as unknown as KnowledgeBase;
  return { base, problems };
}

/**
 * Loads a base, throwing a {@link KnowledgeBaseError} listing every error if it is not valid.
 * @example
 * const base = await loadKnowledge(process.env.ORIENTEUR_KB ?? "knowledge/demo-nievre");
 */
export async function loadKnowledge(dir: string): Promise<KnowledgeBase> {
  const { base, problems } = await checkKnowledge(dir);
  if (!base) throw new KnowledgeBaseError(problems);
  return base;
}

async function readBaseInfo(root: string, problems: Problem[]): Promise<BaseInfo | undefined> {
  const path = join(root, "base.yaml");
  try {
    await access(path);
  } catch {
    problems.push({
      severity: "erreur",
      file: "base.yaml",
      line: 0,
      column: 0,
      field: "",
      message: "fichier manquant : créez base.yaml à la racine de la base, par exemple :\n  nom: Annuaire social de la Nièvre\n  departements: ['58']",
      code: "base-manquante",
    });
    return undefined;
  }
  const yamlFile = await readYamlFile(root, path, problems);
  if (!yamlFile) return undefined;
  const result = baseInfoSchema.safeParse(yamlFile.entries[0]);
  if (result.success) return result.data;
  pushZodProblems({ yamlFile, index: 0 }, yamlFile.entries[0], result.error, problems);
  return undefined;
}

function validateFile(kind: KindName, yamlFile: YamlFile, valid: unknown[], where: Map<string, Located>, problems: Problem[]): void {
  const { schema, key, label } = KINDS[kind];
  yamlFile.entries.forEach((entry, index) => {
    const located = { yamlFile, index };
    if (typeof entry !== "object" || entry === null || Array.isArray(entry)) {
      problems.push(problemAt(located, [], `chaque ${label} doit être un ensemble de champs « clé: valeur » ; trouvé ${Array.isArray(entry) ? "une liste" : `« ${String(entry)} »`}`));
      return;
    }
    const result = (schema as z.ZodTypeAny).safeParse(entry);
    if (!result.success) {
      pushZodProblems(located, entry, result.error, problems);
      return;
    }
    const id = String((result.data as Record<string, unknown>)[key]);
    const previous = where.get(`${kind}:${id}`);
    if (previous) {
      problems.push(
        { ...problemAt(located, [key], `« ${id} » est déjà utilisé par ${previous.yamlFile.file} (ligne ${locate(previous.yamlFile, previous.index, [key]).line}) ; chaque ${label} doit avoir un identifiant unique`), code: "identifiant-doublon" },
      );
      return;
    }
    where.set(`${kind}:${id}`, located);
    valid.push(result.data);
  });
}

function pushZodProblems(located: Located, entry: unknown, error: z.ZodError, problems: Problem[]): void {
  for (const issue of error.issues) {
    const path = issue.path as (string | number)[];
    if (issue.code === "unrecognized_keys") {
      for (const keyName of issue.keys) {
        problems.push({ ...problemAt(located, [...path, keyName], frenchMessage({ ...issue, keys: [keyName] }, undefined), true), code: "champ-inconnu" });
      }
      continue;
    }
    const value = valueAt(entry, path);
    problems.push({ ...problemAt(located, path, frenchMessage(issue, value)), code: codeOfIssue(issue, value) });
  }
}

function problemAt(located: Located, path: readonly (string | number)[], message: string, keyOfPair = false): Problem {
  const { line, column } = locate(located.yamlFile, located.index, path, keyOfPair);
  return { severity: "erreur", file: located.yamlFile.file, line, column, field: fieldName(path), message };
}

/**
 * Hours must be readable: the `opening_hours` form, or French, which is converted in the loaded
 * base (the file is left as the editor wrote it). What the parser merely frowns upon is a warning.
 */
function checkOpeningHours(services: Partial<Record<HoursField, string>>[], where: Map<string, Located>, problems: Problem[]): void {
  for (const service of services) {
    for (const field of HOURS_FIELDS) {
      const value = service[field];
      if (value === undefined) continue;
      const reading = isPlainOpeningHours(value) ? readAsItIs(value) : readHours(value);
      if (reading.openingHours !== undefined) service[field] = reading.openingHours;
      const located = where.get(`services:${(service as { id?: string }).id}`);
      if (!located) continue;
      if (reading.error) problems.push({ ...problemAt(located, [field], reading.error), code: "horaires-illisibles" });
      for (const warning of reading.warnings) problems.push({ ...problemAt(located, [field], warning), severity: "avertissement", code: "horaires-a-preciser" });
    }
  }
}

/** What readHours says of a value of the plain form (plain-hours.ts), without the library. */
function readAsItIs(value: string): HoursReading {
  return { openingHours: value, converted: false, error: undefined, warnings: [] };
}

async function warnAboutUnknownFolders(root: string, problems: Problem[]): Promise<void> {
  for (const entry of await readdir(root, { withFileTypes: true })) {
    if (entry.name.startsWith(".") || entry.name === "base.yaml" || (!/\.ya?ml$/.test(entry.name) && !entry.isDirectory())) continue;
    if (entry.isDirectory() && (KIND_NAMES as string[]).includes(entry.name)) continue;
    problems.push({
      severity: "avertissement",
      file: entry.name,
      line: 0,
      column: 0,
      field: "",
      message: `ignoré : seuls base.yaml et les dossiers ${KIND_NAMES.join(", ")} sont lus`,
      code: "fichier-ignore",
    });
  }
}
