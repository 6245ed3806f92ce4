// The understanding evaluation: runs a labelled question set through a base and measures what a
// professional would notice — needs read, place read, the right services in the first three,
// questions asked back when they should be, danger lines first, and no service outside its zone.
// Only the public orienteur API is used, so the same file measures older versions of the engine.
import { readFileSync } from "node:fs";
import { load } from "js-yaml";
import { compileZone, communesOfZone, zoneCoversAll } from "../../knowledge/places/coverage.ts";
import type { Orienteur } from "../../knowledge/orienteur.ts";
import { parseIntent } from "../../bot/core/intents.ts";

type Expected = "reponse" | "demander-lieu" | "demander-besoin" | "choisir-commune";

/** One labelled question (see test/eval/LISEZMOI.md). */
export interface EvalQuestion {
  id: string;
  voix?: string;
  question: string;
  precedent?: string | null;
  besoins: string[];
  besoins_acceptes?: string[];
  lieu: string | null;
  danger?: string | null;
  attendu: Expected;
}

/** The national line expected first for each danger. */
const DANGER_LINES: Readonly<Record<string, readonly string[]>> = {
  suicide: ["3114"],
  "violences-conjugales": ["3919", "17"],
  "enfant-en-danger": ["119"],
  maltraitance: ["3977"],
  "sans-abri": ["115"],
  "urgence-medicale": ["15", "112"],
  "danger-immediat": ["17", "114", "112"],
};

interface Failure {
  id: string;
  question: string;
  what: string;
}

export interface EvalReport {
  questions: number;
  /** Expected needs found / expected needs. */
  needRecall: number;
  /** Needs found that were expected or acceptable / needs found. */
  needPrecision: number;
  /** Questions whose place was read as labelled / questions. */
  placeAccuracy: number;
  /** Among answerable questions with needs: a service for an expected need in the first three. */
  top3Hit: number;
  /** Questions whose clarification (asked or not, and which) is the expected one. */
  clarificationCorrect: number;
  /** Danger questions whose answer starts with a fitting national line. */
  dangerFirst: number;
  dangerQuestions: number;
  /** Questions with no danger whose answer starts with an emergency line anyway. */
  falseAlarms: number;
  /** Results that do not cover the place asked (must be 0). */
  outOfTerritory: number;
  failures: Failure[];
}

/** Reads a question file. */
export function readQuestions(path: string): EvalQuestion[] {
  return load(readFileSync(path, "utf8")) as EvalQuestion[];
}

interface AnyOrientation {
  lieu: { type: string; code: string; communes: readonly string[] } | null;
  besoins: { id: string }[];
  resultats: { service: { id: string; besoins: readonly string[]; telephone?: string }; generaliste: boolean }[];
  situation: string;
  urgences?: { lignes: { numero: string }[] }[];
  lieuxPossibles?: unknown[];
}

/** Runs the questions through an orienteur and measures. */
export function evaluate(orienteur: Orienteur, questions: readonly EvalQuestion[]): EvalReport {
  let needExpected = 0;
  let needFound = 0;
  let needReturned = 0;
  let needReturnedRight = 0;
  let placeRight = 0;
  let top3Questions = 0;
  let top3Right = 0;
  let clarificationRight = 0;
  let dangerQuestions = 0;
  let dangerRight = 0;
  let outOfTerritory = 0;
  let falseAlarms = 0;
  const failures: Failure[] = [];
  const fail = (q: EvalQuestion, what: string) => failures.push({ id: q.id, question: q.question, what });

  for (const q of questions) {
    const contexte = q.precedent ? orienteur.orient({ question: q.precedent }).contexte : undefined;
    const o = orienteur.orient({ question: q.question, contexte }) as unknown as AnyOrientation;
    const found = new Set(o.besoins.map((b) => b.id));
    const acceptable = new Set([...q.besoins, ...(q.besoins_acceptes ?? [])]);

    for (const id of q.besoins) {
      needExpected++;
      if (found.has(id)) needFound++;
      else fail(q, `besoin manqué : ${id} (lu : ${[...found].join(", ") || "aucun"})`);
    }
    for (const id of found) {
      needReturned++;
      if (acceptable.has(id)) needReturnedRight++;
      else fail(q, `besoin en trop : ${id}`);
    }

    const place = placeRef(o.lieu);
    if (place === (q.lieu ?? null) || samePostalCode(orienteur, q.lieu, o.lieu)) placeRight++;
    else fail(q, `lieu lu : ${place ?? "aucun"}, attendu : ${q.lieu ?? "aucun"}`);

    // « c'est quoi un SIAO ? » is answered by the conversation with the sigle's meaning, whatever orient says.
    const intent = parseIntent(q.question);
    const asked = intent.kind === "command" && intent.command === "sigle" ? "reponse" : clarificationOf(o);
    if (asked === q.attendu) clarificationRight++;
    else fail(q, `réponse de type ${asked}, attendu : ${q.attendu}`);

    // A right service in the first three is only asked for where the base has one for that place;
    // elsewhere the right answer is « nothing local », with the general entry points.
    if (q.attendu === "reponse" && q.besoins.length > 0 && baseCanServe(orienteur, q)) {
      top3Questions++;
      const top = o.resultats.slice(0, 3);
      if (top.some((r) => !r.generaliste && r.service.besoins.some((b) => q.besoins.includes(b) || (q.besoins_acceptes ?? []).includes(b)))) top3Right++;
      else fail(q, `aucun service du besoin dans les 3 premiers (${top.map((r) => r.service.id).join(", ") || "aucun"})`);
    }

    if (q.danger) {
      dangerQuestions++;
      const first = o.urgences?.[0]?.lignes[0]?.numero ?? firstResultLine(o);
      if (first && (DANGER_LINES[q.danger] ?? []).includes(first)) dangerRight++;
      else fail(q, `danger ${q.danger} : première ligne ${first ?? "aucune"}`);
    } else if ((o.urgences?.length ?? 0) > 0) {
      falseAlarms++;
      fail(q, `fausse alerte : ${o.urgences!.map((u) => u.lignes[0]?.numero).join(", ")}`);
    }

    if (o.lieu && q.lieu) {
      const communes = o.lieu.communes;
      for (const r of o.resultats) {
        if (!coversPlace(orienteur, r.service.id, communes)) {
          outOfTerritory++;
          fail(q, `hors zone : ${r.service.id}`);
        }
      }
    }
  }

  const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);
  return {
    questions: questions.length,
    needRecall: ratio(needFound, needExpected),
    needPrecision: ratio(needReturnedRight, needReturned),
    placeAccuracy: ratio(placeRight, questions.length),
    top3Hit: ratio(top3Right, top3Questions),
    clarificationCorrect: ratio(clarificationRight, questions.length),
    dangerFirst: ratio(dangerRight, dangerQuestions),
    dangerQuestions,
    falseAlarms,
    outOfTerritory,
    failures,
  };
}

