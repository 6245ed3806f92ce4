// Finds where a question is about: a commune in any common spelling, a postal code, an EPCI,
// a département or a territory of the base. Places inside the base's départements come first;
// elsewhere in France is recognised too, so the bot can say « hors de notre territoire ».
import { foldText } from "../text/normalize.ts";
import { editDistance, typoBudget } from "../text/distance.ts";
import type { Geography } from "./geography.ts";
import { acronymSpellings, epciSayings, epciSpellings, exactSpellings, hurriedSpellings, shortSpellings, tailSpelling } from "./names.ts";
import { afterCivility, everydayNameStands, isEverydayPhrase, isStreetName, NOUN_DETERMINERS, whereThePersonIs } from "./place-roles.ts";
import { namesakesToAsk } from "./namesakes.ts";
import { createTypoFinder } from "./typos.ts";
import type { CompiledStore } from "../understand/compiled-store.ts";
import { readSortedTable, sortedTableText, type SortedTable } from "../load/sorted-table.ts";

export type PlaceType = "commune" | "epci" | "departement" | "territoire" | "code_postal";

export interface Place {
  type: PlaceType;
  code: string;
  nom: string;
  /** Every commune of the place: coverage is checked against all of them. */
  communes: readonly string[];
  /** False for a place entirely outside the base's départements. */
  inScope: boolean;
}

export interface PlaceMatch {
  place: Place;
  /** Token span [start, end) in the question. */
  start: number;
  end: number;
  /** Other places the same words can mean (homonyms, a name several communes start with): the person must choose. */
  alternatives?: Place[];
  /** The former commune named, now part of `place` (« Cours », for Cosne-Cours-sur-Loire). */
  formerName?: string;
  /** Token spans of places named only as landmarks (« à côté de Cosne »): names, not words to read. */
  landmarks?: [start: number, end: number][];
}

/** A word of the question as place detection reads it. */
export interface PlaceToken {
  folded: string;
  /** Typed with a capital (« Moulins »): a commune named like a French word then counts. */
  capitalised?: boolean;
  /** A word of French: typos are looked for only in words that are not. */
  french?: boolean;
  /** Read as a sigle (« DAC »): a département number right after it is that département (« la MDPH 58 »). */
  sigleLike?: boolean;
}

interface DetectOptions {
  /** Token indexes where a commune named like a French word counts even without « à » (nothing else is a place). */
  relaxed?: ReadonlySet<number>;
}

interface CustomTerritory {
  id: string;
  nom: string;
  synonymes: readonly string[];
  communes: readonly string[];
}

export interface PlaceIndexOptions {
  /** Départements of the base: their places win over homonyms elsewhere. */
  departements: readonly string[];
  territoires?: readonly CustomTerritory[];
  /** Words of everyday French and of the base's needs: a commune named like one (« Cours », « Poil ») needs « à » before it. */
  commonWords?: ReadonlySet<string>;
  /** Whether a folded word is French (the lexicon): such a commune name needs « à » or a capital too. */
  isFrenchWord?: (folded: string) => boolean;
  /**
   * Where the table of spellings computed for these options is kept between two starts (the word
   * keys' store, whose key covers this code, the map of France and the lexicon behind `isFrenchWord`).
   */
  store?: CompiledStore;
}

/**
 * The table of spellings as kept in a store. A question names a place or two: a start reads the
 * entries of the spellings it meets, by bisection in `lines`, not the 45 000 spellings of France.
 */
interface StoredSpellings {
  /** The entries' field names, in the order of their values. */
  fields: string[];
  /** A sorted table (knowledge/load/sorted-table.ts): spelling → JSON of its entries, each `[type, code, ...values]` (null when absent). */
  lines: string;
  /** First words of every spelling. */
  firstWords: string[];
  /** Spellings with an entry in the base's départements, in the order they were first added: where typos are looked for. */
  inScope: string[];
}

/** The spellings of a stored table: an entry list is decoded the first time it is asked for, then kept. */
class StoredSpellingMap extends Map<string, Entry[]> {
  private readonly table: SortedTable;
  private readonly decode: (json: string) => Entry[];

  constructor(table: SortedTable, decode: (json: string) => Entry[]) {
    super();
    this.table = table;
    this.decode = decode;
  }

  override get(spelling: string): Entry[] | undefined {
    let entries = super.get(spelling);
    if (entries === undefined) {
      const json = this.table.get(spelling);
      if (json === undefined) return undefined;
      entries = this.decode(json);
      this.set(spelling, entries);
    }
    return entries;
  }
}

