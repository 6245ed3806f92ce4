// Duplicate services: the same service entered twice would be proposed twice, and editors
// would update one copy and forget the other.
//
// Severity:
// - same name (folded) and same zone → erreur: the base is wrong, the bot answers with both;
// - same phone or e-mail, same zone and a shared need, under another name → erreur: the same
//   service under two names, proposed twice for the same question;
// - same phone or e-mail otherwise → avertissement: one structure often runs several services
//   behind one switchboard or mailbox (a CLIC and its café des aidants), but it may be a copy.
import type { Service } from "../schema/index.ts";
import { foldText } from "../text/normalize.ts";
import type { CodedProblem } from "./codes.ts";
import { problemAt, type CheckContext } from "./context.ts";
import { otherEntry, checkMessages } from "./messages.ts";

const zoneKey = (service: Service) => `${[...(service.zone_eligibilite ?? [])].sort().join(",")}|${[...(service.territoires ?? [])].sort().join(",")}`;

/** `+33 1 99 00 12 34`, `01.99.00.12.34` → `0199001234`; short numbers stay as they are. */
export function phoneKey(phone: string): string {
  const digits = phone.replace(/[^\d+]/g, "");
  return digits.startsWith("+33") ? `0${digits.slice(3)}` : digits;
}

export function checkDuplicates(context: CheckContext): CodedProblem[] {
  const problems: CodedProblem[] = [];
  const reference = (service: Service) => {
    const { file, line } = context.locator.at("services", service.id, ["id"]);
    return otherEntry(service.id, file, line);
  };
  // Folded once: names and zones are compared many times.
  const keys = new Map(context.base.services.map((s) => [s.id, { name: foldText(s.nom), zone: zoneKey(s) }]));
  const keysOf = (service: Service) => keys.get(service.id)!;

  const byNameAndZone = new Map<string, Service>();
  const sameNameAndZone = new Set<string>();
  for (const service of context.base.services) {
    const { name, zone } = keysOf(service);
    const key = `${name}|${zone}`;
    const first = byNameAndZone.get(key);
    if (!first) {
      byNameAndZone.set(key, service);
      continue;
    }
    sameNameAndZone.add(service.id);
    problems.push(problemAt(context, "erreur", "service-doublon", "services", service.id, ["nom"], checkMessages.sameNameAndZone(reference(first))));
  }

  const contacts: { field: "telephone" | "courriel"; what: string; key: (s: Service) => string | undefined }[] = [
    { field: "telephone", what: "téléphone", key: (s) => (s.telephone === undefined ? undefined : phoneKey(s.telephone)) },
    { field: "courriel", what: "courriel", key: (s) => s.courriel?.toLowerCase() },
  ];
  // One problem per pair of services, even when they share both phone and e-mail.
  const reported = new Set<string>();
  for (const { field, what, key } of contacts) {
    const byContact = new Map<string, Service[]>();
    for (const service of context.base.services) {
      const value = key(service);
      if (value === undefined) continue;
      const earlier = byContact.get(value);
      if (!earlier) {
        byContact.set(value, [service]);
        continue;
      }
      earlier.push(service);
      if (sameNameAndZone.has(service.id)) continue;
      const { name, zone } = keysOf(service);
      // The earlier service most like this one: same zone and a shared need if any, else the first named differently.
      let other: Service | undefined;
      let same = false;
      for (const candidate of earlier) {
        if (candidate === service || keysOf(candidate).name === name) continue;
        if (keysOf(candidate).zone === zone && candidate.besoins.some((b) => service.besoins.includes(b))) {
          other = candidate;
          same = true;
          break;
        }
        other ??= candidate;
      }
      if (!other || reported.has(`${service.id}|${other.id}`)) continue;
      reported.add(`${service.id}|${other.id}`);
      const shown = service[field] ?? "";
      problems.push(
        same
          ? problemAt(context, "erreur", "service-doublon", "services", service.id, [field], checkMessages.sameContactSameService(what, shown, reference(other), other.nom))
          : problemAt(context, "avertissement", "contact-partage", "services", service.id, [field], checkMessages.sharedContact(what, shown, reference(other), other.nom)),
      );
    }
  }
  return problems;
}
