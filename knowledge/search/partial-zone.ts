// A service whose `zone_partielle` names the commune asked about covers only part of it
// (« quartiers nord ») : the answer says so as a remark, so the professional checks the address
// before referring the person. Kept apart from orient.ts: one small job, its own wording.
import type { Geography } from "../places/geography.ts";
import type { Place } from "../places/place-index.ts";
import type { Service } from "../schema/index.ts";

/**
 * One remark per proposed service that covers only part of a commune of the place asked about.
 * @example
 * partialZoneRemarks([{ service }], cosne, geography)
 * // ["SSIAD du Val de Loire n'intervient qu'en partie à Cosne-Cours-sur-Loire : quartiers nord. Vérifiez l'adresse de la personne."]
 */
export function partialZoneRemarks(resultats: readonly { service: Service }[], lieu: Place | null, geography: Geography): string[] {
  if (!lieu) return [];
  const asked = new Set(lieu.communes);
  const remarks: string[] = [];
  for (const { service } of resultats) {
    for (const { commune, precision } of service.zone_partielle ?? []) {
      if (!asked.has(commune)) continue;
      const nom = geography.communes.get(commune)?.nom ?? commune;
      remarks.push(`${service.nom} n'intervient qu'en partie à ${nom} : ${precision.replace(/[.\s]+$/, "")}. Vérifiez l'adresse de la personne.`);
    }
  }
  return remarks;
}