interface Entry {
  place: Place;
  /** Higher wins when several places share a spelling. */
  rank: number;
  /** Must follow « à », « sur », « dans »… to count (out-of-scope places, short forms that are words). */
  needsPreposition: boolean;
  /** The name is a French word: a capital also makes it count. */
  wordLike?: boolean;
  /** A part of a name that is a French word: a place only when typed with its capital. */
  capitalOnly?: boolean;
  /** Set for a former commune: its name. */
  formerName?: string;
  /** Matched as typed only, never corrected (the many ways of saying an EPCI's kind). */
  exactOnly?: boolean;
  /** A cut name (« Saint-Germain », « Aunay »): every commune it starts is a candidate. */
  incomplete?: boolean;
  /** A cut name that is an everyday phrase (« la maison » of La Maison-Dieu): a place only with its capital. */
  everyday?: boolean;
  /** The short name of a big town outside the base (« Cherbourg »): not its full name. */
  shortElsewhere?: boolean;
}

/**
 * Words after which a place name is expected. Folded. « de » and « en » are left out on purpose:
 * « perte de poil » is not about the commune of Poil.
 */
const ARTICLE_WORDS = new Set(["la", "le", "les", "l"]);
const NEGATIONS = new Set(["pas", "non"]);
const LOCATIVES = new Set([
  "a", "au", "aux", "sur", "vers", "dans", "pres", "proche", "secteur", "commune", "ville", "cote", "autour", "canton", "mairie",
  "habite", "habitent", "habitant", "habitante", "habitants", "vit", "vivent", "reside", "resident", "residente", "residant", "domicilie", "domiciliee", "originaire",
]);
/** Words before a noun: « dans sa maison », « la maison » are a house, not La Maison-Dieu. */
const DETERMINERS = new Set(["la", "le", "les", "l", "un", "une", "des", "du", "de", "d", "sa", "son", "ses", "ma", "mon", "mes", "ta", "ton", "tes", "notre", "votre", "nos", "vos", "leur", "leurs", "cette", "ce", "cet", "ces"]);

/** Who « a » follows when it is avoir, not « à »: « il a bu » is no place (Bû). */
const SUBJECTS = new Set(["il", "elle", "on", "qui", "y", "ca", "cela", "monsieur", "madame", "mme", "mr", "fils", "fille", "pere", "mere", "mari", "femme", "frere", "soeur", "enfant", "patient", "patiente"]);

/** Months are written in lowercase: « en mars », « fin avril » are dates, not Mars-sur-Allier or Avril-sur-Loire. */
const MONTHS = new Set(["janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout", "septembre", "octobre", "novembre", "decembre"]);

/** Whether the word at `index` says a place follows (« à », « sur », « habite »…). */
function isLocative(words: readonly string[], index: number): boolean {
  const word = words[index];
  if (word === undefined || !LOCATIVES.has(word)) return false;
  return !(word === "a" && index > 0 && SUBJECTS.has(words[index - 1]!));
}

/** A town outside the base this big is named without « à » too (« ccas auxerre »). */
const OUT_OF_SCOPE_BARE_POPULATION = 10_000;
const MAX_NAME_WORDS = 8;
const OUT_OF_SCOPE_MIN_POPULATION = 1000;
/** « près de X », « à côté de X », « pas loin de X », « proche de X »: X is a landmark. */
function isLandmark(words: readonly string[], start: number): boolean {
  const before = words.slice(Math.max(0, start - 3), start).join(" ");
  return /(?:^|\s)(?:pres d|pres de|a cote d|a cote de|cote de|loin de|loin d|proche de|proche d|non loin de)$/.test(before);
}

/** Words for « the département » said without its name. */
const DEPARTEMENT_WORDS = new Set(["departement", "dept", "dpt", "dep"]);
/** « le département du Cher », « de la Nièvre »: a name follows, the département is not the base's by default. */
const NAMED_AFTER = new Set(["de", "du", "d", "des"]);

/** Ranks carry log10(population): two places within this many ranks are of comparable size (a ratio under 3). */
const COMPARABLE_SIZE = Math.log10(3);

export interface PlaceIndex {
  /** The place a question is about, or undefined. When several are named, the last one wins. */
  detect(tokens: readonly (string | PlaceToken)[], options?: DetectOptions): PlaceMatch | undefined;
  /** Resolves what a user typed as a place (`--lieu`, « territoire Clamecy »): name, postal code, INSEE or EPCI code. */
  resolve(input: string): Place | undefined;
  /** The place for a commune code. */
  commune(code: string): Place | undefined;
  /** A place again from its type and code, as a conversation remembers it. */
  byRef(type: PlaceType, code: string): Place | undefined;
}

