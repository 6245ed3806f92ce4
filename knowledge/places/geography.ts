// The official map of France (communes, EPCI, départements) from @etalab/decoupage-administratif,
// loaded once per process: zone checks, coverage and place detection all read from it.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

export interface Commune {
  code: string;
  nom: string;
  departement: string;
  epci: string | undefined;
  codesPostaux: readonly string[];
  population: number;
}

export interface Epci {
  code: string;
  nom: string;
  membres: readonly string[];
}

export interface Departement {
  code: string;
  nom: string;
}

/** A former commune (merged into another) still used by people to say where they live. */
export interface FormerCommune {
  code: string;
  nom: string;
  parent: string;
}

export interface Geography {
  communes: ReadonlyMap<string, Commune>;
  epcis: ReadonlyMap<string, Epci>;
  departements: ReadonlyMap<string, Departement>;
  formerCommunes: readonly FormerCommune[];
  communesByPostalCode: ReadonlyMap<string, readonly string[]>;
  /** Codes of the communes of a département. */
  communesOfDepartement(code: string): readonly string[];
}

interface RawCommune {
  code: string;
  nom: string;
  type: string;
  departement?: string;
  chefLieu?: string;
  codesPostaux?: string[];
  population?: number;
}

let cached: Geography | undefined;

/** The geography of France, loaded on first use (about 100 ms) and shared afterwards. */
export function getGeography(): Geography {
  cached ??= buildGeography();
  return cached;
}

function buildGeography(): Geography {
  // Read, not require(): require() would keep the 37 000 raw records cached for the life of the process.
  const resolve = createRequire(import.meta.url).resolve;
  const read = <T>(name: string) => JSON.parse(readFileSync(resolve(`@etalab/decoupage-administratif/data/${name}.json`), "utf8")) as T;
  const rawCommunes = read<RawCommune[]>("communes");
  const rawEpcis = read<{ code: string; nom: string; membres: { code: string }[] }[]>("epci");
  const rawDepartements = read<{ code: string; nom: string }[]>("departements");

  const epcis = new Map<string, Epci>();
  const epciOfCommune = new Map<string, string>();
  for (const raw of rawEpcis) {
    const membres = raw.membres.map((m) => m.code);
    epcis.set(raw.code, { code: raw.code, nom: raw.nom, membres });
    for (const member of membres) epciOfCommune.set(member, raw.code);
  }

  const communes = new Map<string, Commune>();
  const formerCommunes: FormerCommune[] = [];
  const byDepartement = new Map<string, string[]>();
  const communesByPostalCode = new Map<string, string[]>();
  for (const raw of rawCommunes) {
    if (raw.type === "commune-actuelle" && raw.departement) {
      const commune: Commune = {
        code: raw.code,
        nom: raw.nom,
        departement: raw.departement,
        epci: epciOfCommune.get(raw.code),
        codesPostaux: raw.codesPostaux ?? [],
        population: raw.population ?? 0,
      };
      communes.set(raw.code, commune);
      pushTo(byDepartement, raw.departement, raw.code);
      for (const postalCode of commune.codesPostaux) pushTo(communesByPostalCode, postalCode, raw.code);
    } else if ((raw.type === "commune-deleguee" || raw.type === "commune-associee") && raw.chefLieu) {
      formerCommunes.push({ code: raw.code, nom: raw.nom, parent: raw.chefLieu });
    }
  }

  const departements = new Map(rawDepartements.map((d) => [d.code, { code: d.code, nom: d.nom }]));
  return {
    communes,
    epcis,
    departements,
    // A former commune may keep its code as the chef-lieu of the new one (« Ourouër » in Vaux d'Amognes): still a former name.
    formerCommunes: formerCommunes.filter((f) => communes.has(f.parent) && f.nom !== communes.get(f.parent)?.nom),
    communesByPostalCode,
    communesOfDepartement: (code) => byDepartement.get(code) ?? [],
  };
}

function pushTo(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** What kind of code this is, if it exists: `"commune"`, `"epci"`, `"departement"`, `"france"`, or undefined. */
export function kindOfZoneCode(geography: Geography, code: string): "commune" | "epci" | "departement" | "france" | undefined {
  if (code === "france" || code === "99100") return "france";
  if (geography.communes.has(code)) return "commune";
  if (geography.epcis.has(code)) return "epci";
  if (geography.departements.has(code)) return "departement";
  return undefined;
}
