// Reads and checks an issue file, reporting every problem with its file, line and field, in French,
// the way `orienteur kb check` does for the knowledge base.
import { existsSync } from "node:fs";
import { dirname, isAbsolute, relative, resolve } from "node:path";
import type { z } from "zod";
import { fieldName, formatProblem, type Problem } from "../knowledge/load/problems.ts";
import { locate, readYamlFile, type YamlFile } from "../knowledge/load/read-yaml.ts";
import { frenchMessage, valueAt } from "../knowledge/load/zod-messages.ts";
import type { Orienteur } from "../knowledge/orienteur.ts";
import { ISSUE_FIELDS, issueSchema, type Issue } from "./issue-schema.ts";

/** Thrown when an issue file cannot be used; `message` lists every problem, one per line. */
export class IssueError extends Error {
  readonly problems: readonly Problem[];
  constructor(problems: readonly Problem[]) {
    const errors = problems.filter((p) => p.severity === "erreur");
    super(`La lettre ne peut pas être construite (${errors.length} erreur${errors.length > 1 ? "s" : ""}) :\n${errors.map((p) => `✗ ${formatProblem(p)}`).join("\n")}`);
    this.name = "IssueError";
    this.problems = problems;
  }
}

export interface LoadedIssue {
  issue: Issue;
  /** Absolute path of the YAML file. */
  path: string;
}

/**
 * Reads an issue file. With an orienteur, also checks that the services and practices it names exist.
 * Throws an {@link IssueError} whose message reads « newsletters/issues/2026-12.yaml:4:7 — champ « date » : … ».
 * @example
 * const { issue } = await loadIssue("newsletters/issues/2026-12.yaml", orienteur);
 */
export async function loadIssue(path: string, orienteur?: Orienteur): Promise<LoadedIssue> {
  const absolute = resolve(path);
  const shown = displayPath(absolute);
  if (!existsSync(absolute)) {
    throw new IssueError([{ severity: "erreur", file: shown, line: 0, column: 0, field: "", message: "fichier introuvable : vérifiez le chemin (ex. newsletters/issues/2026-12.yaml)" }]);
  }
  const problems: Problem[] = [];
  const yamlFile = await readYamlFile(dirname(absolute), absolute, problems);
  const relocated = (list: Problem[]) => list.map((p) => ({ ...p, file: shown }));
  if (!yamlFile) throw new IssueError(relocated(problems));
  yamlFile.file = shown;

  const entry = yamlFile.entries[0];
  if (yamlFile.isList || typeof entry !== "object" || entry === null) {
    throw new IssueError([at(yamlFile, [], "une lettre est un ensemble de champs « clé: valeur » (numero, date, titre, editorial…), pas une liste ni un texte seul")]);
  }
  const result = issueSchema.safeParse(entry);
  if (!result.success) throw new IssueError(zodProblems(yamlFile, entry, result.error));
  if (orienteur) {
    const broken = brokenReferences(yamlFile, result.data, orienteur);
    if (broken.length > 0) throw new IssueError(broken);
  }
  return { issue: result.data, path: absolute };
}

function displayPath(absolute: string): string {
  const fromHere = relative(process.cwd(), absolute);
  return fromHere.startsWith("..") || isAbsolute(fromHere) ? absolute : fromHere.split("\\").join("/");
}

function at(yamlFile: YamlFile, path: readonly (string | number)[], message: string, keyOfPair = false): Problem {
  const { line, column } = locate(yamlFile, 0, path, keyOfPair);
  return { severity: "erreur", file: yamlFile.file, line, column, field: fieldName(path), message };
}

function zodProblems(yamlFile: YamlFile, entry: unknown, error: z.ZodError): Problem[] {
  const problems: Problem[] = [];
  for (const issue of error.issues) {
    const path = issue.path as (string | number)[];
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        const fields = path.length === 0 ? ISSUE_FIELDS.join(", ") : "titre, texte, lien, lien_texte";
        problems.push(at(yamlFile, [...path, key], `champ inconnu : « ${key} » (faute de frappe ?). Champs possibles : ${fields}`, true));
      }
      continue;
    }
    problems.push(at(yamlFile, path, frenchMessage(issue, valueAt(entry, path))));
  }
  return problems.sort((a, b) => a.line - b.line || a.column - b.column);
}

function brokenReferences(yamlFile: YamlFile, issue: Issue, orienteur: Orienteur): Problem[] {
  const { base } = orienteur;
  const problems: Problem[] = [];
  const pratiques = new Set(base.pratiques.map((p) => p.id));
  const everything = new Set([...base.services.map((s) => s.id), ...pratiques, ...base.agenda.map((e) => e.id)]);
  issue.services?.forEach((id, index) => {
    if (!orienteur.service(id)) problems.push(at(yamlFile, ["services", index], `le service « ${id} » n'existe pas dans la base ; vérifiez l'identifiant (champ \`id\` de la fiche)`));
  });
  issue.pratiques?.forEach((id, index) => {
    if (!pratiques.has(id)) problems.push(at(yamlFile, ["pratiques", index], `la pratique « ${id} » n'existe pas dans la base ; vérifiez l'identifiant (champ \`id\` de la fiche)`));
  });
  issue.exclure?.forEach((id, index) => {
    if (!everything.has(id)) problems.push(at(yamlFile, ["exclure", index], `« ${id} » n'est ni un service, ni une pratique, ni un événement de la base`));
  });
  return problems;
}
