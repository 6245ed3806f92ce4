// The records of the data·inclusion schema v1 (gip-inclusion/data-inclusion-schema, schemas/v1,
// Licence Ouverte 2.0) as TypeScript types, and the small conversions both directions share:
// identifiers, phone numbers, plain strings read from untrusted JSON.
import { foldText } from "../../text/normalize.ts";

/** Producer name written in `source` when the caller gives none. */
export const DEFAULT_SOURCE = "orienteur";

/** A data·inclusion v1 service. Optional fields are `null` when unknown, as the schema's defaults say. */
/** Where a service or structure is: the address fields both data·inclusion records share. */
interface DiLocation {
  adresse: string | null;
  complement_adresse: string | null;
  code_postal: string | null;
  commune: string | null;
  code_insee: string | null;
  latitude: number | null;
  longitude: number | null;
}

export interface DiService extends DiLocation {
  source: string;
  structure_id: string;
  id: string;
  nom: string;
  description: string;
  type: string | null;
  thematiques: string[] | null;
  publics: string[] | null;
  publics_precisions: string | null;
  conditions_acces: string | null;
  frais: string | null;
  frais_precisions: string | null;
  telephone: string | null;
  courriel: string | null;
  contact_nom_prenom: string | null;
  horaires_accueil: string | null;
  modes_accueil: string[] | null;
  modes_mobilisation: string[] | null;
  mobilisable_par: string[] | null;
  mobilisation_precisions: string | null;
  lien_mobilisation: string | null;
  lien_source: string | null;
  zone_eligibilite: string[] | null;
  nombre_semaines: number | null;
  volume_horaire_hebdomadaire: number | null;
  date_maj: string;
}

/** A data·inclusion v1 structure (the organisation that runs services). */
export interface DiStructure extends DiLocation {
  source: string;
  id: string;
  nom: string;
  description: string | null;
  siret: string | null;
  reseaux_porteurs: string[] | null;
  telephone: string | null;
  courriel: string | null;
  site_web: string | null;
  horaires_accueil: string | null;
  accessibilite_lieu: string | null;
  lien_source: string | null;
  date_maj: string;
}

/** What `kb export data-inclusion` produces. */
export interface DiExport {
  structures: DiStructure[];
  services: DiService[];
}

/**
 * An identifier our schema accepts, made from any text: lowercase, no accents, single dashes.
 * @example slugify("dora--AidantsConnect:2024-47BXY") // "dora-aidantsconnect-2024-47bxy"
 */
export function slugify(text: string): string {
  return foldText(text)
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

/** Overseas prefixes: these numbers have their own country code, not +33. */
const OVERSEAS_PREFIXES = /^0(?:26[239]|59[046]|639|69[0-7])/;

/** `01 99 00 47 21` → `+33199004721` (E.164, which data·inclusion prefers); short and overseas numbers stay as written. */
export function toE164(telephone: string): string {
  const digits = telephone.replace(/[\s.]/g, "");
  if (/^0[1-9]\d{8}$/.test(digits) && !OVERSEAS_PREFIXES.test(digits)) return `+33${digits.slice(1)}`;
  return telephone;
}

/** A phone number as our schema wants it (`01 99 00 47 21`, or a short number), or undefined if it is not one. */
export function toFrenchPhone(telephone: string): string | undefined {
  const digits = telephone.replace(/[\s.\-/()]/g, "");
  const national = /^(?:\+33|0033)([1-9]\d{8})$/.exec(digits)?.[1];
  const ten = national !== undefined ? `0${national}` : /^0[1-9]\d{8}$/.test(digits) ? digits : undefined;
  if (ten !== undefined) return ten.replace(/(\d{2})(?=\d)/g, "$1 ");
  if (/^\d{3,4}$/.test(digits)) return digits;
  return undefined;
}

/** A non-empty trimmed string, or undefined: data·inclusion files use `null`, `""` and spaces alike for « unknown ». */
export function text(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  const trimmed = value.trim();
  return trimmed === "" ? undefined : trimmed;
}

/** The strings of a list, or an empty list when the value is not one. */
export function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string" && v.trim() !== "").map((v) => v.trim()) : [];
}

/** The records of a data·inclusion file: a plain array, or the `items` of an API page. */
export function recordsOf(json: unknown): unknown[] | undefined {
  if (Array.isArray(json)) return json;
  if (json !== null && typeof json === "object" && Array.isArray((json as { items?: unknown }).items)) return (json as { items: unknown[] }).items;
  return undefined;
}
