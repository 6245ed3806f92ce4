// The environment variables Orienteur reads, as one zod schema: the allow-list of names, the rule
// each value must follow and its default. readEnvironment checks them all at once, reports every
// unusable one in French (texts.ts) and leaves it out, so that its default applies: a bad value
// never stops the server, and the operator sees the whole list of fixes in one go.
import { z } from "zod";
import { frenchMessage } from "../../../knowledge/load/zod-messages.ts";
import { CADENCES, type Cadence } from "../../../newsletters/cadence.ts";
import { defaultCampaignSettings } from "../../campaigns/settings.ts";
import { presentValue } from "./base-folder.ts";
import { LOG_LEVELS, problemTexts, type ProblemContext, type ProblemKey } from "./texts.ts";

/** The rule's sentence, by key; `params` are handed to the sentence (bounds, the default it names). */
const rule = (key: ProblemKey, params?: ProblemContext["params"]) => ({ error: key, ...(params ? { params } : {}) });

/** « a, b ,c » → ["a", "b", "c"]: the lists are comma-separated, blanks ignored. */
const splitList = (raw: string): string[] => raw.split(",").map((item) => item.trim()).filter(Boolean);

const text = z.string();
const port = z.string().regex(/^\d{1,5}$/, rule("port")).transform(Number).refine((n) => n <= 65535, rule("port"));
/** An http(s) address, kept without its trailing slashes. */
const webAddress = z.string().regex(/^https?:\/\/\S+$/, rule("webAddress")).transform((url) => url.replace(/\/+$/, ""));
/** Entries of the form `platform:id`; a malformed entry is left out alone, the others kept. */
const platformList = z.string().transform(splitList).pipe(z.array(z.string().regex(/^(matrix|slack|telegram):.+/, rule("platformEntry"))));
const wholeNumber = (pattern: RegExp, key: ProblemKey, fallback: number) =>
  z.string().refine((raw) => pattern.test(raw), rule(key, { fallback })).transform(Number);
/** A campaign setting: a number within bounds, « 2,5 » read as 2.5. */
const campaignNumber = (min: number, max: number, fallback: number, round = false) =>
  z.string()
    .transform((raw) => Number(raw.replace(",", ".")))
    .refine((n) => Number.isFinite(n) && n >= min && n <= max, rule("campaignNumber", { min, max }))
    .transform((n) => (round ? Math.round(n) : n))
    .default(fallback);
const flag = z.string().regex(/^(1|oui|true|vrai|0|non|false|faux)$/i, rule("flag")).transform((raw) => /^(1|oui|true|vrai)$/i.test(raw)).default(false);
const cadence = z.string().toLowerCase().pipe(z.enum([...(Object.keys(CADENCES) as Cadence[]), "aucune"], rule("cadence")))
  .transform((typed) => (typed === "aucune" ? undefined : typed));

/**
 * Every variable, in the order of the README's table; a name not listed here is never read.
 * Values arrive trimmed, an empty one as absent.
 */
const environmentSchema = z.object({
  ORIENTEUR_KB: text.optional(),
  ORIENTEUR_PORT: port.optional(),
  PORT: port.default(8080),
  ORIENTEUR_HOST: text.default("127.0.0.1"),
  ORIENTEUR_MAX_PENDING: wholeNumber(/^[1-9]\d{0,5}$/, "maxPending", 64).optional(),
  ORIENTEUR_ALLOWED_HOSTS: text.transform(splitList).default([]),
  LOG_LEVEL: z.string().toLowerCase().pipe(z.enum(LOG_LEVELS, rule("logLevel"))).optional(),
  ORIENTEUR_DB: text.default("var/orienteur.sqlite"),
  ORIENTEUR_EDITORS: platformList.default([]),
  ORIENTEUR_ALLOWED_ROOMS: platformList.default([]),
  ORIENTEUR_ALLOWED_INVITERS: platformList.default([]),
  MATRIX_HOMESERVER_URL: webAddress.optional(),
  MATRIX_ACCESS_TOKEN: text.optional(),
  MATRIX_USER_ID: text.optional(),
  SLACK_BOT_TOKEN: text.optional(),
  SLACK_APP_TOKEN: text.optional(),
  SLACK_SIGNING_SECRET: text.optional(),
  SLACK_PORT: port.default(3000),
  SLACK_HOST: text.default("0.0.0.0"),
  SLACK_API_URL: webAddress.optional(),
  TELEGRAM_BOT_TOKEN: text.optional(),
  TELEGRAM_API_ROOT: webAddress.optional(),
  TELEGRAM_WEBHOOK_URL: webAddress.optional(),
  TELEGRAM_WEBHOOK_SECRET: text.optional(),
  TELEGRAM_WEBHOOK_PORT: port.default(8443),
  ORIENTEUR_PUBLIC_URL: webAddress.optional(),
  ORIENTEUR_SECRET: text.min(32, rule("secret")).optional(),
  SMTP_URL: text.regex(/^smtps?:\/\/\S+$/, rule("smtpUrl")).optional(),
  ORIENTEUR_MAIL_DIR: text.default("var/courriels"),
  MAIL_FROM: text.default("Orienteur <lettre@example.org>"),
  DKIM_DOMAIN: text.optional(),
  DKIM_SELECTOR: text.optional(),
  DKIM_PRIVATE_KEY: text.optional(),
  ORIENTEUR_SEND_RATE: text.transform(Number).refine((n) => n > 0 && Number.isFinite(n), rule("sendRate")).default(10),
  ORIENTEUR_BOUNCE_IMAP_URL: text.regex(/^imaps?:\/\/\S+$/, rule("imapUrl")).optional(),
  ORIENTEUR_UNSUBSCRIBE_MAILBOX: text.optional(),
  ORIENTEUR_BOUNCE_SOFT_LIMIT: wholeNumber(/^[1-9]\d{0,2}$/, "bounceLimit", 3).optional(),
  ORIENTEUR_BOUNCE_HARD_LIMIT: wholeNumber(/^[1-9]\d{0,2}$/, "bounceLimit", 1).optional(),
  ORIENTEUR_ARCHIVE_DIR: text.default("var/lettres"),
  ORIENTEUR_DRAFTS_DIR: text.default("var/brouillons"),
  ORIENTEUR_LETTRE_CADENCE: cadence.optional(),
  ORIENTEUR_RELAY_ROOMS: platformList.default([]),
  ORIENTEUR_EDITOR_ROOMS: platformList.default([]),
  ORIENTEUR_CAMPAGNE_VALIDITE_JOURS: campaignNumber(1, 365, defaultCampaignSettings.linkDays, true),
  ORIENTEUR_CAMPAGNE_RELANCE_JOURS: campaignNumber(0, 365, defaultCampaignSettings.reminderDays),
  ORIENTEUR_CAMPAGNE_RELANCES_MAX: campaignNumber(0, 10, defaultCampaignSettings.maxReminders, true),
  ORIENTEUR_CAMPAGNE_INTERVALLE: campaignNumber(0, 3600, defaultCampaignSettings.intervalSeconds),
  ORIENTEUR_CAMPAGNE_GIT: flag,
  ORIENTEUR_CAMPAGNE_RELANCES_AUTO: flag,
});

