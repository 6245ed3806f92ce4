// How complete each service's fiche is, out of 100, and what is missing, in French: editors see
// where to work first (lowest first). Directories die when nobody updates them; a score per fiche
// turns « tenir la base à jour » into a list of small, concrete tasks.
//
// The weights follow what a professional needs to refer someone: a way to reach the service and
// to know how to refer (téléphone, mobilisation: 15 each), a recent check (15), then the rest.
// What the schema already requires (needs, publics, FALC summary) scores only on its precision.
import type { KnowledgeBase } from "../base.ts";
import type { Service } from "../schema/index.ts";
import { defaultQualityOptions } from "./context.ts";
import { todayInParis } from "./run.ts";
import { monthsBetween } from "./stale.ts";

/** One criterion: its weight, and the share of it a service earns (0 to 1). */
interface Criterion {
  /** What is missing, said to an editor (« téléphone »). */
  manque: string;
  weight: number;
  earned: (service: Service, context: { today: string; defaultFrequencyMonths: number }) => number;
}

/** Needs beyond this many make a service found for almost anything: less precise. */
const PRECISE_NEEDS = 6;
/** A description shorter than this says little more than the FALC summary. */
const FULL_DESCRIPTION = 200;

const COMPLETENESS_CRITERIA: readonly Criterion[] = [
  { manque: "téléphone", weight: 15, earned: (s) => (s.telephone ? 1 : 0) },
  { manque: "courriel", weight: 10, earned: (s) => (s.courriel ? 1 : 0) },
  // A national line or a service only at a distance receives nobody: no address is expected.
  { manque: "adresse", weight: 10, earned: (s) => (s.adresse ? (s.commune || s.code_postal ? 1 : 0.5) : receivesNobody(s) ? 1 : 0) },
  {
    manque: "comment orienter (mobilisation_precisions)",
    weight: 15,
    earned: (s) => (s.mobilisation_precisions ? 1 : s.lien_mobilisation || s.modes_mobilisation?.length ? 0.5 : 0),
  },
  { manque: "contact nommé (referent)", weight: 10, earned: (s) => (s.referent ? (s.referent.telephone || s.referent.courriel || s.referent.nom_prenom ? 1 : 0.7) : 0) },
  { manque: "publics précisés", weight: 5, earned: (s) => (s.publics.some((p) => p !== "tous-publics") || s.publics_precisions ? 1 : 0.5) },
  { manque: `besoins resserrés (${PRECISE_NEEDS} au plus)`, weight: 5, earned: (s) => (s.besoins.length <= PRECISE_NEEDS ? 1 : 0.5) },
  { manque: `description détaillée (${FULL_DESCRIPTION} caractères)`, weight: 10, earned: (s) => Math.min(1, s.description.length / FULL_DESCRIPTION) },
  { manque: "coût (frais)", weight: 5, earned: (s) => (s.frais ? 1 : 0) },
  {
    manque: "vérification récente (date_maj)",
    weight: 15,
    earned: (s, { today, defaultFrequencyMonths }) => {
      const frequency = s.frequence_maj_mois ?? defaultFrequencyMonths;
      const months = monthsBetween(s.date_maj, today);
      return months < frequency ? 1 : months < 2 * frequency ? 0.5 : 0;
    },
  },
];

function receivesNobody(service: Service): boolean {
  const remoteOnly = service.modes_accueil !== undefined && !service.modes_accueil.includes("en-presentiel");
  return remoteOnly || (service.zone_eligibilite?.includes("france") ?? false);
}

export interface Completeness {
  id: string;
  nom: string;
  /** File of the service, relative to the base folder. */
  file: string;
  /** 0 to 100. */
  score: number;
  /** What is missing or partial, in French, heaviest first. */
  manque: string[];
}

export interface CompletenessReport {
  /** Average score over the services, 0 to 100 (100 for a base without service). */
  moyenne: number;
  /** Every service, lowest score first: where to work first. */
  services: Completeness[];
}

/**
 * The completeness of every service, lowest first.
 * @example
 * const { moyenne, services } = scoreCompleteness(base, { today: "2026-11-23" });
 * services[0] // { id: "ssiad-clamecy", score: 45, manque: ["téléphone", "comment orienter (mobilisation_precisions)", …] }
 */
export function scoreCompleteness(base: KnowledgeBase, options: { today?: string; defaultFrequencyMonths?: number } = {}): CompletenessReport {
  const context = { today: options.today ?? todayInParis(), defaultFrequencyMonths: options.defaultFrequencyMonths ?? defaultQualityOptions.defaultFrequencyMonths };
  const services = base.services.map((service): Completeness => {
    let score = 0;
    const missing: { manque: string; lost: number }[] = [];
    for (const criterion of COMPLETENESS_CRITERIA) {
      const earned = Math.max(0, Math.min(1, criterion.earned(service, context)));
      score += criterion.weight * earned;
      if (earned < 1) missing.push({ manque: criterion.manque, lost: criterion.weight * (1 - earned) });
    }
    return {
      id: service.id,
      nom: service.nom,
      file: base.sources.get(`services:${service.id}`)?.file ?? "",
      score: Math.round(score),
      manque: missing.sort((a, b) => b.lost - a.lost).map((m) => m.manque),
    };
  });
  services.sort((a, b) => a.score - b.score || a.id.localeCompare(b.id));
  const moyenne = services.length === 0 ? 100 : Math.round(services.reduce((sum, s) => sum + s.score, 0) / services.length);
  return { moyenne, services };
}

/**
 * One French line for `kb check` and the editors: the average, and the fiches to complete first.
 * @example « Complétude des fiches : 78 % en moyenne. À compléter d'abord : ssiad-clamecy (45 % ; manque : téléphone, …), … »
 */
export function completenessSummary(report: CompletenessReport, shown = 3): string {
  if (report.services.length === 0) return "Complétude des fiches : aucun service dans la base.";
  const first = report.services.filter((s) => s.score < 100).slice(0, shown);
  const head = `Complétude des fiches : ${report.moyenne} % en moyenne sur ${report.services.length} service${report.services.length > 1 ? "s" : ""}.`;
  if (first.length === 0) return `${head} Toutes les fiches sont complètes.`;
  return `${head} À compléter d'abord : ${first.map(completenessLine).join(" ; ")}.`;
}

/** `ssiad-clamecy (45 % ; manque : téléphone, contact nommé (referent))`. */
export function completenessLine(entry: Completeness): string {
  return `${entry.id} (${entry.score} %${entry.manque.length > 0 ? ` ; manque : ${entry.manque.slice(0, 4).join(", ")}${entry.manque.length > 4 ? "…" : ""}` : ""})`;
}
