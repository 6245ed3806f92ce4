// What the editors' rooms receive on a schedule: every week the unmet needs, every month the
// entries due for a check and the least complete fiches. Timers are checked hourly and remembered per period, so a restart
// neither repeats nor skips a digest.
import { formatProblem } from "../../knowledge/load/problems.ts";
import { runQualityChecks, todayInParis } from "../../knowledge/checks/run.ts";
import { completenessLine, scoreCompleteness } from "../../knowledge/checks/completeness.ts";
import type { Orienteur } from "../../knowledge/orienteur.ts";
import type { Answer } from "../../knowledge/answer/model.ts";
import { unmetNeedsAnswer } from "../feedback/digest.ts";
import type { FeedbackRepository } from "../feedback/repository.ts";
import type { Logger } from "./logger.ts";

const WEEK = 7 * 24 * 60 * 60 * 1000;

/** The weekly digest of unmet needs over the last seven days. */
export function weeklyUnmetNeeds(feedback: FeedbackRepository, orienteur: Orienteur, now: number): Answer {
  const since = now - WEEK;
  return unmetNeedsAnswer(feedback.unmetNeedsReport(since), { since, labelOf: (id) => orienteur.base.besoins.find((b) => b.id === id)?.libelle });
}

/**
 * The monthly list of entries whose last check is older than their update frequency, then the
 * services an update campaign asked that did not answer (`unanswered`, one line each).
 */
export function monthlyStaleEntries(orienteur: Orienteur, now: Date, max = 30, unanswered: readonly string[] = []): Answer {
  const stale = runQualityChecks(orienteur.base, orienteur, { today: todayInParis(now) }).filter((p) => p.code === "date-maj-ancienne");
  const campaign: Answer["blocks"] =
    unanswered.length === 0
      ? []
      : [
          { type: "title", text: [{ text: `${unanswered.length} service(s) n'ont pas répondu à la campagne de mise à jour` }] },
          { type: "list", items: unanswered.slice(0, max).map((line) => [{ text: line }]) },
          { type: "paragraph", text: [{ text: "Détail : orienteur campagne suivi ; un rappel : orienteur campagne relancer." }] },
        ];
  const incomplete = leastComplete(orienteur, now);
  if (stale.length === 0) return { blocks: [{ type: "paragraph", text: [{ text: "Aucune fiche n'attend de vérification ce mois-ci." }] }, ...campaign, ...incomplete] };
  return {
    blocks: [
      { type: "title", text: [{ text: `${stale.length} fiche(s) à vérifier ce mois-ci` }] },
      { type: "list", items: stale.slice(0, max).map((p) => [{ text: formatProblem(p) }]) },
      ...(stale.length > max ? [{ type: "paragraph" as const, text: [{ text: `… et ${stale.length - max} autre(s) : « orienteur kb check » les liste toutes.` }] }] : []),
      { type: "paragraph", text: [{ text: "Après vérification : orienteur kb verifier <id>." }] },
      ...campaign,
      ...incomplete,
    ],
  };
}

/** The least complete fiches, lowest first, with what each lacks: where editors should work first. */
function leastComplete(orienteur: Orienteur, now: Date, shown = 5): Answer["blocks"] {
  const report = scoreCompleteness(orienteur.base, { today: todayInParis(now) });
  const first = report.services.filter((s) => s.score < 100).slice(0, shown);
  if (first.length === 0) return [];
  return [
    { type: "title", text: [{ text: `Fiches les moins complètes (complétude moyenne de la base : ${report.moyenne} %)` }] },
    { type: "list", items: first.map((entry) => [{ text: completenessLine(entry) }]) },
    { type: "paragraph", text: [{ text: "Toutes les fiches, de la moins complète à la plus complète : orienteur kb check --json (champ « completude »)." }] },
  ];
}

export interface Periodic {
  stop(): void;
}

/** Schedules both digests (Mondays and the 1st of the month); `remember` keeps which week and month were sent. */
export function scheduleEditorDigests(
  feedback: FeedbackRepository,
  orienteur: () => Orienteur,
  notify: (answer: Answer) => Promise<void>,
  logger: Logger,
  remember: { get: (key: string) => string | undefined; set: (key: string, value: string) => void } = inMemory(),
  campaignUnanswered: () => readonly string[] = () => [],
): Periodic {
  const tick = async () => {
    const now = new Date();
    const week = isoWeek(now);
    const month = now.toISOString().slice(0, 7);
    try {
      if (now.getUTCDay() === 1 && remember.get("digest:besoins") !== week) {
        remember.set("digest:besoins", week);
        await notify(weeklyUnmetNeeds(feedback, orienteur(), now.getTime()));
      }
      if (now.getUTCDate() === 1 && remember.get("digest:fiches") !== month) {
        remember.set("digest:fiches", month);
        await notify(monthlyStaleEntries(orienteur(), now, 30, campaignUnanswered()));
      }
    } catch (error) {
      logger.error({ err: { name: (error as Error).name, message: (error as Error).message } }, "editors' digest failed");
    }
  };
  const timer = setInterval(() => void tick(), 60 * 60 * 1000);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}

function inMemory() {
  const values = new Map<string, string>();
  return { get: (key: string) => values.get(key), set: (key: string, value: string) => void values.set(key, value) };
}

function isoWeek(date: Date): string {
  const day = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  day.setUTCDate(day.getUTCDate() + 4 - (day.getUTCDay() || 7));
  const yearStart = new Date(Date.UTC(day.getUTCFullYear(), 0, 1));
  return `${day.getUTCFullYear()}-S${Math.ceil(((day.getTime() - yearStart.getTime()) / 86_400_000 + 1) / 7)}`;
}