/** Builds the spelling index for a base. Built once per base: about 40 ms for all of France. */
export function createPlaceIndex(geography: Geography, options: PlaceIndexOptions): PlaceIndex {
  const scope = new Set(options.departements);
  const commonWords = options.commonWords ?? new Set<string>();
  // The spellings an earlier start computed for the same options: read back, the loop over France's
  // communes is skipped and `add` does nothing (the loops after it still make the EPCI, département
  // and territory places the stored entries point to).
  const storeInputs = options.store ? { departements: [...scope], territoires: options.territoires ?? [], commonWords: [...commonWords] } : undefined;
  const stored = storeInputs ? options.store!.read<StoredSpellings>("lieux", storeInputs) : undefined;
  const bySpelling = stored ? new StoredSpellingMap(readSortedTable(stored.lines), (json) => decodeEntries(stored.fields, json)) : new Map<string, Entry[]>();
  const add = (spelling: string, entry: Entry) => {
    if (!spelling || stored) return;
    const list = bySpelling.get(spelling);
    if (list) list.push(entry);
    else bySpelling.set(spelling, [entry]);
  };
  const isFrench = options.isFrenchWord ?? (() => false);
  const isWord = (spelling: string) => {
    // « La Crèche », « Les Rairies »: an article before a French word is still a French word.
    const bare = spelling.replace(/^(?:la|le|les|l) (?=\S+$)/, "");
    return !bare.includes(" ") && (commonWords.has(bare) || bare.length <= 3 || isFrench(bare));
  };

  // A commune's place is made when first needed, then kept (one object per commune): most of
  // France's 35 000 communes are never named by a question, and making them all cost a third of
  // this index's start.
  const communePlaces = new Map<string, Place>();
  const communePlace = (code: string): Place | undefined => {
    let place = communePlaces.get(code);
    if (place) return place;
    const commune = geography.communes.get(code);
    if (!commune) return undefined;
    const inScope = scope.has(commune.departement);
    const departement = geography.departements.get(commune.departement)?.nom;
    place = {
      type: "commune",
      code: commune.code,
      nom: inScope || !departement ? commune.nom : `${commune.nom} (${departement})`,
      communes: [commune.code],
      inScope,
    };
    communePlaces.set(code, place);
    return place;
  };
  const tails = new Map<string, Place[]>();
  /** In how many names of the base's communes each word stands (« normandie » in Vire Normandie and Condé-en-Normandie). */
  const nameWords = new Map<string, number>();
  for (const commune of stored ? [] : geography.communes.values()) {
    const inScope = scope.has(commune.departement);
    // Out of the base's territory people name towns (« à Lyon »), not hamlets: indexing only
    // communes of 1 000 inhabitants or more keeps start-up fast and avoids homonym surprises.
    if (!inScope && commune.population < OUT_OF_SCOPE_MIN_POPULATION) continue;
    const place = communePlace(commune.code)!;
    const popularity = Math.log10(commune.population + 10);
    for (const spelling of exactSpellings(commune.nom)) {
      const bare = inScope || commune.population >= OUT_OF_SCOPE_BARE_POPULATION;
      add(spelling, { place, rank: (inScope ? 300 : 100) + popularity, needsPreposition: !bare || isWord(spelling), wordLike: isWord(spelling) });
    }
    // « à Cherbourg » for Cherbourg-en-Cotentin: a big town elsewhere is named short too, after « à »,
    // below every full name (« Saint-Étienne » is not Saint-Étienne-du-Rouvray).
    if (!inScope && commune.population >= OUT_OF_SCOPE_BARE_POPULATION) {
      for (const spelling of shortSpellings(commune.nom)) if (!isWord(spelling)) add(spelling, { place, rank: 50 + popularity, needsPreposition: true, shortElsewhere: true });
    }
    if (inScope) {
      for (const word of new Set(foldText(commune.nom).split(" "))) nameWords.set(word, (nameWords.get(word) ?? 0) + 1);
      const tail = tailSpelling(commune.nom);
      if (tail && tail.length >= 5 && !isWord(tail)) tails.set(tail, [...(tails.get(tail) ?? []), place]);
      for (const spelling of hurriedSpellings(commune.nom)) add(spelling, { place, rank: 300 + popularity, needsPreposition: false, exactOnly: true });
      for (const spelling of shortSpellings(commune.nom)) {
        // One French word cut from a name (« maison » of La Maison-Dieu), or a short cut one (« Doué »
        // of Doué-en-Anjou), is a place when capitalised, right after « à », or where nothing else
        // is a place — never after a determiner: « dans la
        // maison » is the house. « la charité » keeps its article.
        const capitalOnly = !spelling.includes(" ") && (isWord(spelling) || spelling.length < 5);
        const everyday = isEverydayPhrase(spelling, commonWords);
        add(spelling, { place, rank: 200 + popularity, needsPreposition: isWord(spelling), wordLike: isWord(spelling), incomplete: true, ...(capitalOnly ? { capitalOnly } : {}), ...(everyday ? { everyday } : {}) });
      }
    }
  }
  // « Vauzelles », « Engilbert »: the other village of a merged name, when no other name of the base
  // holds that word (« Loire », « Layon », « Normandie » are shared) and it is no French word; only after
  // « à », « habite »…: many are also first names (« Robert », « Simon »).
  for (const [tail, places] of tails) if (places.length === 1 && nameWords.get(tail) === 1) add(tail, { place: places[0]!, rank: 200, needsPreposition: true, exactOnly: true });

  for (const former of geography.formerCommunes) {
    const parent = communePlace(former.parent);
    if (!parent?.inScope) continue;
    for (const spelling of exactSpellings(former.nom)) {
      // A former commune named like today's commune is today's commune: no note needed.
      if (foldText(former.nom) === foldText(parent.nom)) continue;
      add(spelling, { place: parent, rank: 150, needsPreposition: isWord(spelling), wordLike: isWord(spelling), formerName: former.nom });
    }
    // « Aunay » for Aunay-sur-Odon, now Les Monts d'Aunay; « Saint-Georges » fits former communes too, so it is asked back.
    // Former communes have no population of their own: their rank is the smallest of a cut name.
    for (const spelling of shortSpellings(former.nom)) {
      const capitalOnly = !spelling.includes(" ") && (isWord(spelling) || spelling.length < 5);
      const everyday = isEverydayPhrase(spelling, commonWords);
      add(spelling, { place: parent, rank: 200, needsPreposition: isWord(spelling), wordLike: isWord(spelling), formerName: former.nom, incomplete: true, ...(capitalOnly ? { capitalOnly } : {}), ...(everyday ? { everyday } : {}) });
    }
  }

  const epciPlaces = new Map<string, Place>();
  for (const epci of geography.epcis.values()) {
    const inScope = epci.membres.some((code) => scope.has(geography.communes.get(code)?.departement ?? ""));
    const place: Place = { type: "epci", code: epci.code, nom: epci.nom, communes: epci.membres, inScope };
    epciPlaces.set(epci.code, place);
    if (!inScope) continue;
    for (const spelling of epciSpellings(epci.nom)) {
      add(spelling, { place, rank: 250, needsPreposition: isWord(spelling) });
    }
    for (const spelling of epciSayings(epci.nom)) add(spelling, { place, rank: 250, needsPreposition: false, exactOnly: true });
  }

  const departementPlaces = new Map<string, Place>();
  const departementBySpelling = new Map<string, string>();
  for (const departement of geography.departements.values()) {
    const inScope = scope.has(departement.code);
    const place: Place = {
      type: "departement",
      code: departement.code,
      nom: departement.nom,
      communes: geography.communesOfDepartement(departement.code),
      inScope,
    };
    departementPlaces.set(departement.code, place);
    for (const spelling of exactSpellings(departement.nom)) departementBySpelling.set(spelling, departement.code);
    for (const spelling of exactSpellings(departement.nom)) {
      add(spelling, { place, rank: inScope ? 240 : 90, needsPreposition: isWord(spelling) || !inScope });
    }
  }

  const territoirePlaces = new Map<string, Place>();
  for (const territoire of options.territoires ?? []) {
    const place: Place = { type: "territoire", code: territoire.id, nom: territoire.nom, communes: territoire.communes, inScope: true };
    territoirePlaces.set(territoire.id, place);
    // « TAS Haut Nivernais » for « Territoire d'action sociale du Haut Nivernais ».
    for (const spelling of [...exactSpellings(territoire.nom), ...acronymSpellings(territoire.nom)]) add(spelling, { place, rank: 260, needsPreposition: isWord(spelling) });
    // The base's editors know how people name their territories: a nickname they list (« agglo de Nevers »,
    // « Sud Nivernais ») wins over the same spelling derived from an EPCI's official name.
    for (const name of territoire.synonymes) {
      for (const spelling of exactSpellings(name)) add(spelling, { place, rank: 255, needsPreposition: isWord(spelling) });
    }
  }

  // Read back, the spellings where typos are looked for are decoded now, in their first order (the loop below reads them).
  if (stored) for (const spelling of stored.inScope) bySpelling.get(spelling);
  for (const list of bySpelling.values()) list.sort((a, b) => b.rank - a.rank);
  if (storeInputs && !stored) options.store!.keep("lieux", storeInputs, storedSpellings());
  /** First words of every spelling: most words of a question start none, and are skipped at once. */
  const firstWords = new Set(stored ? stored.firstWords : [...bySpelling.keys()].map((spelling) => spelling.split(" ")[0]!));

  // The base's own spellings where a typo is looked for: four letters or more, not matched as typed only,
  // and never a French word cut from a name (« bella » is not « belle » of Belle Vie en Auge).
  const typoTargets: [string, Entry][] = [];
  for (const [spelling, entries] of bySpelling) {
    const entry = entries.find((e) => e.place.inScope && e.exactOnly !== true && e.capitalOnly !== true && e.everyday !== true);
    if (entry && spelling.replace(/ /g, "").length >= 4) typoTargets.push([spelling, entry]);
  }
  const typos = createTypoFinder(typoTargets, {
    commonWords,
    isFrench,
    // After « à », « sur », « de »; a saint's name (« st barth »); a name's own article before a word that is no French (« la charitée »).
    startsName: (tokens, words, start) =>
      (start > 0 && (LOCATIVES.has(words[start - 1]!) || words[start - 1] === "de")) ||
      words[start] === "saint" ||
      words[start] === "sainte" ||
      (ARTICLE_WORDS.has(words[start]!) && tokens[start + 1]?.french === false && tokens[start + 1]?.sigleLike !== true),
    notAPlace: (words, start) => afterCivility(words, start) || isStreetName(words, start),
  });

  function storedSpellings(): StoredSpellings {
    const all = [...bySpelling];
    const fields = [...new Set(all.flatMap(([, list]) => list.flatMap((entry) => Object.keys(entry))))].filter((field) => field !== "place");
    const values = (entry: Entry) => fields.map((field) => (entry as unknown as Record<string, unknown>)[field] ?? null);
    return {
      fields,
      lines: sortedTableText(all.map(([spelling, list]) => [spelling, JSON.stringify(list.map((entry) => [entry.place.type, entry.place.code, ...values(entry)]))])),
      firstWords: [...new Set(all.map(([spelling]) => spelling.split(" ")[0]!))],
      inScope: all.filter(([, list]) => list.some((entry) => entry.place.inScope)).map(([spelling]) => spelling),
    };
  }

  function decodeEntries(fields: readonly string[], json: string): Entry[] {
    const placeOf = (type: PlaceType, code: string) =>
      type === "commune" ? communePlace(code) : type === "epci" ? epciPlaces.get(code) : type === "departement" ? departementPlaces.get(code) : territoirePlaces.get(code);
    return (JSON.parse(json) as [PlaceType, string, ...unknown[]][]).map(([type, code, ...values]) => {
      const entry: Record<string, unknown> = { place: placeOf(type, code) };
      values.forEach((value, index) => {
        if (value !== null) entry[fields[index]!] = value;
      });
      return entry as unknown as Entry;
    });
  }

  function byPostalOrCode(token: string): Place | undefined {
    const communes = geography.communesByPostalCode.get(token);
    if (communes && communes.length > 0) {
      // A postal code shared by several communes means all of them: taking the main town would
      // propose its services to neighbours they do not cover.
      if (communes.length === 1) return communePlace(communes[0]!);
      const names = communes.map((code) => geography.communes.get(code)?.nom ?? code);
      return {
        type: "code_postal",
        code: token,
        nom: `${token} (${names.slice(0, 4).join(", ")}${names.length > 4 ? "…" : ""})`,
        communes,
        inScope: communes.some((code) => scope.has(geography.communes.get(code)?.departement ?? "")),
      };
    }
    return communePlace(token) ?? epciPlaces.get(token);
  }

  function detect(input: readonly (string | PlaceToken)[], options: DetectOptions = {}): PlaceMatch | undefined {
    // « Pouilly s/ Loire »: a lone « s » inside a name is « sur ».
    const tokens = input.map((t, i) => {
      const token = typeof t === "string" ? { folded: t } : t;
      return token.folded === "s" && i > 0 && i < input.length - 1 ? { ...token, folded: "sur" } : token;
    });
    const words = tokens.map((t) => t.folded);
    const matches: (PlaceMatch & { rank: number })[] = [];
    let i = 0;
    while (i < tokens.length) {
      let found = longestAt(tokens, words, i, options.relaxed);
      // « les Hauts-de-Seine »: a longer name starting one word later wins over « les Hauts » here.
      const next = found && found.end > i + 1 ? longestAt(tokens, words, i + 1, options.relaxed) : undefined;
      if (found && next && next.end > found.end) found = next;
      if (found) found = typos.widened(tokens, words, found, matches.at(-1)?.end ?? 0);
      if (found) {
        matches.push(found);
        i = found.end;
      } else i++;
    }
    if (matches.length === 0) return typos.nearest(tokens, words);
    // « cosnes sur loire »: only places outside the base were found; a typo of one of the base's names wins over them.
    if (!matches.some((m) => m.place.inScope)) {
      const typo = typos.nearest(tokens, words, matches);
      if (typo?.place.inScope) return typo;
    }
    // The last place named is usually where the person is (« le SAAD de Cosne pour une dame de Donzy »);
    // a département or region named after a commune only restates it.
    // « c'est Saint-Benin-d'Azy, pas Saint-Saulge »: a place said not to be the one is dropped.
    // « non, Falaise dans les Ardennes » answers a question: a « non » opening the message denies nothing after it.
    const said = matches.filter((m) => !(m.start > 1 && NEGATIONS.has(words[m.start - 1]!)) && !(m.start === 1 && words[0] === "pas"));
    if (said.length > 0 && said.length < matches.length) matches.splice(0, matches.length, ...said);
    // « Beuzeville, juste à côté de Honfleur »: a place given as a landmark says where the other one is.
    const located = matches.filter((m) => !isLandmark(words, m.start));
    const landmarks = located.length > 0 && located.length < matches.length ? matches.filter((m) => !located.includes(m)).map((m): [number, number] => [m.start, m.end]) : [];
    if (landmarks.length > 0) matches.splice(0, matches.length, ...located);
    // « Ifs 14123 »: a commune named with its shared postal code is that commune, not every commune of the code.
    const named = matches.filter((m) => !(m.place.type === "code_postal" && matches.some((o) => o.place.type === "commune" && m.place.communes.includes(o.place.code))));
    if (named.length < matches.length) matches.splice(0, matches.length, ...named);
    const communes = matches.filter((m) => m.place.type !== "departement");
    // A place of the base's territory beats one outside it (« elle vit à Varzy, sa fille à Paris »).
    const inScope = communes.filter((m) => m.place.inScope);
    const { rank: _rank, ...chosen } = whereThePersonIs(inScope.length > 0 ? inScope : communes.length > 0 ? communes : matches, words)!;
    const result = chosen.place.type === "commune" ? qualified(chosen, words) : chosen;
    return landmarks.length > 0 ? { ...result, landmarks } : result;
  }

  /**
   * « Clamecy dans l'Aisne », « Moulins (03) », « Avrillé en Vendée »: a département named right
   * after a commune says which of the homonyms is meant.
   */
  function qualified(match: PlaceMatch, words: readonly string[]): PlaceMatch {
    for (let start = match.end; start < Math.min(words.length, match.end + 4); start++) {
      for (let length = 3; length >= 1; length--) {
        const spelling = words.slice(start, start + length).join(" ");
        const departement = /^\d[\dab]$/.test(spelling) ? spelling.toUpperCase() : departementBySpelling.get(spelling);
        if (!departement || !geography.departements.has(departement)) continue;
        const named = words.slice(match.start, match.end).join(" ");
        const code = geography.communesOfDepartement(departement).find((c) => {
          const nom = geography.communes.get(c)!.nom;
          return exactSpellings(nom).includes(named) || shortSpellings(nom).includes(named);
        });
        const place = code ? communePlace(code) : undefined;
        if (!place) return match;
        const { alternatives: _alternatives, ...rest } = match;
        return { ...rest, place };
      }
    }
    return match;
  }

  function longestAt(tokens: readonly PlaceToken[], words: readonly string[], start: number, relaxed: ReadonlySet<number> | undefined): (PlaceMatch & { rank: number }) | undefined {
    const token = words[start]!;
    if (/^\d{5}$/.test(token)) {
      const place = byPostalOrCode(token);
      return place ? { place, start, end: start + 1, rank: 400 } : undefined;
    }
    // « 58 000 »: a postal code typed with a space, as on an envelope.
    if (/^\d\d$/.test(token) && /^\d{3}$/.test(words[start + 1] ?? "") && !/^\d/.test(words[start + 2] ?? "")) {
      const place = geography.communesByPostalCode.has(token + words[start + 1]) ? byPostalOrCode(token + words[start + 1]) : undefined;
      if (place) return { place, start, end: start + 2, rank: 400 };
    }
    if (/^\d[\dab]$/.test(token) && start > 0 && (["le", "departement", "dept"].includes(words[start - 1]!) || tokens[start - 1]!.sigleLike === true)) {
      const place = departementPlaces.get(token.toUpperCase());
      if (place) return { place, start, end: start + 1, rank: 240 };
    }
    // « le département du Cher », « département de la Nièvre »: the name after it is a département, even a French word.
    if (DEPARTEMENT_WORDS.has(token) && NAMED_AFTER.has(words[start + 1] ?? "")) {
      for (let skip = 2; skip <= 3; skip++) {
        for (let length = 3; length >= 1; length--) {
          const code = departementBySpelling.get(words.slice(start + skip, start + skip + length).join(" "));
          const place = code ? departementPlaces.get(code) : undefined;
          if (place) return { place, start, end: start + skip + length, rank: 240 };
        }
      }
    }
    // « dans tout le département », « au niveau du département »: a base of one département means that one.
    if (DEPARTEMENT_WORDS.has(token) && start > 0 && ["le", "du", "au"].includes(words[start - 1]!) && scope.size === 1 && !NAMED_AFTER.has(words[start + 1] ?? "") && !/^\d[\dab]$/.test(words[start + 1] ?? "")) {
      const place = departementPlaces.get([...scope][0]!);
      if (place) return { place, start, end: start + 1, rank: 240 };
    }
    if (!firstWords.has(token)) return undefined;
    if (afterCivility(words, start) || isStreetName(words, start)) return undefined;
    // « à Nevers », « dans la Nièvre », « dans les Hauts-de-Seine »: an article may stand between.
    const precededByLocative = start > 0 && (isLocative(words, start - 1) || (ARTICLE_WORDS.has(words[start - 1]!) && start > 1 && isLocative(words, start - 2)));
    for (let length = Math.min(MAX_NAME_WORDS, words.length - start); length >= 1; length--) {
      const spelling = words.slice(start, start + length).join(" ");
      const entries = bySpelling.get(spelling);
      if (!entries) continue;
      // A commune named like a French word (« Moulins », « Marais ») counts after « à », typed with a
      // capital, or when nothing else of the question is a place.
      // « la charite 58400 »: a postal code right after the name says it is a place.
      const capitalised = tokens[start]!.capitalised === true || /^\d{5}$/.test(words[start + length] ?? "");
      // Where nothing else is a place, a French word stands for a commune only as a name does: not after
      // a determiner (« les fours », « mal au talon »), not a month (« en mars »), and with its article in
      // lowercase only at the end (« …, la charite », but « la machine à laver est en panne »).
      const alone = relaxed?.has(start) === true && !MONTHS.has(spelling) && !["au", "aux"].includes(words[start - 1] ?? "");
      const usable = entries.filter((e) =>
        // « à la maison de retraite », « dans les bois »: an everyday phrase cut from a name is the phrase.
        e.everyday === true
          ? (capitalised && !articleMissing(e, words[start - 1] ?? "") && everydayNameStands(words, start, start + length, (index) => tokens[index]?.french !== false)) ||
            restOfNameFollows(e.place, tokens, words, start, start + length)
          : // Outside the base, a name that is a French word counts only with its capital (« à la crèche » is not La Crèche).
          e.capitalOnly === true
          ? capitalised || (start > 0 && isLocative(words, start - 1) && !articleMissing(e, words[start - 1]!)) || (alone && !DETERMINERS.has(words[start - 1] ?? ""))
          : e.wordLike === true
          ? e.place.inScope
            ? capitalised || (precededByLocative && !articleMissing(e, words[start - 1]!)) || (alone && !NOUN_DETERMINERS.has(words[start - 1] ?? "") && (!ARTICLE_WORDS.has(words[start]!) || start + length === words.length))
            : // Outside the base, a capital alone may be a first name (« pour Madeleine »): « à » is needed too;
              // « au port » is the harbour, not Le Port.
              start > 0 && isLocative(words, start - 1) && (capitalised || (!ARTICLE_WORDS.has(words[start]!) && !(["au", "aux"].includes(words[start - 1]!) && isEverydayPhrase(spelling, commonWords))))
          : !e.needsPreposition || precededByLocative || (e.place.type === "departement" && words[start - 1] === "en" && !isWord(spelling)),
      );
      const entry = usable[0];
      if (!entry) continue;
      const match: PlaceMatch & { rank: number } = { place: entry.place, start, end: start + length, rank: entry.rank };
      if (entry.formerName) match.formerName = entry.formerName;
      // « Moulins »: Moulins-Engilbert of the base, or Moulins (Allier)? Both are named and asked.
      const asked = entry.incomplete === true || !entry.place.inScope ? namesakesOfBase(spelling, entry, entries) : undefined;
      if (asked) return { ...match, place: asked[0]!, ...(asked.length > 1 ? { alternatives: asked } : {}) };
      const alternatives = homonymsOf(spelling, entry, usable);
      if (alternatives.length > 1) {
        // « st pierre le moutie »: the rest of the name, typed with a typo, says which one.
        const completed = completedBy(alternatives, words, start, start + length);
        if (completed) return { ...match, place: completed, end: Math.min(words.length, start + exactSpellings(geography.communes.get(completed.code)?.nom ?? "")[0]!.split(" ").length) };
        match.alternatives = alternatives;
      }
      return match;
    }
    return undefined;
  }

  /**
   * The base's communes a cut name fits, with namesakes elsewhere to ask about ({@link namesakesToAsk}); the
   * base's communes alone when a name read outside the base (« à fontaine ») also starts several of its own.
   * Undefined when the base has no commune the name starts.
   */
  function namesakesOfBase(spelling: string, read: Entry, entries: readonly Entry[]): Place[] | undefined {
    const fits = cutNameFits(spelling, entries);
    if (fits.length === 0) return undefined;
    const population = (code: string) => geography.communes.get(code)?.population ?? 0;
    return namesakesToAsk(fits, entries, population) ?? (read.place.inScope ? undefined : fits);
  }

  /** « au talon » is no « à Talon »: « au », « aux » say a place only before a name that starts with « Le », « Les » (« au Creusot »). */
  function articleMissing(entry: Entry, before: string): boolean {
    return (before === "au" || before === "aux") && !/^les? /.test(foldText(entry.place.nom));
  }

  /**
   * « chateau chi », « chateau chinnon »: after an everyday phrase cut from a name, the rest of that name,
   * cut by the end of the message or with a typo in a word French does not write (« la maison de » is
   * no typo of La Maison-Dieu).
   */
  function restOfNameFollows(place: Place, tokens: readonly PlaceToken[], words: readonly string[], start: number, end: number): boolean {
    const next = tokens[end];
    if (!next || !completedBy([place], words, start, end)) return false;
    // The name as typed from its first word (« chateau chinon », not « la chateau chinon »): the message ends inside it.
    const named = exactSpellings(geography.communes.get(place.code)?.nom ?? "").map((spelling) => spelling.split(" ")).filter((w) => w[0] === words[start]);
    return next.french === false || named.some((w) => words.length - start < w.length);
  }

  /** The one commune among homonyms whose full name the words from `start` spell, typos allowed. */
  function completedBy(alternatives: readonly Place[], words: readonly string[], start: number, matchEnd: number): Place | undefined {
    const fitting = alternatives.filter((place) => {
      const commune = place.type === "commune" ? geography.communes.get(place.code) : undefined;
      if (!commune) return false;
      return exactSpellings(commune.nom).some((spelling) => {
        const named = spelling.split(" ");
        // « montigny sur c », « varennes vauz »: the message ends inside the rest of the name.
        if (words.length > matchEnd && words.length - start <= named.length) {
          const typed = words.slice(start);
          if (typed.every((word, i) => (i === typed.length - 1 ? named[i]!.startsWith(word) : word === named[i]))) return true;
        }
        const length = named.length;
        if (start + length > words.length) return false;
        const typedWords = words.slice(start, start + length);
        // A typo rarely hits a word's first letter: « moutie » is « moutier », « pour » is not « loir ».
        if (typedWords.some((word, i) => word[0] !== spelling.split(" ")[i]![0])) return false;
        return editDistance(typedWords.join(" "), spelling, typoBudget(spelling.length)) <= typoBudget(spelling.length);
      });
    });
    if (fitting.length === 1) return fitting[0];
    // The same full name twice (« Château-Chinon » Ville and Campagne): the much bigger one is meant.
    const bySize = fitting.map((place) => ({ place, size: Math.log10((geography.communes.get(place.code)?.population ?? 0) + 10) })).sort((a, b) => b.size - a.size);
    return bySize.length > 1 && bySize[0]!.size - bySize[1]!.size > COMPARABLE_SIZE ? bySize[0]!.place : undefined;
  }

  /**
   * Places of the same standing as the best one under one spelling: communes of the base (or, with
   * none there, outside it) of comparable size. A town three times bigger than its namesake with
   * the same full name is the one people mean (« Château-Chinon » is the Ville, not the Campagne).
   * A cut name (« Saint-Germain ») is asked back whatever the sizes: see {@link cutNameFits}.
   */
  function homonymsOf(spelling: string, best: Entry, entries: readonly Entry[]): Place[] {
    if (best.incomplete === true) return cutNameFits(spelling, entries);
    const places = new Map<string, Place>();
    for (const entry of entries) {
      if (entry.place.type !== best.place.type || entry.place.inScope !== best.place.inScope || Math.floor(entry.rank / 100) !== Math.floor(best.rank / 100)) continue;
      if (best.rank - entry.rank > COMPARABLE_SIZE) continue;
      places.set(entry.place.code, entry.place);
    }
    return [...places.values()];
  }

  /**
   * The communes of the base a cut name fits (« Saint-Germain », « Varennes »), all asked back: the person
   * may live in the small one. A saint's name is shared by many villages, so a former commune it starts
   * makes it ambiguous too (« Saint-Georges »); a distinctive word (« Chalonnes », « Aunay ») means a
   * former commune only when no commune of today bears it.
   */
  function cutNameFits(spelling: string, entries: readonly Entry[]): Place[] {
    const fitting = entries.filter((e) => e.incomplete === true && e.place.inScope);
    const current = fitting.filter((e) => e.formerName === undefined);
    const chosen = current.length === 0 || /^sainte? /.test(spelling) ? fitting : current;
    const places = new Map(current.map((e) => [e.place.code, e.place]));
    // The person said the former commune's name: the question names it with today's commune.
    for (const e of chosen) if (!places.has(e.place.code)) places.set(e.place.code, e.formerName ? { ...e.place, nom: `${e.formerName}, aujourd'hui ${e.place.nom}` } : e.place);
    return [...places.values()];
  }

  function resolve(input: string): Place | undefined {
    const trimmed = input.trim();
    if (/^\d{5}$/.test(trimmed)) return byPostalOrCode(trimmed);
    if (/^\d{9}$/.test(trimmed)) return epciPlaces.get(trimmed);
    if (/^(?:\d[\dAB]|97\d)$/i.test(trimmed)) return departementPlaces.get(trimmed.toUpperCase());
    const territoire = territoirePlaces.get(trimmed);
    if (territoire) return territoire;
    const folded = foldText(trimmed).replace(/\bst\b/g, "saint").replace(/\bste\b/g, "sainte");
    const entries = bySpelling.get(folded);
    if (entries?.[0]) return entries[0].place;
    return detect(["a", ...folded.split(" ")])?.place;
  }

  function byRef(type: PlaceType, code: string): Place | undefined {
    switch (type) {
      case "commune":
        return communePlace(code);
      case "epci":
        return epciPlaces.get(code);
      case "departement":
        return departementPlaces.get(code);
      case "territoire":
        return territoirePlaces.get(code);
      case "code_postal":
        return byPostalOrCode(code);
    }
  }

  return { detect, resolve, commune: (code) => communePlace(code), byRef };
}
