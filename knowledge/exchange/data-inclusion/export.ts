// Knowledge base → data·inclusion v1: one service record per service, one structure record per
// distinct `structure` name. Records follow the data·inclusion v1 schema (a copy is in test/fixtures/data-inclusion-schema-v1)
// (service.json, structure.json): every optional field is present, `null` when unknown.
import type { KnowledgeBase } from "../../base.ts";
import type { Service } from "../../schema/index.ts";
import { DEFAULT_SOURCE, slugify, toE164, type DiExport, type DiService, type DiStructure } from "./records.ts";

export interface ExportOptions {
  /** Producer name, written in `source` and before every `id` (`orienteur--ssiad-clamecy`). Default « orienteur ». */
  source?: string | undefined;
}

/** data·inclusion's `email` format (ajv-formats, RFC 5322 without quoted parts): ours is more lenient. */
const DI_EMAIL = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i;

/**
 * Exports a base as data·inclusion v1 records.
 * @example
 * const { structures, services } = exportDataInclusion(await loadKnowledge("knowledge/demo-nievre"));
 * services[0].id // "orienteur--aide-alimentaire-clamecy"
 */
export function exportDataInclusion(base: KnowledgeBase, options: ExportOptions = {}): DiExport {
  const source = slugify(options.source ?? DEFAULT_SOURCE) || DEFAULT_SOURCE;
  const besoins = new Map(base.besoins.map((b) => [b.id, b]));
  const publics = new Map(base.publics.map((p) => [p.id, p]));
  const territoires = new Map(base.territoires.map((t) => [t.id, t]));

  const groups = new Map<string, { nom: string; services: Service[] }>();
  const services = base.services.map((service): DiService => {
    const nom = structureName(service);
    const key = slugify(nom) || service.id;
    const group = groups.get(key);
    if (group) group.services.push(service);
    else groups.set(key, { nom, services: [service] });

    const thematiques = service.thematiques ?? unique(service.besoins.flatMap((id) => besoins.get(id)?.thematiques ?? []));
    const publicsDi = unique(service.publics.flatMap((id) => publics.get(id)?.data_inclusion ?? []));
    const zone = unique([...(service.zone_eligibilite ?? []), ...(service.territoires ?? []).flatMap((id) => territoires.get(id)?.zone ?? [])]);
    return {
      source,
      structure_id: `${source}--${key}`,
      id: `${source}--${service.id}`,
      nom: service.nom,
      description: (service.description || service.description_falc).slice(0, 10_000),
      type: service.type ?? null,
      thematiques: thematiques.length > 0 ? thematiques : null,
      publics: publicsDi.length > 0 ? publicsDi : null,
      publics_precisions: publicsPrecisions(service),
      conditions_acces: service.conditions_acces ?? null,
      frais: service.frais ?? null,
      frais_precisions: service.frais_precisions ?? null,
      telephone: service.telephone ? toE164(service.telephone) : null,
      courriel: email(service.courriel),
      contact_nom_prenom: service.referent?.nom_prenom ?? null,
      adresse: service.adresse ?? null,
      complement_adresse: service.complement_adresse ?? null,
      code_postal: service.code_postal ?? null,
      commune: service.commune ?? null,
      code_insee: service.code_insee ?? null,
      latitude: null,
      longitude: null,
      horaires_accueil: service.horaires_accueil ?? null,
      modes_accueil: nonEmpty(service.modes_accueil),
      modes_mobilisation: nonEmpty(service.modes_mobilisation),
      mobilisable_par: nonEmpty(service.mobilisable_par),
      mobilisation_precisions: service.mobilisation_precisions ?? null,
      lien_mobilisation: uri(service.lien_mobilisation),
      lien_source: uri(service.lien_source),
      zone_eligibilite: zone.includes("france") ? ["france"] : zone.length > 0 ? zone : null,
      nombre_semaines: null,
      volume_horaire_hebdomadaire: null,
      date_maj: service.date_maj,
    };
  });

  const structures = [...groups].map(([key, group]): DiStructure => {
    // A structure gets a contact only when all its services share it: then it is the structure's own.
    const shared = <T>(pick: (service: Service) => T | undefined): T | null => {
      const values = new Set(group.services.map(pick));
      const [only] = values;
      return values.size === 1 && only !== undefined ? only : null;
    };
    const telephone = shared((s) => s.telephone);
    return {
      source,
      id: `${source}--${key}`,
      nom: group.nom,
      description: null,
      siret: null,
      reseaux_porteurs: null,
      telephone: telephone === null ? null : toE164(telephone),
      courriel: email(shared((s) => s.courriel) ?? undefined),
      site_web: uri(shared((s) => s.site_web) ?? undefined),
      adresse: shared((s) => s.adresse),
      complement_adresse: shared((s) => s.complement_adresse),
      code_postal: shared((s) => s.code_postal),
      commune: shared((s) => s.commune),
      code_insee: shared((s) => s.code_insee),
      latitude: null,
      longitude: null,
      horaires_accueil: null,
      accessibilite_lieu: null,
      lien_source: null,
      date_maj: group.services.map((s) => s.date_maj).sort().at(-1) ?? group.services[0]!.date_maj,
    };
  });
  return { structures, services };
}

/** The structure's name, as data·inclusion wants it (3 to 150 characters, no final period); a service with none stands for itself. */
function structureName(service: Service): string {
  const nom = (service.structure && service.structure.trim().length >= 3 ? service.structure : service.nom).trim().replace(/\.+$/, "");
  if (nom.length <= 150) return nom;
  const cut = nom.slice(0, 150);
  return cut.slice(0, cut.lastIndexOf(" ") > 100 ? cut.lastIndexOf(" ") : 150);
}

/** data·inclusion has no age fields: the ages go into `publics_precisions`, so they are not lost. */
function publicsPrecisions(service: Service): string | null {
  const { age_min: min, age_max: max } = service;
  const ages = min !== undefined && max !== undefined ? `De ${min} à ${max} ans.` : min !== undefined ? `À partir de ${min} ans.` : max !== undefined ? `Jusqu'à ${max} ans.` : undefined;
  const parts = [service.publics_precisions, ages !== undefined && !service.publics_precisions?.includes(ages) ? ages : undefined].filter((p): p is string => Boolean(p));
  return parts.length > 0 ? parts.join(" ") : null;
}

/** A URL in the strict `uri` format (non-ASCII characters percent-encoded), or null. */
function uri(value: string | undefined): string | null {
  if (value === undefined) return null;
  if (/^[\x21-\x7e]+$/.test(value)) return value;
  try {
    return new URL(value).href;
  } catch {
    return null;
  }
}

function email(value: string | undefined): string | null {
  return value !== undefined && DI_EMAIL.test(value) ? value : null;
}

function nonEmpty<T extends string>(values: readonly T[] | undefined): T[] | null {
  return values && values.length > 0 ? [...values] : null;
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}
