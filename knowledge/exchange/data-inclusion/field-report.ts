// What the import says about each field of a data·inclusion record: where it goes in the entry,
// which structure fields are left out and why, and the small values it derives (the sigle in a
// name, a general entry point from the structure's networks). With these, the report can name
// every field dropped or transformed, not only those a mapping function happens to complain about.
import type { KnowledgeBase } from "../../base.ts";
import { IMPORT_TEXTS as T } from "./texts.ts";

type Row = Record<string, unknown>;

/**
 * Where each field of a data·inclusion service goes in the entry: `""` when it only builds the
 * identifier or the link to the structure, `null` when it has no equivalent (said by `notMapped`).
 * A field with a value whose target stays empty, and that no note explains, is reported.
 */
export const TARGETS: Record<string, string | null> = {
  source: "", structure_id: "", id: "", nom: "nom", description: "description", type: "type", thematiques: "besoins", publics: "publics",
  publics_precisions: "publics_precisions", conditions_acces: "conditions_acces", frais: "frais", frais_precisions: "frais_precisions",
  telephone: "telephone", courriel: "courriel", contact_nom_prenom: "referent", adresse: "adresse", complement_adresse: "complement_adresse",
  code_postal: "code_postal", commune: "commune", code_insee: "code_insee", horaires_accueil: "horaires_accueil", modes_accueil: "modes_accueil",
  modes_mobilisation: "modes_mobilisation", mobilisable_par: "mobilisable_par", mobilisation_precisions: "mobilisation_precisions",
  lien_mobilisation: "lien_mobilisation", lien_source: "lien_source", zone_eligibilite: "zone_eligibilite", date_maj: "date_maj",
  latitude: null, longitude: null, nombre_semaines: null, volume_horaire_hebdomadaire: null,
}; // prettier-ignore

/** Réseaux porteurs (data·inclusion) whose structures are general entry points: CCAS/CIAS, the département's social services, France Services. */
export const ENTRY_POINT_NETWORKS = new Set(["ccas-cias", "departements", "france-service", "maisons-des-solidarites", "cms"]);

/** `58 500` → `58500`, said as a transformation. */
export function compactPostalCode(value: string | undefined, transformed: string[]): string | undefined {
  const compact = value?.replace(/\s/g, "");
  if (compact !== value) transformed.push(`code_postal (« ${value} » → « ${compact} »)`);
  return compact;
}

export function isEmpty(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === "string" && value.trim() === "") || (Array.isArray(value) && value.length === 0);
}

export function shortValue(value: unknown): string {
  const shown = Array.isArray(value) ? value.join(", ") : String(value);
  return shown.length > 60 ? `${shown.slice(0, 59)}…` : shown;
}

/** The structure's fields with a value that the entry does not take, grouped by reason: « siret, accessibilite_lieu (aucun champ…) ». */
export function structureLeftOut(structure: Row, networksUsed: boolean, placeFromStructure: boolean): string[] {
  const byReason = new Map<string, string[]>();
  const add = (field: string, reason: string) => {
    if (isEmpty(structure[field])) return;
    byReason.set(reason, [...(byReason.get(reason) ?? []), field]);
  };
  for (const field of ["siret", "accessibilite_lieu", "latitude", "longitude", "lien_source"]) add(field, T.reasonNoField);
  if (!networksUsed) add("reseaux_porteurs", T.reasonNotEntryPoint);
  if (!placeFromStructure) for (const field of ["adresse", "complement_adresse", "code_postal", "commune", "code_insee"]) add(field, T.reasonServiceOwn);
  add("date_maj", T.reasonServiceDate);
  return [...byReason].map(([reason, fields]) => `${fields.join(", ")} (${reason})`);
}

/**
 * The sigle a service's name holds (« CCAS de Nevers » → CCAS): a word in capitals the base's
 * glossary knows, else the first word of three to eight capitals.
 */
export function sigleOf(nom: string, base: KnowledgeBase): string | undefined {
  const words = nom.match(/(?<![\p{L}\p{N}])[A-Z][A-Z0-9&]{1,7}(?![\p{L}\p{N}])/gu) ?? [];
  const known = new Set(base.sigles.map((s) => s.sigle));
  return words.find((w) => known.has(w)) ?? words.find((w) => /^[A-Z]{3,8}$/.test(w));
}
