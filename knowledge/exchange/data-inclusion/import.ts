// data·inclusion v1 → knowledge base: each service record becomes one YAML entry, its thématiques
// mapped to the base's needs, its publics to the base's publics, its zone codes checked against
// the official geography. What cannot be mapped is dropped and said, never guessed silently:
// every file written passes the loader, and its header tells the editor what to re-read.
import type { KnowledgeBase } from "../../base.ts";
import { getGeography, type Geography } from "../../places/geography.ts";
import { frenchMessage } from "../../load/zod-messages.ts";
import { courrielSchema, dateSchema } from "../../schema/common.ts";
import { FRAIS, MODES_ACCUEIL, MODES_MOBILISATION, PERSONNES_MOBILISATRICES, PUBLICS_DI, THEMATIQUES, TYPES_SERVICE } from "../../schema/data-inclusion.ts";
import { serviceSchema, type Service } from "../../schema/service.ts";
import { besoinsFor, checked, communeCode, cutAtWord, falcFrom, known, openingHours, phone, publicsFor, url, zoneCodes, zoneNames, zoneTouches } from "./map-values.ts";
import { compactPostalCode, ENTRY_POINT_NETWORKS, isEmpty, shortValue, sigleOf, structureLeftOut, TARGETS } from "./field-report.ts";
import { besoinsFromLexicon, type CreatedBesoin } from "./missing-besoins.ts";
import { DEFAULT_SOURCE, recordsOf, slugify, strings, text } from "./records.ts";
import { IMPORT_TEXTS as T } from "./texts.ts";
import { serviceToYaml } from "./yaml-entry.ts";

export interface ImportOptions {
  /** Name of the services file, quoted in the header of every YAML file and in the report. */
  fichier?: string | undefined;
  /** Import date `AAAA-MM-JJ`; today by default. */
  date?: string | undefined;
  /** Producers whose `source--` prefix is dropped from identifiers (our own exports). Default: « orienteur ». */
  ownSources?: readonly string[] | undefined;
  /** Attach every need that carries one of the thématiques, not only the best fits. */
  everyMatchingBesoin?: boolean | undefined;
}

/** A service turned into a YAML entry. */
interface ImportedService {
  /** Identifier in the base (`dora-aidantsconnect-2024-47bxy`); the file is `${id}.yaml`. */
  id: string;
  /** data·inclusion identifier it came from. */
  sourceId: string;
  nom: string;
  service: Service;
  yaml: string;
  /** What was dropped, guessed or needs checking, in French. */
  notes: string[];
}

interface RejectedService {
  /** data·inclusion identifier, or `n° 3` when the record has none. */
  sourceId: string;
  nom: string | undefined;
  reasons: string[];
}

export interface ImportResult {
  imported: ImportedService[];
  rejected: RejectedService[];
  /** Needs created for services whose thématiques no need of the base carries (to write into besoins/). */
  besoins: CreatedBesoin[];
  /** Remarks about the whole file (unknown fields, missing structures file). */
  general: string[];
  /** Why nothing could be read at all (the file is not a list of services), if so. */
  fatal: string | undefined;
  /** The French report: summary, services not imported, what to check. */
  report: string;
}

/** Fields of the data·inclusion v1 service schema, to spot records of another version. */
const DI_SERVICE_FIELDS = new Set([
  "source", "structure_id", "id", "nom", "description", "type", "thematiques", "publics", "publics_precisions", "conditions_acces",
  "frais", "frais_precisions", "telephone", "courriel", "contact_nom_prenom", "adresse", "complement_adresse", "code_postal", "commune",
  "code_insee", "latitude", "longitude", "horaires_accueil", "modes_accueil", "modes_mobilisation", "mobilisable_par",
  "mobilisation_precisions", "lien_mobilisation", "lien_source", "zone_eligibilite", "nombre_semaines", "volume_horaire_hebdomadaire", "date_maj",
]);
const NOT_MAPPED = ["latitude", "longitude", "nombre_semaines", "volume_horaire_hebdomadaire"] as const;

type Row = Record<string, unknown>;

/**
 * Turns data·inclusion v1 service records (and, optionally, their structures) into YAML entries
 * for `base`, with a French report of what could not be mapped.
 * @example
 * const result = importDataInclusion(JSON.parse(servicesText), JSON.parse(structuresText), base, { fichier: "services.json" });
 * for (const s of result.imported) writeFileSync(`services/import-data-inclusion/${s.id}.yaml`, s.yaml);
 * console.log(result.report);
 */
