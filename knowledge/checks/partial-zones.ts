// `zone_partielle` names communes a service covers only in part (« quartiers nord »). The answer
// shows that remark only for a commune the service is proposed for: a commune outside its zone
// would never be shown, and is most likely a wrong code. Avertissement, located on the code.
import { communesOfZone, compileZone, zoneCoversCommune } from "../places/coverage.ts";
import type { CodedProblem } from "./codes.ts";
import { problemAt, type CheckContext } from "./context.ts";
import { checkMessages } from "./messages.ts";

export function checkPartialZones(context: CheckContext): CodedProblem[] {
  const { base, geography } = context;
  const problems: CodedProblem[] = [];
  for (const service of base.services) {
    if (!service.zone_partielle?.length) continue;
    const extra = (service.territoires ?? []).flatMap((id) => communesOfZone(geography, base.territoires.find((t) => t.id === id)?.zone ?? []));
    const zone = compileZone(geography, service.zone_eligibilite ?? [], extra);
    service.zone_partielle.forEach(({ commune }, index) => {
      if (zoneCoversCommune(geography, zone, commune)) return;
      const nom = geography.communes.get(commune)?.nom ?? commune;
      problems.push(problemAt(context, "avertissement", "zone-partielle-hors-zone", "services", service.id, ["zone_partielle", index, "commune"], checkMessages.partialOutsideZone(commune, nom)));
    });
  }
  return problems;
}
