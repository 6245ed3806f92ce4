// The fields of a fiche a service sees and may correct, by allow-list: the ones it knows best
// (how to reach it, when, on what terms). Lists (needs, publics, zone) are shown, not edited here:
// the service says in the comment what changed, and the editors map it to the base's ids.
import type { Service } from "../../knowledge/schema/index.ts";

export interface EditableField {
  /** The YAML field (`referent.fonction` for a nested one). */
  key: string;
  label: string;
  /** A long text gets a text area. */
  long?: boolean;
  /** Input type and autocomplete hint, so phones get the right keyboard. */
  type?: "tel" | "email" | "url" | "text";
  max: number;
}

export const EDITABLE_FIELDS: readonly EditableField[] = [
  { key: "nom", label: "Nom du service", max: 150 },
  { key: "structure", label: "Structure qui porte le service", max: 200 },
  { key: "description_falc", label: "Présentation en une ou deux phrases simples", long: true, max: 300 },
  { key: "description", label: "Description complète", long: true, max: 3000 },
  { key: "telephone", label: "Téléphone", type: "tel", max: 40 },
  { key: "courriel", label: "Courriel", type: "email", max: 254 },
  { key: "site_web", label: "Site web", type: "url", max: 500 },
  { key: "adresse", label: "Adresse (numéro et voie)", max: 200 },
  { key: "complement_adresse", label: "Complément d'adresse", max: 200 },
  { key: "code_postal", label: "Code postal", max: 10 },
  { key: "commune", label: "Commune", max: 100 },
  { key: "horaires_accueil", label: "Horaires d'accueil", max: 300 },
  { key: "referent.fonction", label: "Fonction de la personne à contacter", max: 150 },
  { key: "conditions_acces", label: "Conditions d'accès", long: true, max: 1500 },
  { key: "frais_precisions", label: "Coût pour la personne", long: true, max: 500 },
  { key: "mobilisation_precisions", label: "Comment orienter une personne vers vous", long: true, max: 1500 },
  { key: "lien_mobilisation", label: "Lien pour orienter une personne (formulaire en ligne)", type: "url", max: 500 },
];

/** The value of a field as the base has it, as text (empty when not set). */
export function fieldValue(service: Service, key: string): string {
  const [head, tail] = key.split(".") as [string, string | undefined];
  const value = (service as Record<string, unknown>)[head];
  const leaf = tail === undefined ? value : value && typeof value === "object" ? (value as Record<string, unknown>)[tail] : undefined;
  return leaf === undefined || leaf === null ? "" : String(leaf);
}

/** Spaces as a person means them: line ends unified, trailing spaces and outer blank lines dropped. */
export function normaliseTyped(text: string): string {
  return text.replace(/\r\n?/g, "\n").replace(/[ \t]+$/gm, "").trim();
}
