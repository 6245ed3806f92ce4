// `orienteur signalements [--tous] [--json]`, `orienteur signalements fermer <n°> [--note "…"]` and
// `orienteur besoins-non-couverts [--depuis 30j] [--json]`: what the field told the editors, read from
// the server's store (ORIENTEUR_DB). Names of services and needs come from the base when it loads.
import { loadKnowledge } from "../../../knowledge/load/load-knowledge.ts";
import { unmetNeedsAnswer } from "../../feedback/digest.ts";
import { createFeedbackRepository, type FeedbackRepository, type Signalement } from "../../feedback/repository.ts";
import { feedbackTexts } from "../../feedback/texts.ts";
import { renderText } from "../../render/text.ts";
import { openStore } from "../../store/store.ts";
import type { CliIo } from "../main.ts";
import { configOf } from "./command-config.ts";
import { knowledgeDir, type CommandOptions } from "./options.ts";

export interface FeedbackOptions extends CommandOptions {
  /** `--tous`: closed reports too. */
  tous?: boolean | undefined;
  /** `--note`: what was done, when closing a report. */
  note?: string | undefined;
  /** `--depuis`: period of the unmet-needs report (30j, 4s, 6m or a date). */
  depuis?: string | undefined;
}

/** For tests: the environment (ORIENTEUR_DB) and the clock. */
export interface FeedbackContext {
  env?: Record<string, string | undefined>;
  now?: Date;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export async function runSignalements(args: string[], options: FeedbackOptions, io: CliIo, context: FeedbackContext = {}): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== undefined && sub !== "fermer" && sub !== "liste") {
    io.err(feedbackTexts.cli.unknownSub(sub));
    return 2;
  }
  if (sub === "fermer" && (rest.length !== 1 || !/^\d+$/.test(rest[0]!))) {
    io.err(feedbackTexts.cli.closeUsage);
    return 2;
  }
  return withFeedback(options, context, async (feedback) => {
    if (sub === "fermer") return close(feedback, rest[0]!, options, io, context);
    const reports = feedback.signalements({ all: options.tous === true });
    const names = await namesFromBase(options, io);
    if (options.json) {
      io.out(JSON.stringify({ signalements: reports.map((r) => reportJson(r, names.services.get(r.serviceId))) }, null, 2));
      return 0;
    }
    const t = feedbackTexts.cli;
    const lines = [options.tous ? t.allCount(reports.length) : t.openCount(reports.length)];
    for (const report of reports) {
      const name = names.services.get(report.serviceId);
      lines.push("", `${t.line(report.id, report.createdAt, report.serviceId, report.platform, report.room)}${name ? ` — ${name}` : ""}`, `  ${report.texte}`);
      if (report.closedAt !== null) lines.push(`  ✓ ${t.closedLine(report.closedAt, report.closedNote)}`);
    }
    if (reports.some((r) => r.closedAt === null)) lines.push("", t.howToClose);
    io.out(lines.join("\n"));
    return 0;
  });
}

export async function runUnmetNeeds(args: string[], options: FeedbackOptions, io: CliIo, context: FeedbackContext = {}): Promise<number> {
  if (args.length > 0) {
    io.err(feedbackTexts.cli.unmetExtra(args));
    return 2;
  }
  const now = (context.now ?? new Date()).getTime();
  const since = parseSince(options.depuis ?? "30j", now);
  if (since === undefined) {
    io.err(feedbackTexts.cli.badSince(options.depuis ?? ""));
    return 2;
  }
  return withFeedback(options, context, async (feedback) => {
    const groups = feedback.unmetNeedsReport(since);
    const names = await namesFromBase(options, io);
    if (options.json) {
      const json = {
        depuis: new Date(since).toISOString(),
        groupes: groups.map((g) => ({
          besoin: g.besoin,
          libelle: g.besoin ? (names.needs.get(g.besoin) ?? null) : null,
          lieu: g.lieu,
          nombre: g.count,
          termes: g.termes,
          situations: g.situations,
          premier: new Date(g.first).toISOString(),
          dernier: new Date(g.last).toISOString(),
        })),
      };
      io.out(JSON.stringify(json, null, 2));
      return 0;
    }
    io.out(renderText(unmetNeedsAnswer(groups, { since, labelOf: (id) => names.needs.get(id) })));
    return 0;
  });
}

/**
 * The start of a period, in ms: « 30j », « 30 jours », « 4s », « 6m », « 1a », or a date « 2026-01-31 ».
 * @example parseSince("30j", Date.parse("2026-12-01")) // → Date.parse("2026-11-01")
 */
export function parseSince(typed: string, now: number): number | undefined {
  const value = typed.trim().toLowerCase();
  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (date) {
    const ms = Date.parse(`${value}T00:00:00Z`);
    return Number.isNaN(ms) ? undefined : ms;
  }
  const span = /^(\d{1,4})\s*(j|jours?|d|s|sem|semaines?|w|m|mois|a|ans?)$/.exec(value);
  if (!span) return undefined;
  const count = Number(span[1]);
  const unit = span[2]!;
  const days = /^(j|jours?|d)$/.test(unit) ? 1 : /^(s|sem|semaines?|w)$/.test(unit) ? 7 : /^(m|mois)$/.test(unit) ? 30 : 365;
  return now - count * days * DAY_MS;
}

async function close(feedback: FeedbackRepository, typedId: string, options: FeedbackOptions, io: CliIo, context: FeedbackContext): Promise<number> {
  const id = Number(typedId);
  const existing = feedback.signalement(id);
  if (!existing) {
    io.err(feedbackTexts.cli.notFound(typedId, feedback.signalements().map((r) => r.id)));
    return 1;
  }
  feedback.closeSignalement(id, options.note, (context.now ?? new Date()).getTime());
  io.out(existing.closedAt === null ? feedbackTexts.cli.closed(id) : feedbackTexts.cli.alreadyClosed(id, existing.closedAt));
  return 0;
}

/** Opens the server's store (ORIENTEUR_DB, or var/orienteur.sqlite), runs `work`, closes it. */
async function withFeedback(options: CommandOptions, context: FeedbackContext, work: (feedback: FeedbackRepository) => Promise<number>): Promise<number> {
  const config = configOf(options, context.env);
  const store = openStore(config.db);
  try {
    return await work(createFeedbackRepository(store.db));
  } finally {
    store.close();
  }
}

/** Service and need names from the base; empty maps (ids shown) when the base does not load. */
async function namesFromBase(options: FeedbackOptions, io: CliIo): Promise<{ services: Map<string, string>; needs: Map<string, string> }> {
  try {
    const base = await loadKnowledge(knowledgeDir(options));
    return { services: new Map(base.services.map((s) => [s.id, s.nom])), needs: new Map(base.besoins.map((b) => [b.id, b.libelle])) };
  } catch {
    io.err(feedbackTexts.cli.baseUnavailable(knowledgeDir(options)));
    return { services: new Map(), needs: new Map() };
  }
}

function reportJson(report: Signalement, serviceName: string | undefined) {
  return {
    numero: report.id,
    service: report.serviceId,
    service_nom: serviceName ?? null,
    texte: report.texte,
    plateforme: report.platform,
    salon: report.room,
    cree_le: new Date(report.createdAt).toISOString(),
    ferme_le: report.closedAt === null ? null : new Date(report.closedAt).toISOString(),
    note: report.closedNote,
  };
}
