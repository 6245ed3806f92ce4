// The official map of France (communes, EPCI, départements) from @etalab/decoupage-administratif,
// loaded once per process: zone checks, coverage and place detection all read from it.
// The package's files are compiled once into a compact table kept in the cache folders.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { readCacheFile, writeCacheFile } from "../load/cache-files.ts";

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

/**
 * France as a compact table, in the order of the package's files: what the map is rebuilt from at
 * each start (about a fifth of parsing the package's 12 MB of JSON). Kept in the cache folders,
 * keyed by the package's version, and compiled from the package when missing.
 */
interface FranceTable {
  format: number;
  /** code, nom, département, EPCI ("" when none), postal codes separated by spaces, population. */
  communes: [string, string, string, string, string, number][];
  /** code, nom, member communes separated by spaces. */
  epcis: [string, string, string][];
  departements: [string, string][];
  /** code, nom, parent: already limited to former names of today's communes. */
  formerCommunes: [string, string, string][];
}

/** Bumped when the table changes shape or selection. */
const TABLE_FORMAT = 1;

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

/** The geography of France, loaded on first use (a few tens of milliseconds from the cache) and shared afterwards. */
export function getGeography(): Geography {
  cached ??= geographyFromTable(loadFranceTable());
  return cached;
}

function loadFranceTable(): FranceTable {
  const require = createRequire(import.meta.url);
  const { version } = require("@etalab/decoupage-administratif/package.json") as { version: string };
  const name = `france-decoupage-${version}-v${TABLE_FORMAT}.json`;
  const stored = readCacheFile(name, (bytes) => {
    const table = JSON.parse(bytes.toString("utf8")) as FranceTable;
    return table.format === TABLE_FORMAT ? table : undefined;
  });
  if (stored) return stored;
  const table = compileFranceTable(require.resolve);
  writeCacheFile(name, JSON.stringify(table));
  return table;
}

/** The compact table from the package's files (communes, EPCI, départements). */
function compileFranceTable(resolve: (id: string) => string): FranceTable {
  // Read, not require(): require() would keep the 37 000 raw records cached for the life of the process.
  const read = <T>(name: string) => JSON.parse(readFileSync(resolve(`@etalab/decoupage-administratif/data/${name}.json`), "utf8")) as T;
  const rawCommunes = read<RawCommune[]>("communes");
  const rawEpcis = read<{ code: string; nom: string; membres: { code: string }[] }[]>("epci");
  const rawDepartements = read<{ code: string; nom: string }[]>("departements");

  const epciOfCommune = new Map<string, string>();
  for (const raw of rawEpcis) for (const member of raw.membres) epciOfCommune.set(member.code, raw.code);
  const communes = new Map<string, FranceTable["communes"][number]>();
  const formerCommunes: FranceTable["formerCommunes"] = [];
  for (const raw of rawCommunes) {
    if (raw.type === "commune-actuelle" && raw.departement) {
      communes.set(raw.code, [raw.code, raw.nom, raw.departement, epciOfCommune.get(raw.code) ?? "", (raw.codesPostaux ?? []).join(" "), raw.population ?? 0]);
    } else if ((raw.type === "commune-deleguee" || raw.type === "commune-associee") && raw.chefLieu) {
      formerCommunes.push([raw.code, raw.nom, raw.chefLieu]);
    }
  }
  return {
    format: TABLE_FORMAT,
    communes: [...communes.values()],
    epcis: rawEpcis.map((raw) => [raw.code, raw.nom, raw.membres.map((m) => m.code).join(" ")]),
    departements: rawDepartements.map((d) => [d.code, d.nom]),
    // A former commune may keep its code as the chef-lieu of the new one (« Ourouër » in Vaux d'Amognes): still a former name.
    formerCommunes: formerCommunes.filter(([, nom, parent]) => communes.has(parent) && nom !== communes.get(parent)?.[1]),
  };
}

function geographyFromTable(table: FranceTable): Geography {
  const split = (list: string) => (list === "" ? [] : list.split(" "));
  const communes = new Map<string, Commune>();
  const byDepartement = new Map<string, string[]>();
  const communesByPostalCode = new Map<string, string[]>();
  for (const [code, nom, departement, epci, postalCodes, population] of table.communes) {
    const commune: Commune = { code, nom, departement, epci: epci === "" ? undefined : epci, codesPostaux: split(postalCodes), population };
    communes.set(code, commune);
    pushTo(byDepartement, departement, code);
    for (const postalCode of commune.codesPostaux) pushTo(communesByPostalCode, postalCode, code);
  }
  return {
    communes,
    epcis: new Map(table.epcis.map(([code, nom, membres]) => [code, { code, nom, membres: split(membres) }])),
    departements: new Map(table.departements.map(([code, nom]) => [code, { code, nom }])),
    formerCommunes: table.formerCommunes.map(([code, nom, parent]) => ({ code, nom, parent })),
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