function placeRef(lieu: AnyOrientation["lieu"]): string | null {
  if (!lieu) return null;
  switch (lieu.type) {
    case "commune":
      return lieu.code;
    case "epci":
      return `epci:${lieu.code}`;
    case "departement":
      return `dep:${lieu.code}`;
    case "code_postal":
      return `cp:${lieu.code}`;
    default:
      return `${lieu.type}:${lieu.code}`;
  }
}

/** Whether some service of an expected need covers the expected place (anywhere in the base when none is said). */
function baseCanServe(orienteur: Orienteur, q: EvalQuestion): boolean {
  const communes = expectedCommunes(orienteur, q.lieu);
  return orienteur.base.services.some(
    (service) => service.besoins.some((b) => q.besoins.includes(b) || (q.besoins_acceptes ?? []).includes(b)) && (communes === null || coversPlace(orienteur, service.id, communes)),
  );
}

function expectedCommunes(orienteur: Orienteur, lieu: string | null): readonly string[] | null {
  if (!lieu) return null;
  const [kind, code] = lieu.includes(":") ? (lieu.split(":") as [string, string]) : ["commune", lieu];
  const type = ({ commune: "commune", epci: "epci", dep: "departement", cp: "code_postal", territoire: "territoire" } as const)[kind as "commune"];
  return (type && orienteur.places.byRef(type, code)?.communes) ?? null;
}

/** « 58640 » typed alone is that postal code, and the commune when it is the only one to have it. */
function samePostalCode(orienteur: Orienteur, expected: string | null, lieu: AnyOrientation["lieu"]): boolean {
  if (!expected?.startsWith("cp:") || lieu?.type !== "commune") return false;
  const communes = orienteur.geography.communesByPostalCode.get(expected.slice(3)) ?? [];
  return communes.length === 1 && communes[0] === lieu.code;
}

function clarificationOf(o: AnyOrientation): Expected {
  if (o.situation === "lieu-ambigu" || (o.lieuxPossibles?.length ?? 0) > 1) return "choisir-commune";
  if (o.situation === "lieu-manquant") return "demander-lieu";
  if (o.situation === "besoin-inconnu" && (o.urgences?.length ?? 0) === 0) return "demander-besoin";
  return "reponse";
}

/** Engines without national lines: a first result that is a national emergency number counts. */
function firstResultLine(o: AnyOrientation): string | undefined {
  const phone = o.resultats[0]?.service.telephone?.replace(/\s/g, "");
  return phone && phone.length <= 4 ? phone : undefined;
}

function coversPlace(orienteur: Orienteur, serviceId: string, communes: readonly string[]): boolean {
  const service = orienteur.service(serviceId)!;
  // Compiled again here so that the evaluation does not trust the engine's own zone check.
  return zoneCoversAll(orienteur.geography, compiledZone(orienteur, service), communes);
}

const zoneCache = new WeakMap<object, ReturnType<typeof compile>>();
function compiledZone(orienteur: Orienteur, service: NonNullable<ReturnType<Orienteur["service"]>>) {
  let zone = zoneCache.get(service);
  if (!zone) {
    zone = compile(orienteur, service);
    zoneCache.set(service, zone);
  }
  return zone;
}

function compile(orienteur: Orienteur, service: NonNullable<ReturnType<Orienteur["service"]>>) {
  const extra = (service.territoires ?? []).flatMap((id) => {
    const territoire = orienteur.base.territoires.find((t) => t.id === id);
    return territoire ? communesOfZone(orienteur.geography, territoire.zone) : [];
  });
  return compileZone(orienteur.geography, service.zone_eligibilite ?? [], extra);
}

/** The report as lines for a terminal. */
export function formatReport(name: string, report: EvalReport): string {
  const pct = (value: number) => `${(value * 100).toFixed(1)} %`;
  return [
    `${name} — ${report.questions} questions`,
    `  besoins : rappel ${pct(report.needRecall)}, précision ${pct(report.needPrecision)}`,
    `  lieu juste : ${pct(report.placeAccuracy)}`,
    `  bon service dans les 3 premiers : ${pct(report.top3Hit)}`,
    `  question en retour juste : ${pct(report.clarificationCorrect)}`,
    `  ligne d'urgence en tête : ${pct(report.dangerFirst)} (${report.dangerQuestions} questions de danger), fausses alertes : ${report.falseAlarms}`,
    `  services hors zone : ${report.outOfTerritory}`,
  ].join("\n");
}
