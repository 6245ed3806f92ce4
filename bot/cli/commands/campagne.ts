// `orienteur campagne lancer|relancer|suivi`: update campaigns, from the terminal. The e-mails
// leave through the same transport as the newsletter's confirmations (SMTP_URL, or .eml files in
// ORIENTEUR_MAIL_DIR), the links are signed with the server's secret, and the state is the
// server's store (ORIENTEUR_DB), so the running server recognises the links.
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { createDeliveryRepository } from "../../../newsletters/send/deliveries.ts";
import { createFileMailer } from "../../../newsletters/send/file-mailer.ts";
import { createSmtpMailer } from "../../../newsletters/send/transport.ts";
import { createCampaignRepository } from "../../campaigns/repository.ts";
import { CampaignFilterError } from "../../campaigns/select.ts";
import { launchCampaign, sendReminders, type CampaignContext, type SendOutcome } from "../../campaigns/send.ts";
import { campaignFollowUp } from "../../campaigns/follow-up.ts";
import { campaignTexts } from "../../campaigns/texts.ts";
import { readConfig } from "../../server/config.ts";
import { linkSecret } from "../../server/secret.ts";
import { openStore } from "../../store/store.ts";
import type { CliIo } from "../main.ts";
import { openOrienteur } from "./options.ts";

/** For tests: the environment (ORIENTEUR_DB, SMTP_URL…) and the clock. */
export interface CampaignCliContext {
  env?: Record<string, string | undefined>;
  now?: () => number;
}

const t = campaignTexts.cli;

/** Runs `orienteur campagne <sub> …` from its own arguments. Exit codes: 0 done, 1 failure, 2 malformed command. */
export async function runCampagne(argv: string[], io: CliIo, context: CampaignCliContext = {}): Promise<number> {
  try {
    return await run(argv, io, context);
  } catch (error) {
    // An invalid base, an unreadable store: the French message, as every command gives it.
    io.err((error as Error).message);
    return 1;
  }
}

async function run(argv: string[], io: CliIo, context: CampaignCliContext): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        besoin: { type: "string" },
        territoire: { type: "string" },
        "dry-run": { type: "boolean", default: false },
        json: { type: "boolean", default: false },
        kb: { type: "string" },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (error) {
    io.err(`${t.unknownOption((error as Error).message)}\n\n${t.usage}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [sub, ...extra] = positionals;
  if (values.help || sub === undefined) {
    (values.help ? io.out : io.err)(t.usage);
    return values.help ? 0 : 2;
  }
  if (!["lancer", "relancer", "suivi"].includes(sub) || extra.length > 0) {
    io.err(`${t.unknownSub([sub, ...extra].join(" "))}\n\n${t.usage}`);
    return 2;
  }
  // Read once here: `campagne` parses its own options, so bot/cli/main.ts hands it the environment.
  const { config, problems } = readConfig(context.env ?? {});
  for (const problem of problems) io.err(problem);
  const settings = config.campaigns;
  const orienteur = await openOrienteur({ kb: values.kb, config });
  const store = openStore(config.db);
  try {
    const repository = createCampaignRepository(store.db);
    if (sub === "suivi") {
      // Addresses the newsletter's return mailbox found refused count here too.
      const newsletterBounces = new Map(createDeliveryRepository(store.db).suppressions().map((s) => [s.email.toLowerCase(), s.reason]));
      const follow = campaignFollowUp(repository, orienteur, context.now?.() ?? Date.now(), newsletterBounces);
      io.out(values.json ? JSON.stringify(follow.json, null, 2) : follow.text);
      return 0;
    }
    const dryRun = values["dry-run"];
    const mailer = config.newsletter.smtpUrl
      ? createSmtpMailer({ smtpUrl: config.newsletter.smtpUrl, from: config.newsletter.from, maxConnections: 1, ...(config.newsletter.dkim ? { dkim: config.newsletter.dkim } : {}) })
      : createFileMailer(config.newsletter.mailDir, config.newsletter.from);
    if (!config.newsletter.smtpUrl && !dryRun) io.err(t.mailDir(resolve(config.newsletter.mailDir)));
    const campaign: CampaignContext = {
      orienteur,
      repository,
      mailer,
      // A dry run signs nothing: it must not create the secret either.
      secret: dryRun ? "" : linkSecret(config, store, io.err),
      publicUrl: config.newsletter.publicUrl,
      domain: config.newsletter.listDomain,
      settings,
      ...(context.now ? { now: context.now } : {}),
    };
    try {
      return sub === "lancer" ? await launch(campaign, values, io) : await remind(campaign, dryRun, io);
    } finally {
      mailer.close();
    }
  } catch (error) {
    if (error instanceof CampaignFilterError) {
      io.err(error.message);
      return 2;
    }
    throw error;
  } finally {
    store.close();
  }
}

async function launch(campaign: CampaignContext, values: { besoin?: string | undefined; territoire?: string | undefined; "dry-run": boolean }, io: CliIo): Promise<number> {
  const dryRun = values["dry-run"];
  const report = await launchCampaign(campaign, { besoin: values.besoin, territoire: values.territoire }, { dryRun });
  const { selection } = report;
  const lines = [t.scope(selection.besoinLabel, selection.placeName)];
  if (dryRun) lines.push(t.dryRun);
  lines.push(t.toSend(report.outcomes.length));
  for (const outcome of report.outcomes) lines.push(t.wouldSend(outcome.service?.nom ?? outcome.request.serviceId, outcome.request.serviceId, outcome.request.email));
  lines.push(...outcomeLines(report.outcomes));
  if (!dryRun) lines.push(t.sent(report.outcomes.filter((o) => !o.failure).length));
  if (report.alreadyAsked.length > 0) lines.push(t.alreadyAsked(report.alreadyAsked.length));
  if (report.refusedBefore.length > 0) {
    lines.push(t.refusedBefore(report.refusedBefore.length));
    for (const { service, email } of report.refusedBefore) lines.push(`  ${service.nom} (${service.id}) — ${email}`);
  }
  if (selection.upToDate.length > 0) lines.push(t.upToDate(selection.upToDate.length));
  if (selection.withoutEmail.length > 0) {
    lines.push(t.withoutEmail(selection.withoutEmail.length));
    for (const service of selection.withoutEmail) lines.push(`  ${service.nom} (${service.id})${service.telephone ? ` — ${service.telephone}` : ""}`);
  }
  io.out(lines.join("\n"));
  return report.outcomes.some((o) => o.failure && !o.permanent) ? 1 : 0;
}

async function remind(campaign: CampaignContext, dryRun: boolean, io: CliIo): Promise<number> {
  const outcomes = await sendReminders(campaign, { dryRun });
  const lines: string[] = dryRun ? [t.dryRun] : [];
  lines.push(t.remindersDue(outcomes.length));
  for (const outcome of outcomes) lines.push(t.wouldSend(outcome.service?.nom ?? outcome.request.serviceId, outcome.request.serviceId, outcome.request.email));
  lines.push(...outcomeLines(outcomes));
  if (!dryRun) lines.push(t.remindersSent(outcomes.filter((o) => !o.failure).length));
  io.out(lines.join("\n"));
  return outcomes.some((o) => o.failure && !o.permanent) ? 1 : 0;
}

function outcomeLines(outcomes: readonly SendOutcome[]): string[] {
  return outcomes.flatMap((o) => {
    const name = o.service?.nom ?? o.request.serviceId;
    if (!o.failure) return [];
    return [o.permanent ? t.refused(name, o.request.serviceId, o.request.email, o.failure) : t.temporary(name, o.request.serviceId, o.failure)];
  });
}