/** The environment once checked: every value typed, defaults applied. */
export type Environment = z.output<typeof environmentSchema>;
type VariableName = keyof Environment;
type Issue = z.core.$ZodIssue;

/** The names Orienteur reads (the README and .env.example document each). */
export const VARIABLE_NAMES = Object.keys(environmentSchema.shape) as VariableName[];

/** A variable whose default is another variable's value. */
const FALLS_BACK_ON: Partial<Record<VariableName, VariableName>> = { ORIENTEUR_PORT: "PORT" };

export interface EnvironmentReading {
  environment: Environment;
  /** One French sentence per unusable value, in the order of the schema. */
  problems: string[];
  /** The variables that were set, usable or not (« one of the two is missing or invalid »). */
  given: ReadonlySet<string>;
}

/**
 * Checks every variable Orienteur reads in `env`; never throws. An unusable value is reported
 * and left out (an unusable list entry alone), so its default applies.
 * @example readEnvironment({ ORIENTEUR_PORT: "http" }).problems // ["ORIENTEUR_PORT=« http » n'est pas un port valide…"]
 */
export function readEnvironment(env: Record<string, string | undefined>): EnvironmentReading {
  const input: Record<string, string> = {};
  for (const name of VARIABLE_NAMES) {
    const value = presentValue(env, name);
    if (value !== undefined) input[name] = value;
  }
  const first = environmentSchema.safeParse(input);
  if (first.success) return { environment: first.data, problems: [], given: new Set(Object.keys(input)) };
  const issues = first.error.issues;
  const second = environmentSchema.safeParse(withoutFaults(input, issues));
  // Cannot fail: every value at fault was left out and each variable may be absent.
  if (!second.success) throw new Error(`Configuration : ${second.error.message}`);
  return {
    environment: second.data,
    problems: issues.map((issue) => problemSentence(issue, input, second.data)),
    given: new Set(Object.keys(input)),
  };
}

/** `input` without the values the issues point at: a whole variable, or one entry of a list. */
function withoutFaults(input: Record<string, string>, issues: readonly Issue[]): Record<string, string> {
  const usable = { ...input };
  const badEntries = new Map<string, Set<number>>();
  for (const { path } of issues) {
    const [name, entry] = path as [string, number | undefined];
    if (entry === undefined) delete usable[name];
    else badEntries.set(name, (badEntries.get(name) ?? new Set()).add(entry));
  }
  for (const [name, entries] of badEntries) {
    if (usable[name] === undefined) continue;
    usable[name] = splitList(usable[name]).filter((_, index) => !entries.has(index)).join(",");
  }
  return usable;
}

/** The French sentence for one issue: the rule's own (texts.ts), else zod's issue put in French. */
function problemSentence(issue: Issue, input: Record<string, string>, environment: Environment): string {
  const [name, entry] = issue.path as [VariableName, number | undefined];
  const value = entry === undefined ? input[name]! : splitList(input[name]!)[entry]!;
  const params = (issue as { params?: ProblemContext["params"] }).params ?? {};
  const fallsBackOn = FALLS_BACK_ON[name];
  const used = environment[name] ?? (fallsBackOn ? environment[fallsBackOn] : undefined) ?? params.fallback;
  const sentence = Object.hasOwn(problemTexts, issue.message) ? problemTexts[issue.message as ProblemKey] : undefined;
  return sentence ? sentence({ name, value, used, params }) : `${name} : ${frenchMessage(issue, value)}.`;
}
