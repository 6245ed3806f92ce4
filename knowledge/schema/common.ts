// Field types shared by every kind of knowledge-base entry: identifiers, dates, contacts, zones.
// Messages are French because editors read them when a YAML file is wrong.
import { z } from "zod";

/** A stable identifier, written in lowercase with dashes: `ssiad-clamecy`. */
export const idSchema = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, {
    message: "identifiant invalide : utilisez des minuscules sans accent, des chiffres et des tirets (ex. « ssiad-clamecy »)",
  })
  .describe("Identifiant stable, en minuscules sans accent, avec des tirets (ex. ssiad-clamecy).");

/** A calendar date `AAAA-MM-JJ` that really exists. */
export const dateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: "date attendue au format AAAA-MM-JJ (ex. 2026-03-15)" })
  .refine((value) => isRealDate(value), { message: "cette date n'existe pas dans le calendrier" })
  .describe("Date au format AAAA-MM-JJ.");

/** A date with an optional time, `AAAA-MM-JJ` or `AAAA-MM-JJTHH:MM`. */
export const dateTimeSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2})?$/, {
    message: "date attendue au format AAAA-MM-JJ ou AAAA-MM-JJTHH:MM (ex. 2026-03-15T14:00)",
  })
  .refine((value) => isRealDate(value.slice(0, 10)), { message: "cette date n'existe pas dans le calendrier" })
  .describe("Date (AAAA-MM-JJ) ou date et heure (AAAA-MM-JJTHH:MM), heure de Paris.");

function isRealDate(value: string): boolean {
  const [year, month, day] = value.split("-").map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Patterns whose failure has a problem code of its own (the loader maps an issue to its code by pattern, not by message). */
export const TELEPHONE_PATTERN = /^(?:0\d(?:[ .]?\d{2}){4}|\+33 ?[1-9](?:[ .]?\d{2}){4}|\d{3,4})$/;
export const COURRIEL_PATTERN = /^[^\s@<>()",;]+@[^\s@<>()",;]+\.[a-zA-Z]{2,}$/;
export const URL_PATTERN = /^[hH][tT][tT][pP][sS]?:\/\/[^\s/$.?#][^\s]*$/;

/** French phone numbers as people write them: `01 99 00 12 34`, `+33 1 99 00 12 34`, or a short number like `3977`. */
export const telephoneSchema = z
  .string()
  .regex(TELEPHONE_PATTERN, {
    message: "numéro de téléphone invalide : écrivez 10 chiffres (ex. 01 99 00 12 34), +33 suivi de 9 chiffres, ou un numéro court (ex. 3977)",
  })
  .describe("Numéro de téléphone (ex. 01 99 00 12 34, ou numéro court 3977).");

export const courrielSchema = z
  .string()
  .regex(COURRIEL_PATTERN, { message: "adresse e-mail invalide (ex. accueil@example.org)" })
  .describe("Adresse e-mail.");

export const urlSchema = z
  .string()
  .regex(URL_PATTERN, { message: "adresse web invalide : elle doit commencer par https:// (ex. https://example.org/service)" })
  .describe("Adresse web complète, commençant par https://.");

/**
 * An INSEE code as data·inclusion accepts it in `zone_eligibilite`: a commune (5 characters), a
 * département (2 or 3), an EPCI (9 digits, its SIREN) or `france`. Whether the code exists is
 * checked by the loader against the official list, where the error can name the file and line.
 */
export const codeZoneSchema = z
  .string()
  .regex(/^(?:\d[\dAB]\d{3}|\d[\dAB]|97\d|\d{9}|france)$/, {
    message: "code de zone invalide : code commune INSEE (5 caractères, ex. 58194), code département (ex. 58), SIREN d'EPCI (9 chiffres, ex. 245804406) ou « france »",
  })
  .describe("Code INSEE de commune (58194), de département (58), SIREN d'EPCI (245804406) ou « france ».");

/** A named person or role to ask for: workshops ask for « un contact nommé par service ». */
export const referentSchema = z
  .object({
    fonction: z.string().min(3).describe("Rôle de la personne à demander (ex. « Infirmière coordinatrice »)."),
    nom_prenom: z.string().min(3).optional().describe("Nom et prénom, si la personne accepte d'être nommée."),
    telephone: telephoneSchema.optional(),
    courriel: courrielSchema.optional(),
  })
  .strict()
  .describe("Personne référente du service : au moins sa fonction.");

export type Referent = z.infer<typeof referentSchema>;

/** The keys of a value list, as a tuple zod's `z.enum` accepts. */
export const keysOf = <T extends object>(values: T) => Object.keys(values) as [keyof T & string, ...(keyof T & string)[]];

/** Turns a free list of strings into a list without duplicates, keeping order. */
export function uniqueList<T extends z.ZodTypeAny>(item: T) {
  return z.array(item).refine((values) => new Set(values).size === values.length, {
    message: "la liste contient deux fois la même valeur",
  });
}