export function importDataInclusion(servicesJson: unknown, structuresJson: unknown, base: KnowledgeBase, options: ImportOptions = {}): ImportResult {
  const fichier = options.fichier ?? "services.json";
  const date = options.date ?? new Date().toISOString().slice(0, 10);
  const general: string[] = [];
  const combined = servicesJson !== null && typeof servicesJson === "object" && !Array.isArray(servicesJson) ? (servicesJson as Row) : undefined;
  const records = recordsOf(servicesJson) ?? (Array.isArray(combined?.services) ? combined.services : undefined);
  if (!records) {
    const fatal = `${fichier} : ${T.notAList}`;
    return { imported: [], rejected: [], besoins: [], general, fatal, report: fatal };
  }

  const structuresSource = structuresJson ?? combined?.structures;
  const structureRecords = structuresSource === undefined ? undefined : (recordsOf(structuresSource) ?? (general.push(T.structuresNotAList), []));
  if (structureRecords === undefined) general.push(T.noStructuresFile);
  const structures = new Map<string, Row>();
  for (const record of structureRecords ?? []) {
    const id = isRow(record) ? text(record.id) : undefined;
    if (id !== undefined) structures.set(id, record as Row);
  }

  const context: Context = {
    base,
    geography: getGeography(),
    date,
    fichier,
    structures: structureRecords === undefined ? undefined : structures,
    ownSources: new Set((options.ownSources ?? [DEFAULT_SOURCE]).map(slugify)),
    everyMatchingBesoin: options.everyMatchingBesoin ?? false,
    taken: new Set(),
    createdBesoins: new Map(),
  };
  const imported: ImportedService[] = [];
  const rejected: RejectedService[] = [];
  const unknownFields = new Set<string>();
  records.forEach((record, index) => {
    if (isRow(record)) for (const key of Object.keys(record)) if (!DI_SERVICE_FIELDS.has(key)) unknownFields.add(key);
    const outcome = importOne(record, index, context);
    if ("reasons" in outcome) rejected.push(outcome);
    else imported.push(outcome);
  });
  if (unknownFields.size > 0) general.push(T.unknownFields([...unknownFields].sort()));
  const besoins = [...context.createdBesoins.values()].filter((b) => b.services.length > 0);
  return finish(fichier, imported, rejected, besoins, general, records.length);
}

interface Context {
  base: KnowledgeBase;
  geography: Geography;
  date: string;
  fichier: string;
  /** Structures by id, or undefined when no structures file was given. */
  structures: Map<string, Row> | undefined;
  ownSources: Set<string>;
  everyMatchingBesoin: boolean;
  /** Identifiers already given to imported services. */
  taken: Set<string>;
  /** Needs created for the import, by id, shared by the services that need them. */
  createdBesoins: Map<string, CreatedBesoin>;
}

