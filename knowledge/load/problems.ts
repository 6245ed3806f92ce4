// A problem found in a knowledge base, located precisely enough for an editor to fix it.

/**
 * How a problem names a field from its path in the entry, the same in the loader, the checks and
 * the newsletter's issue files: `["referent", "telephone"]` → `referent.telephone`, `["zone", 0]` → `zone[0]`.
 */
export function fieldName(path: readonly (string | number)[]): string {
  return path.map((segment, i) => (typeof segment === "number" ? `[${segment}]` : i === 0 ? segment : `.${segment}`)).join("");
}

export type Severity = "erreur" | "avertissement";

/** Codes of the quality checks (knowledge/checks). */
export type QualityCode =
  | "service-doublon"
  | "contact-partage"
  | "date-maj-ancienne"
  | "date-maj-future"
  | "sigle-inconnu"
  | "telephone-surtaxe"
  | "lien-http"
  | "besoin-non-couvert"
  | "besoin-sans-service"
  | "zone-partielle-hors-zone";

/** Stable codes of the loader's problems: a CI filters on them, never on the French sentences. */
export type LoadCode =
  | "dossier-introuvable"
  | "base-manquante"
  | "yaml-illisible"
  | "fichier-vide"
  | "fichier-ignore"
  | "identifiant-doublon"
  | "zone-vide"
  | "zone-inconnue"
  | "zone-commentaire"
  | "code-insee-inconnu"
  | "reference-inconnue"
  | "horaires-illisibles"
  | "horaires-a-preciser"
  | "telephone-invalide"
  | "courriel-invalide"
  | "url-invalide"
  | "champ-manquant"
  | "champ-inconnu"
  | "schema";

export interface Problem {
  severity: Severity;
  /** Path of the YAML file, relative to the base folder (`services/ssiad-clamecy.yaml`). */
  file: string;
  /** 1-based line and column, or 0 when the problem concerns the whole file. */
  line: number;
  column: number;
  /** Field path inside the entry (`zone_eligibilite[0]`), empty for the whole entry. */
  field: string;
  /** What is wrong and what is expected, in French. */
  message: string;
  /** The kind of problem, set where it is raised (`schema` when none more precise applies). */
  code?: LoadCode | QualityCode;
}

/** `services/x.yaml:12:5 — champ « zone_eligibilite[0] » : …` — the line an editor reads. */
export function formatProblem(problem: Problem): string {
  const where = problem.line > 0 ? `${problem.file}:${problem.line}:${problem.column}` : problem.file;
  const field = problem.field ? ` — champ « ${problem.field} »` : "";
  return `${where}${field} : ${problem.message}`;
}

/** Formats a list of problems with a French summary line, errors first. */
export function formatProblems(problems: readonly Problem[]): string {
  const errors = problems.filter((p) => p.severity === "erreur");
  const warnings = problems.filter((p) => p.severity === "avertissement");
  const lines = [
    ...errors.map((p) => `✗ ${formatProblem(p)}`),
    ...warnings.map((p) => `! ${formatProblem(p)}`),
  ];
  lines.push(`${plural(errors.length, "erreur")}, ${plural(warnings.length, "avertissement")}.`);
  return lines.join("\n");
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count > 1 ? "s" : ""}`;
}

/** Thrown when a base cannot be loaded; carries every problem found, not just the first. */
export class KnowledgeBaseError extends Error {
  readonly problems: readonly Problem[];
  constructor(problems: readonly Problem[]) {
    const count = problems.filter((p) => p.severity === "erreur").length;
    super(`La base de connaissances contient ${count} erreur${count > 1 ? "s" : ""} :\n${formatProblems(problems)}`);
    this.name = "KnowledgeBaseError";
    this.problems = problems;
  }
}
