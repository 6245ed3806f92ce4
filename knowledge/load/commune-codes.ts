// What an editor most likely meant by a commune code that is not a current INSEE code — a former
// commune's code, a postal code — and which commune a name written beside a code designates.
// Both come from the official geography (@etalab/decoupage-administratif).
import type { Commune, FormerCommune, Geography } from "../places/geography.ts";
import { foldText } from "../text/normalize.ts";

interface Indexes {
  formerByCode: Map<string, FormerCommune>;
  /** Current and former communes by folded name (« cosne cours sur loire »). */
  byName: Map<string, { code: string; nom: string; parent?: string }[]>;
}

const indexes = new WeakMap<Geography, Indexes>();

function indexesOf(geography: Geography): Indexes {
  let found = indexes.get(geography);
  if (found) return found;
  const formerByCode = new Map(geography.formerCommunes.map((f) => [f.code, f]));
  const byName = new Map<string, { code: string; nom: string; parent?: string }[]>();
  const add = (nom: string, entry: { code: string; nom: string; parent?: string }) => {
    const key = foldText(nom);
    const list = byName.get(key);
    if (list) list.push(entry);
    else byName.set(key, [entry]);
  };
  for (const commune of geography.communes.values()) add(commune.nom, { code: commune.code, nom: commune.nom });
  for (const former of geography.formerCommunes) add(former.nom, { code: former.code, nom: former.nom, parent: former.parent });
  found = { formerByCode, byName };
  indexes.set(geography, found);
  return found;
}

/** `« 58086 » (Cosne-Cours-sur-Loire)`. */
export function communeLabel(commune: Pick<Commune, "code" | "nom">): string {
  return `« ${commune.code} » (${commune.nom})`;
}

/**
 * Why a 5-character code is not a current commune, naming the commune meant, or undefined when
 * nothing better than « unknown » can be said.
 * @example
 * explainFormerOrPostalCode(geography, "58200")
 * // « « 58200 » est un code postal, pas un code INSEE : pour Cosne-Cours-sur-Loire, écrivez « 58086 » … »
 */
export function explainFormerOrPostalCode(geography: Geography, code: string): string | undefined {
  const former = indexesOf(geography).formerByCode.get(code);
  const parent = former ? geography.communes.get(former.parent) : undefined;
  if (former && parent) {
    return `« ${code} » est le code de ${former.nom}, ancienne commune qui fait aujourd'hui partie de ${parent.nom} : écrivez le code de la commune actuelle, ${communeLabel(parent)}`;
  }
  const byPostalCode = geography.communesByPostalCode.get(code) ?? [];
  if (byPostalCode.length === 0) return undefined;
  const communes = byPostalCode.map((c) => geography.communes.get(c)).filter((c): c is Commune => c !== undefined);
  const shown = communes.slice(0, 4).map(communeLabel).join(", ");
  return `« ${code} » est un code postal, pas un code INSEE : écrivez le code INSEE de la commune, ${communes.length > 1 ? `parmi ${shown}${communes.length > 4 ? "…" : ""}` : shown}`;
}

/**
 * The communes (current, or former with the commune they joined) a free text names, preferring
 * those of `departements`; exact name first, else a unique commune whose name starts with it
 * (« Cosne » → Cosne-Cours-sur-Loire in the Nièvre).
 */
export function communesNamed(geography: Geography, text: string, departements: ReadonlySet<string>): { code: string; nom: string; parent?: string }[] {
  const key = foldText(text);
  if (key === "") return [];
  const { byName } = indexesOf(geography);
  const inScope = (entry: { code: string; parent?: string }) => departements.has(geography.communes.get(entry.parent ?? entry.code)?.departement ?? "");
  const exact = byName.get(key);
  if (exact) {
    const local = exact.filter(inScope);
    return local.length > 0 ? local : exact;
  }
  const prefixed: { code: string; nom: string; parent?: string }[] = [];
  for (const [name, entries] of byName) if (name.startsWith(`${key} `)) prefixed.push(...entries.filter(inScope));
  return prefixed.length === 1 ? prefixed : [];
}