function importOne(record: unknown, index: number, context: Context): ImportedService | RejectedService {
  const { base, geography } = context;
  if (!isRow(record)) return { sourceId: `n° ${index + 1}`, nom: undefined, reasons: [T.notAnObject] };
  const sourceId = text(record.id);
  const rawNom = text(record.nom);
  const reject = (...reasons: string[]): RejectedService => ({ sourceId: sourceId ?? `n° ${index + 1}`, nom: rawNom, reasons });
  if (sourceId === undefined) return reject(T.noId);
  if (rawNom === undefined || rawNom.length < 3) return reject(T.noNom);

  const notes: string[] = [];
  /** What was kept in another form, said once per service: « telephone (+33… → 01 …) ». */
  const transformed: string[] = [];
  /** data·inclusion fields whose drop a note already explains. */
  const explained = new Set<string>();
  const track = <V>(field: string, run: () => V): V => {
    const before = notes.length;
    const value = run();
    if (notes.length > before) explained.add(field);
    return value;
  };
  const comments: Comments = {};
  const structureId = text(record.structure_id);
  const structure = structureId !== undefined ? context.structures?.get(structureId) : undefined;
  if (context.structures && structureId !== undefined && !structure) notes.push(T.missingStructure(structureId));

  // Identifier: the data·inclusion one, slugified; our own exports get their `orienteur--` prefix back off.
  let id = ownId(sourceId, text(record.source), context.ownSources);
  if (id === "") return reject(T.badId(sourceId));
  if (id !== sourceId) transformed.push(`id (« ${sourceId} » → « ${id} »)`);
  const existing = base.sources.get(`services:${id}`);
  if (existing) return reject(T.alreadyInBase(id, existing.file));
  if (context.taken.has(id)) {
    let n = 2;
    while (context.taken.has(`${id}-${n}`) || base.sources.has(`services:${id}-${n}`)) n++;
    notes.push(T.renamed(id, `${id}-${n}`));
    id = `${id}-${n}`;
  }

  const nom = rawNom.length > 150 ? (notes.push(T.nomCut), cutAtWord(rawNom, 150)) : rawNom;
  let description = text(record.description) ?? "";
  if (description.length < 20) {
    description = description === "" ? "" : `${nom.replace(/\.$/, "")}. ${description}`;
    if (description.length < 20) return reject(T.noDescription);
    notes.push(T.descriptionCompleted);
  }

  // Needs, from thématiques.
  const rawThematiques = strings(record.thematiques);
  const thematiques = rawThematiques.filter((t) => Object.hasOwn(THEMATIQUES, t));
  const unknownThematiques = rawThematiques.filter((t) => !Object.hasOwn(THEMATIQUES, t));
  if (unknownThematiques.length > 0) notes.push(T.unknownThematiques(unknownThematiques));
  if (thematiques.length === 0) return reject(T.noThematique);
  let besoins = besoinsFor(thematiques, base, notes, context.everyMatchingBesoin);
  let created: CreatedBesoin[] = [];
  if (besoins.length === 0) {
    created = besoinsFromLexicon(thematiques, base, context.createdBesoins, context.date);
    besoins = created.map((c) => c.besoin.id);
    notes.push(T.besoinsCreated(besoins));
  }
  if (besoins.length === 0) return reject(T.noBesoin(thematiques));
  comments.besoins = T.besoinsComment(thematiques);
  transformed.push(`thematiques → besoins (${besoins.join(", ")})`);

  // Publics: ours whose `data_inclusion` holds theirs, « tous-publics » otherwise.
  const rawPublics = strings(record.publics);
  const unknownPublics = rawPublics.filter((p) => !Object.hasOwn(PUBLICS_DI, p));
  if (unknownPublics.length > 0) notes.push(T.unknownValues("publics", unknownPublics));
  const publics = publicsFor(rawPublics.filter((p) => Object.hasOwn(PUBLICS_DI, p)), base, notes);
  if (publics.length === 0) return reject(T.noPublic);
  if (rawPublics.length > 0 && rawPublics.join(",") !== publics.join(",")) transformed.push(`publics (${rawPublics.join(", ")} → ${publics.join(", ")})`);

  // Where it is: the service's own address, else the structure's — unless it is given only at a distance.
  const hasOwnAddress = ["adresse", "commune", "code_postal", "code_insee"].some((field) => text(record[field]) !== undefined);
  const remoteOnly = strings(record.modes_accueil).length > 0 && strings(record.modes_accueil).every((mode) => mode === "a-distance");
  const place = hasOwnAddress || !structure || remoteOnly ? record : structure;
  const codeInsee = track("code_insee", () => communeCode(text(place.code_insee), geography, notes));

  // Zone. Without one, the commune of the address: narrower than the truth, never wider. Codes
  // given but all unknown are another matter: the producer meant somewhere we cannot read.
  const rawZone = strings(record.zone_eligibilite);
  let zone = track("zone_eligibilite", () => zoneCodes(rawZone, geography, notes));
  if (rawZone.includes("99100")) transformed.push("zone_eligibilite (« 99100 », le code pays de la France → « france »)");
  if (rawZone.length === 0 && codeInsee !== undefined) {
    zone = [codeInsee];
    notes.push(T.zoneFallback(codeInsee));
    comments.zone_eligibilite = T.zoneFallbackComment;
  }
  if (zone.length === 0) return reject(T.noZone);
  if (!zoneTouches(zone, base.info.departements, geography)) notes.push(T.zoneOutsideBase(base.info.departements));

  // Contacts: the service's own, the structure's when it has none.
  const fromStructure: string[] = [];
  const pick = (field: string): string | undefined => {
    const own = text(record[field]);
    if (own !== undefined || !structure) return own;
    const inherited = text(structure[field]);
    if (inherited !== undefined) fromStructure.push(field);
    return inherited;
  };
  const rawTelephone = pick("telephone");
  const telephone = track("telephone", () => phone(rawTelephone, notes));
  if (telephone !== undefined && rawTelephone !== telephone && !explained.has("telephone")) transformed.push(`telephone (« ${rawTelephone} » → « ${telephone} »)`);
  const courriel = track("courriel", () => checked(pick("courriel"), (v) => courrielSchema.safeParse(v).success, T.badEmail, notes));
  // data·inclusion services have no web site: the structure's is the only one there is.
  let site_web = structure ? url(text(structure.site_web), "site_web", notes) : undefined;
  if (place === structure && (text(structure.adresse) ?? text(structure.commune)) !== undefined) fromStructure.push("adresse");
  const adresse = text(place.adresse);
  const rawHoraires = pick("horaires_accueil");
  const horaires = track("horaires_accueil", () => openingHours(rawHoraires, notes));
  if (horaires !== undefined && horaires !== rawHoraires) transformed.push(`horaires_accueil (« ${rawHoraires} » → « ${horaires} »)`);
  if (!telephone && !courriel && !site_web && !adresse) {
    site_web = track("lien_source", () => url(text(record.lien_source), "lien_source", notes));
    if (site_web !== undefined) {
      transformed.push("lien_source → site_web (seule adresse pour joindre le service)");
      explained.add("lien_source");
    }
  }
  if (!telephone && !courriel && !site_web && !adresse) return reject(T.noContact);
  if (fromStructure.length > 0) notes.push(T.fromStructure(fromStructure));

  const contact = text(record.contact_nom_prenom);
  if (contact !== undefined && contact.length >= 3) notes.push(T.referentGuess);
  if (contact !== undefined && contact.length < 3) {
    notes.push(T.droppedField("contact_nom_prenom", contact, T.reasonTooShort));
    explained.add("contact_nom_prenom");
  }
  const notMapped = NOT_MAPPED.filter((field) => record[field] !== undefined && record[field] !== null);
  if (notMapped.length > 0) notes.push(T.notMapped(notMapped));

  const rawDate = text(record.date_maj) ?? "";
  const dateMaj = dateSchema.safeParse(rawDate.slice(0, 10)).success ? rawDate.slice(0, 10) : (notes.push(T.badDate(rawDate, context.date)), context.date);
  if (dateMaj === rawDate.slice(0, 10) && rawDate.length > 10) transformed.push(`date_maj (« ${rawDate} » → « ${dateMaj} », le jour seul)`);
  const type = text(record.type);
  if (type !== undefined && !Object.hasOwn(TYPES_SERVICE, type)) track("type", () => notes.push(T.unknownType(type)));
  const frais = text(record.frais);
  if (frais !== undefined && !Object.hasOwn(FRAIS, frais)) track("frais", () => notes.push(T.unknownValues("frais", [frais])));

  // What the structure says of itself: a general entry point by its network, its description.
  const reseaux = structure ? strings(structure.reseaux_porteurs) : [];
  const entryNetworks = reseaux.filter((r) => ENTRY_POINT_NETWORKS.has(r));
  if (entryNetworks.length > 0) notes.push(T.pointEntree(entryNetworks));
  const structureDescription = structure ? text(structure.description) : undefined;
  if (structureDescription !== undefined) {
    comments.structure = T.structureDescriptionComment(structureDescription.replace(/\s+/g, " "));
    notes.push(T.structureDescriptionKept);
  }
  const sigle = sigleOf(nom, base);
  if (sigle !== undefined) notes.push(T.sigleFromName(sigle));

  const service = {
    id,
    nom,
    sigle,
    structure: structure ? text(structure.nom) : undefined,
    description_falc: falcFrom(description),
    description,
    type: type !== undefined && Object.hasOwn(TYPES_SERVICE, type) ? type : undefined,
    besoins,
    thematiques,
    publics,
    publics_precisions: text(record.publics_precisions),
    zone_eligibilite: zone,
    point_entree: entryNetworks.length > 0 ? true : undefined,
    telephone,
    courriel,
    site_web,
    adresse,
    complement_adresse: text(place.complement_adresse),
    code_postal: track("code_postal", () => checked(compactPostalCode(text(place.code_postal), transformed), (v) => /^\d{5}$/.test(v), T.badCodePostal, notes)),
    commune: text(place.commune),
    code_insee: codeInsee,
    horaires_accueil: horaires,
    referent: contact !== undefined && contact.length >= 3 ? { fonction: "Contact du service", nom_prenom: contact } : undefined,
    conditions_acces: text(record.conditions_acces),
    frais: frais !== undefined && Object.hasOwn(FRAIS, frais) ? frais : undefined,
    frais_precisions: text(record.frais_precisions),
    modes_accueil: track("modes_accueil", () => known(record, "modes_accueil", MODES_ACCUEIL, notes)),
    modes_mobilisation: track("modes_mobilisation", () => known(record, "modes_mobilisation", MODES_MOBILISATION, notes)),
    mobilisable_par: track("mobilisable_par", () => known(record, "mobilisable_par", PERSONNES_MOBILISATRICES, notes)),
    mobilisation_precisions: text(record.mobilisation_precisions),
    lien_mobilisation: track("lien_mobilisation", () => url(text(record.lien_mobilisation), "lien_mobilisation", notes)),
    lien_source: site_web === text(record.lien_source) ? undefined : track("lien_source", () => url(text(record.lien_source), "lien_source", notes)),
    date_maj: dateMaj,
  };
  const entry = Object.fromEntries(Object.entries(service).filter(([, value]) => value !== undefined));
  // The safety net: every field of the record with a value is in the entry, or said why not.
  for (const [field, target] of Object.entries(TARGETS)) {
    const value = record[field];
    if (target === null || target === "" || explained.has(field) || isEmpty(value) || entry[target] !== undefined) continue;
    notes.push(T.droppedField(field, shortValue(value), T.reasonNoField));
  }
  if (structure) {
    const unused = structureLeftOut(structure, entryNetworks.length > 0, place === structure);
    if (unused.length > 0) notes.push(T.structureNotMapped(unused));
  }
  if (transformed.length > 0) notes.push(T.transformed(transformed));

  // The safety net: what we write must pass the same schema as the loader.
  const parsed = serviceSchema.safeParse(entry);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return reject(T.invalidEntry(issue.path.join("."), frenchMessage(issue, valueAt(entry, issue.path))));
  }
  context.taken.add(id);
  for (const need of created) need.services.push(id);
  comments.description_falc = T.falcComment;
  const header = [T.header(context.date, context.fichier), T.headerSource(sourceId, structureId)];
  if (notes.length > 0) header.push(T.headerNotes, ...notes.map((n) => `- ${n}`));
  const yaml = serviceToYaml(entry, { header, comments, zoneNames: zoneNames(zone, geography) });
  return { id, sourceId, nom, service: parsed.data, yaml, notes };
}

