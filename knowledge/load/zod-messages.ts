// Turns zod issues into sentences an editor understands, in French, saying what is expected.
import type { z } from "zod";
import { COURRIEL_PATTERN, TELEPHONE_PATTERN, URL_PATTERN } from "../schema/common.ts";
import type { LoadCode } from "./problems.ts";

type Issue = z.core.$ZodIssue;

const TYPE_NAMES: Record<string, string> = {
  string: "un texte",
  number: "un nombre",
  int: "un nombre entier",
  boolean: "vrai ou faux (true / false)",
  array: "une liste (lignes commençant par « - »)",
  object: "un ensemble de champs « clé: valeur »",
  undefined: "rien",
  null: "une valeur vide",
};

function describeReceived(input: unknown): string {
  if (input === undefined) return "rien";
  if (input === null) return "une valeur vide";
  if (Array.isArray(input)) return "une liste";
  if (typeof input === "object") return "un ensemble de champs";
  if (typeof input === "string") return `le texte « ${input.length > 40 ? `${input.slice(0, 40)}…` : input} »`;
  return `« ${String(input)} »`;
}

/** The French message for one zod issue; custom messages written in the schema are kept as they are. */
export function frenchMessage(issue: Issue, input: unknown): string {
  switch (issue.code) {
    case "invalid_type":
      if (input === undefined) return `champ obligatoire manquant : ajoutez-le (${TYPE_NAMES[issue.expected] ?? issue.expected} attendu)`;
      if (issue.expected === "string" && (typeof input === "number" || typeof input === "boolean")) {
        return `un texte attendu, trouvé ${String(input)} : mettez la valeur entre guillemets (ex. "${String(input)}")`;
      }
      return `${TYPE_NAMES[issue.expected] ?? issue.expected} attendu, trouvé ${describeReceived(input)}`;
    case "too_small":
      if (issue.origin === "string") return `texte trop court : au moins ${String(issue.minimum)} caractères attendus`;
      if (issue.origin === "array") return `liste trop courte : au moins ${String(issue.minimum)} élément(s) attendu(s)`;
      return `valeur trop petite : au moins ${String(issue.minimum)} attendu`;
    case "too_big":
      if (issue.origin === "string") return `texte trop long : au plus ${String(issue.maximum)} caractères (il en fait ${typeof input === "string" ? input.length : "plus"})`;
      if (issue.origin === "array") return `liste trop longue : au plus ${String(issue.maximum)} éléments`;
      return `valeur trop grande : au plus ${String(issue.maximum)}`;
    case "invalid_value":
      return `valeur « ${String(input)} » non reconnue ; valeurs possibles : ${issue.values.map((v) => `« ${String(v)} »`).join(", ")}`;
    case "unrecognized_keys":
      return `champ${issue.keys.length > 1 ? "s" : ""} inconnu${issue.keys.length > 1 ? "s" : ""} : ${issue.keys.map((k) => `« ${k} »`).join(", ")} (faute de frappe ? la liste des champs est dans knowledge/README.md)`;
    default:
      return issue.message;
  }
}

/** The value an issue's path designates in the entry, to quote it in the message. */
export function valueAt(entry: unknown, path: readonly (string | number)[]): unknown {
  let value = entry;
  for (const segment of path) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<string | number, unknown>)[segment];
  }
  return value;
}

const CODE_OF_PATTERN = new Map<string, LoadCode>([
  [String(TELEPHONE_PATTERN), "telephone-invalide"],
  [String(COURRIEL_PATTERN), "courriel-invalide"],
  [String(URL_PATTERN), "url-invalide"],
]);

/** The stable code of one zod issue: by its kind, the pattern that failed, or the code a refinement carries. */
export function codeOfIssue(issue: Issue, input: unknown): LoadCode {
  if (issue.code === "invalid_type" && input === undefined) return "champ-manquant";
  if (issue.code === "unrecognized_keys") return "champ-inconnu";
  if (issue.code === "invalid_format" && "pattern" in issue) return CODE_OF_PATTERN.get(String(issue.pattern)) ?? "schema";
  if (issue.code === "custom") return ((issue.params as { code?: LoadCode } | undefined)?.code) ?? "schema";
  return "schema";
}
