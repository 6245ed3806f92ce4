// Sending one issue end to end: compose it, freeze the audience once, render each edition once
// (territory and themes), hand the delivery rows to the sending engine, and publish the issue in
// the web archive once it has reached everyone.
import type { Orienteur } from "../../knowledge/orienteur.ts";
import type { Place } from "../../knowledge/places/place-index.ts";
import { publishIssue, publishedIssue } from "../archive/publish.ts";
import { archiveUrls } from "../archive/store.ts";
import { composeIssueFile } from "../build.ts";
import { composeEdition } from "../compose/edition.ts";
import type { IssueModel } from "../compose/model.ts";
import { personalize } from "../render/personalize.ts";
import { renderIssue } from "../render/render-issue.ts";
import type { Subscriber, SubscriberRepository } from "../subscribers/repository.ts";
import type { DeliveryRepository } from "./deliveries.ts";
import { createMessageBuilder, type MessageSettings, type RenderedEdition } from "./message.ts";
import { runSend, type Mailer, type SendOptions, type SendReport } from "./send-loop.ts";

export interface SendIssueOptions {
  /** The public archive (`var/lettres`): read for earlier issues, written once this one is sent. */
  archiveDir: string;
  message: MessageSettings;
  now: Date;
  send?: Partial<SendOptions>;
}

export interface SendIssueReport extends SendReport {
  numero: number;
  titre: string;
  editions: number;
  audience: number;
  /** True when this run finished the send and put the issue in the public archive. */
  published: boolean;
}

/** The edition a subscriber reads: their territory and themes, « » for the general one. */
function editionKey(subscriber: Pick<Subscriber, "territoire" | "themes">): string {
  const place = subscriber.territoire ? `${subscriber.territoire.type}:${subscriber.territoire.code}` : "";
  const themes = [...subscriber.themes].sort().join(",");
  return place || themes ? `${place}|${themes}` : "";
}

function editionChoice(key: string, orienteur: Orienteur): { territoire?: Place; themes?: string[] } {
  if (key === "") return {};
  const [place = "", themes = ""] = key.split("|");
  const [type, code] = place.split(":");
  const territoire = type && code ? orienteur.places.byRef(type as Place["type"], code) : undefined;
  return { ...(territoire ? { territoire } : {}), ...(themes ? { themes: themes.split(",") } : {}) };
}

/** Renders each edition once (never once per subscriber). */
async function renderEditions(model: IssueModel, keys: Iterable<string>, orienteur: Orienteur, baseUrl: string): Promise<Map<string, RenderedEdition>> {
  const urls = archiveUrls(baseUrl);
  const rendered = new Map<string, RenderedEdition>();
  for (const key of new Set(["", ...keys])) {
    const edition = key === "" ? model : composeEdition(model, editionChoice(key, orienteur), orienteur);
    rendered.set(key, await renderIssue(edition, { webUrl: urls.issue(model.numero), archiveUrl: urls.index }));
  }
  return rendered;
}

/**
 * The model to send: the published one when the issue is already in the archive (what subscribers
 * received stays what the archive shows), else the issue file composed now. Writes nothing.
 */
export async function prepareIssue(issuePath: string, orienteur: Orienteur, options: Pick<SendIssueOptions, "archiveDir" | "message">): Promise<IssueModel> {
  const composed = await composeIssueFile(issuePath, orienteur, { archiveDir: options.archiveDir, baseUrl: options.message.baseUrl });
  return (await publishedIssue(options.archiveDir, composed.model.numero))?.model ?? composed.model;
}

/**
 * Sends an issue to every confirmed subscriber, once; running it again resumes or sends nothing new.
 * The first run freezes the audience and the issue's content; later runs use that content.
 */
export async function sendIssue(
  composed: IssueModel,
  orienteur: Orienteur,
  subscribers: SubscriberRepository,
  deliveries: DeliveryRepository,
  mailer: Mailer,
  options: Pick<SendIssueOptions, "message" | "send" | "archiveDir" | "now">,
): Promise<SendIssueReport> {
  const issue = String(composed.numero);
  const audience = subscribers.confirmed();
  deliveries.freeze(issue, audience.map((s) => ({ subscriberId: s.id, email: s.email, edition: editionKey(s) })));
  // The content is frozen with the audience: a resumed send sends what the first run sent.
  const model = deliveries.models.keep(issue, composed);
  const editions = await renderEditions(model, deliveries.editions(issue), orienteur, options.message.baseUrl);
  const build = createMessageBuilder(issue, editions, personalize, (id) => subscribers.byId(id)?.prenom ?? null, options.message);
  const report = await runSend(issue, deliveries, build, mailer, {
    // Someone who unsubscribed (or was erased) after the audience was frozen gets nothing.
    stillSubscribed: (id) => subscribers.byId(id)?.status === "confirme",
    ...options.send,
  });
  const counts = deliveries.counts(issue);
  // Publishing is idempotent, so a run killed between the last message and here publishes next time.
  let published = false;
  if (!report.busy && deliveries.state(issue)?.state === "termine" && !(await publishedIssue(options.archiveDir, model.numero))) {
    await publishIssue(options.archiveDir, model, { baseUrl: options.message.baseUrl, now: options.now });
    published = true;
  }
  return { ...report, numero: model.numero, titre: model.titre, editions: editions.size, audience: Object.values(counts).reduce((a, b) => a + b, 0), published };
}

/**
 * Writes every subscriber's message as an .eml file (dry run) or sends one sample to a test
 * address; neither touches delivery rows, so the real send afterwards still reaches everyone.
 */
export async function previewSend(
  model: IssueModel,
  orienteur: Orienteur,
  recipients: readonly Pick<Subscriber, "id" | "email" | "prenom" | "territoire" | "themes">[],
  mailer: Mailer,
  message: MessageSettings,
): Promise<number> {
  const issue = String(model.numero);
  const editions = await renderEditions(model, recipients.map(editionKey), orienteur, message.baseUrl);
  const names = new Map(recipients.map((r) => [r.id, r.prenom]));
  const build = createMessageBuilder(issue, editions, personalize, (id) => names.get(id) ?? null, message);
  for (const recipient of recipients) {
    await mailer.send(build({ issue, subscriberId: recipient.id, email: recipient.email, edition: editionKey(recipient), status: "a_envoyer", attempts: 0, nextAttemptAt: 0, lastError: null }));
  }
  return recipients.length;
}