type Comments = Partial<Record<string, string>>;

function isRow(value: unknown): value is Row {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** `orienteur--ssiad-clamecy` from our own export → `ssiad-clamecy`; `dora--AidantsConnect:2024` → `dora-aidantsconnect-2024`. */
function ownId(sourceId: string, source: string | undefined, ownSources: Set<string>): string {
  const [prefix, ...rest] = sourceId.split("--");
  if (rest.length > 0 && prefix !== undefined && ownSources.has(slugify(prefix)) && (source === undefined || slugify(source) === slugify(prefix))) {
    const own = slugify(rest.join("--"));
    if (own !== "") return own;
  }
  return slugify(sourceId);
}

function valueAt(entry: unknown, path: readonly PropertyKey[]): unknown {
  let value = entry;
  for (const segment of path) value = value !== null && typeof value === "object" ? (value as Record<PropertyKey, unknown>)[segment] : undefined;
  return value;
}

function finish(fichier: string, imported: ImportedService[], rejected: RejectedService[], besoins: CreatedBesoin[], general: string[], read: number): ImportResult {
  const noteCount = imported.reduce((sum, s) => sum + s.notes.length, 0);
  const lines = [T.summary(fichier, read, imported.length, rejected.length, noteCount)];
  if (rejected.length > 0) {
    lines.push("", T.rejectedTitle);
    for (const r of rejected) lines.push(`  ✗ ${r.sourceId}${r.nom ? ` « ${r.nom} »` : ""} : ${r.reasons.join(" ; ")}.`);
  }
  if (besoins.length > 0) {
    lines.push("", T.besoinsTitle);
    for (const b of besoins) lines.push(`  + ${T.besoinLine(b.besoin.id, b.besoin.libelle, b.concept, b.services.length)}`);
  }
  const withNotes = imported.filter((s) => s.notes.length > 0);
  if (withNotes.length > 0) {
    lines.push("", T.notesTitle);
    for (const s of withNotes) {
      lines.push(`  ! ${s.id}.yaml (${s.sourceId}) :`);
      for (const note of s.notes) lines.push(`      - ${note}`);
    }
  }
  if (general.length > 0) lines.push("", T.generalTitle, ...general.map((g) => `  - ${g}`));
  return { imported, rejected, besoins, general, fatal: undefined, report: lines.join("\n") };
}
