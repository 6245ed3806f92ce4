// Checks that entries point to things that exist: needs, publics, territories, services and
// official zone codes. A typo in an identifier would silently hide a service from every answer.
import type { Geography } from "../places/geography.ts";
import { kindOfZoneCode } from "../places/geography.ts";
import type { KindName } from "../schema/index.ts";
import { closestIdentifier } from "../text/distance.ts";
import { explainFormerOrPostalCode } from "./commune-codes.ts";

export interface ReferenceSite {
  kind: KindName;
  id: string;
  /** Field path inside the entry, e.g. `["besoins", 2]`. */
  path: (string | number)[];
  message: string;
  code: "reference-inconnue" | "zone-inconnue" | "code-insee-inconnu";
}

interface Entries {
  services: { id: string; besoins: string[]; publics: string[]; territoires?: string[] | undefined; zone_eligibilite?: string[] | undefined; code_insee?: string | undefined; zone_partielle?: { commune: string }[] | undefined }[];
  besoins: { id: string; concepts?: string[] | undefined }[];
  publics: { id: string }[];
  territoires: { id: string; zone: string[] }[];
  sigles: { sigle: string; developpements: { services?: string[] | undefined }[] }[];
  pratiques: { id: string; zone?: string[] | undefined; territoires?: string[] | undefined; services?: string[] | undefined }[];
  agenda: { id: string; zone?: string[] | undefined; code_insee?: string | undefined }[];
}

/** Every broken reference among the entries, with a French message naming the fix. */
export function findBrokenReferences(entries: Entries, geography: Geography, lexiconConcepts: ReadonlySet<string> = new Set()): ReferenceSite[] {
  const broken: ReferenceSite[] = [];
  const ids = {
    services: new Set(entries.services.map((s) => s.id)),
    besoins: new Set(entries.besoins.map((b) => b.id)),
    publics: new Set(entries.publics.map((p) => p.id)),
    territoires: new Set(entries.territoires.map((t) => t.id)),
  };

  const checkIds = (kind: KindName, id: string, field: string, values: readonly string[] | undefined, known: Set<string>, folder: string) => {
    values?.forEach((value, index) => {
      if (known.has(value)) return;
      const suggestion = closestIdentifier(value, known);
      broken.push({
        kind,
        id,
        path: [field, index],
        message: `« ${value} » n'existe pas dans ${folder}/${suggestion ? ` ; vouliez-vous dire « ${suggestion} » ?` : " ; créez-le ou corrigez l'identifiant"}`,
        code: "reference-inconnue",
      });
    });
  };
  const checkZone = (kind: KindName, id: string, field: string, codes: readonly string[] | undefined) => {
    codes?.forEach((code, index) => {
      if (kindOfZoneCode(geography, code) === undefined) {
        broken.push({ kind, id, path: [field, index], message: zoneCodeMessage(geography, code), code: "zone-inconnue" });
      }
    });
  };
  const checkCommune = (kind: KindName, id: string, code: string | undefined) => {
    if (code !== undefined && !geography.communes.has(code)) {
      const explained = explainFormerOrPostalCode(geography, code);
      broken.push({ kind, id, path: ["code_insee"], message: explained ?? `« ${code} » n'est pas un code commune INSEE en vigueur. Exemple valide : 58194 (Nevers)`, code: "code-insee-inconnu" });
    }
  };

  for (const service of entries.services) {
    checkIds("services", service.id, "besoins", service.besoins, ids.besoins, "besoins");
    checkIds("services", service.id, "publics", service.publics, ids.publics, "publics");
    checkIds("services", service.id, "territoires", service.territoires, ids.territoires, "territoires");
    checkZone("services", service.id, "zone_eligibilite", service.zone_eligibilite);
    checkCommune("services", service.id, service.code_insee);
    service.zone_partielle?.forEach(({ commune }, index) => {
      if (geography.communes.has(commune)) return;
      const message = explainFormerOrPostalCode(geography, commune) ?? `« ${commune} » n'est pas un code commune INSEE en vigueur. Exemple valide : 58086 (Cosne-Cours-sur-Loire)`;
      broken.push({ kind: "services", id: service.id, path: ["zone_partielle", index, "commune"], message, code: "code-insee-inconnu" });
    });
  }
  for (const territoire of entries.territoires) checkZone("territoires", territoire.id, "zone", territoire.zone);
  for (const sigle of entries.sigles) {
    sigle.developpements.forEach((developpement, index) => {
      developpement.services?.forEach((serviceId, serviceIndex) => {
        if (!ids.services.has(serviceId)) {
          const suggestion = closestIdentifier(serviceId, ids.services);
          broken.push({
            kind: "sigles",
            id: sigle.sigle,
            path: ["developpements", index, "services", serviceIndex],
            message: `le service « ${serviceId} » n'existe pas${suggestion ? ` ; vouliez-vous dire « ${suggestion} » ?` : " ; retirez-le ou corrigez l'identifiant"}`,
            code: "reference-inconnue",
          });
        }
      });
    });
  }
  for (const pratique of entries.pratiques) {
    checkZone("pratiques", pratique.id, "zone", pratique.zone);
    checkIds("pratiques", pratique.id, "territoires", pratique.territoires, ids.territoires, "territoires");
    checkIds("pratiques", pratique.id, "services", pratique.services, ids.services, "services");
  }
  for (const evenement of entries.agenda) {
    checkZone("agenda", evenement.id, "zone", evenement.zone);
    checkCommune("agenda", evenement.id, evenement.code_insee);
  }
  if (lexiconConcepts.size > 0) {
    for (const besoin of entries.besoins) checkIds("besoins", besoin.id, "concepts", besoin.concepts, lexiconConcepts as Set<string>, "knowledge/lexique/besoins");
  }
  return broken;
}

function zoneCodeMessage(geography: Geography, code: string): string {
  if (code.length === 5) {
    const explained = explainFormerOrPostalCode(geography, code);
    if (explained) return explained;
  }
  if (/^\d{9}$/.test(code)) return `« ${code} » n'est pas le SIREN d'un EPCI en vigueur. Exemple valide : 245804406 (CA de Nevers)`;
  if (code.length <= 3) return `« ${code} » n'est pas un code département. Exemple valide : 58 (Nièvre)`;
  return `« ${code} » n'est pas un code commune INSEE en vigueur (attention : le code postal n'est pas le code INSEE). Exemple valide : 58194 (Nevers)`;
}
