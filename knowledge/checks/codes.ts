// Stable codes for every kind of problem `kb check` reports, so that a knowledge-base
// repository's CI can filter or count them (`--json`) without parsing French sentences.
import type { Problem } from "../load/problems.ts";

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
  | "besoin-sans-service";

/** Codes given to the problems of the loader (schema, references, opening hours). */
export type LoadCode =
  | "dossier-introuvable"
  | "base-manquante"
  | "yaml-illisible"
  | "fichier-vide"
  | "fichier-ignore"
  | "identifiant-doublon"
  | "zone-vide"
  | "zone-inconnue"
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

export type CheckCode = QualityCode | LoadCode;

/** A problem with its stable code. */
export interface CodedProblem extends Problem {
  code: CheckCode;
}

// The loader's problems carry no code (knowledge/load is shared with the server); they are
// recognised by the start of their French message, which tests already pin down.
const LOAD_PATTERNS: readonly [RegExp, LoadCode][] = [
  [/^dossier introuvable/, "dossier-introuvable"],
  [/^fichier manquant : créez base\.yaml/, "base-manquante"],
  [/^YAML illisible/, "yaml-illisible"],
  [/^fichier vide/, "fichier-vide"],
  [/^ignoré : seuls base\.yaml/, "fichier-ignore"],
  [/est déjà utilisé par .* identifiant unique$/, "identifiant-doublon"],
  [/^zone vide/, "zone-vide"],
  [/n'est pas (?:le SIREN d'un EPCI|un code département|un code commune INSEE)/, "zone-inconnue"],
  [/n'existe pas(?: dans| ;)/, "reference-inconnue"],
  [/^horaires illisibles/, "horaires-illisibles"],
  [/^horaires à préciser/, "horaires-a-preciser"],
  [/^numéro de téléphone invalide/, "telephone-invalide"],
  [/^adresse e-mail invalide/, "courriel-invalide"],
  [/^adresse web invalide/, "url-invalide"],
  [/^champ obligatoire manquant/, "champ-manquant"],
  [/^champs? inconnus?/, "champ-inconnu"],
];

/** The code of a problem found by the loader; `schema` when it is none of the known kinds. */
export function codeOfLoadProblem(problem: Problem): LoadCode {
  for (const [pattern, code] of LOAD_PATTERNS) {
    if (!pattern.test(problem.message)) continue;
    if (code === "zone-inconnue" && problem.field === "code_insee") return "code-insee-inconnu";
    return code;
  }
  return "schema";
}
