// Who answered a campaign and who did not: `orienteur campagne suivi` and the editors' monthly
// list. Each service counts once, by its latest request.
import type { Orienteur } from "../../knowledge/orienteur.ts";
import type { CampaignCorrection, CampaignRepository, CampaignRequest } from "./repository.ts";
import { campaignTexts } from "./texts.ts";

export interface FollowUp {
  text: string;
  json: {
    confirmes: { service: string; nom: string; courriel: string; le: string }[];
    corriges: { service: string; nom: string; courriel: string; le: string; corrections: { champ: string; avant: string; apres: string }[]; commentaire: string; signalement: number | null }[];
    sans_reponse: { service: string; nom: string; courriel: string; envois: number; depuis: string; lien_expire: boolean }[];
    adresses_refusees: { service: string; nom: string; courriel: string; erreur: string; le: string }[];
  };
}

/** The latest request of each service, newest first. */
function latestPerService(repository: CampaignRepository): CampaignRequest[] {
  const seen = new Set<string>();
  return repository.all().filter((r) => !seen.has(r.serviceId) && Boolean(seen.add(r.serviceId)));
}

/**
 * The follow-up of every campaign, as text and as JSON. `otherBounces` holds addresses other mail
 * already found refused (the newsletter's return mailbox), with the reason: an unanswered request
 * to one of them is listed with the refused addresses.
 */
export function campaignFollowUp(repository: CampaignRepository, orienteur: Orienteur, now: number, otherBounces: ReadonlyMap<string, string> = new Map()): FollowUp {
  const t = campaignTexts.cli;
  const requests = latestPerService(repository);
  const nameOf = (id: string) => orienteur.service(id)?.nom ?? id;
  const iso = (ms: number) => new Date(ms).toISOString();
  const corrections = new Map<number, CampaignCorrection[]>();
  for (const c of repository.corrections()) corrections.set(c.requestId, [...(corrections.get(c.requestId) ?? []), c]);

  const confirmed = requests.filter((r) => r.answer === "confirme");
  const corrected = requests.filter((r) => r.answer === "corrige");
  const bouncedElsewhere = (r: CampaignRequest) => r.answer === null && r.bouncedAt === null && otherBounces.has(r.email.toLowerCase());
  const bounced = requests
    .filter((r) => (r.answer === null && r.bouncedAt !== null) || bouncedElsewhere(r))
    .map((r) => (r.bouncedAt !== null ? r : { ...r, failure: campaignTexts.cli.bouncedElsewhere(otherBounces.get(r.email.toLowerCase())!), bouncedAt: r.lastSentAt ?? r.createdAt }));
  const waiting = requests.filter((r) => r.answer === null && r.bouncedAt === null && !bouncedElsewhere(r));

  const lines = [t.followTitle(requests.length)];
  if (requests.length > 0) {
    lines.push("", t.confirmedHeading(confirmed.length), ...confirmed.map((r) => t.answeredLine(nameOf(r.serviceId), r.serviceId, r.email, r.answeredAt!)));
    lines.push("", t.correctedHeading(corrected.length));
    for (const r of corrected) {
      lines.push(t.answeredLine(nameOf(r.serviceId), r.serviceId, r.email, r.answeredAt!));
      for (const c of corrections.get(r.id) ?? []) {
        lines.push(...c.changes.map((change) => t.changeLine(campaignTexts.editors.change(change, change.field))));
        if (c.comment) lines.push(t.changeLine(campaignTexts.editors.comment(c.comment)));
      }
    }
    lines.push("", t.waitingHeading(waiting.length), ...waiting.map((r) => t.waitingLine(nameOf(r.serviceId), r.serviceId, r.email, r.sends, r.expiresAt <= now)));
    lines.push("", t.bouncedHeading(bounced.length), ...bounced.map((r) => t.bouncedLine(nameOf(r.serviceId), r.serviceId, r.email, r.failure ?? "")));
  }
  return {
    text: lines.join("\n"),
    json: {
      confirmes: confirmed.map((r) => ({ service: r.serviceId, nom: nameOf(r.serviceId), courriel: r.email, le: iso(r.answeredAt!) })),
      corriges: corrected.map((r) => {
        const list = corrections.get(r.id) ?? [];
        return {
          service: r.serviceId,
          nom: nameOf(r.serviceId),
          courriel: r.email,
          le: iso(r.answeredAt!),
          corrections: list.flatMap((c) => c.changes.map((change) => ({ champ: change.field, avant: change.before, apres: change.after }))),
          commentaire: list.map((c) => c.comment).filter(Boolean).join("\n"),
          signalement: list[0]?.signalementId ?? null,
        };
      }),
      sans_reponse: waiting.map((r) => ({ service: r.serviceId, nom: nameOf(r.serviceId), courriel: r.email, envois: r.sends, depuis: iso(r.createdAt), lien_expire: r.expiresAt <= now })),
      adresses_refusees: bounced.map((r) => ({ service: r.serviceId, nom: nameOf(r.serviceId), courriel: r.email, erreur: r.failure ?? "", le: iso(r.bouncedAt!) })),
    },
  };
}

/** Lines for the editors' monthly list: services asked that did not answer (or whose address was refused). */
export function unansweredLines(repository: CampaignRepository, orienteur: Orienteur): string[] {
  return latestPerService(repository)
    .filter((r) => r.answer === null && orienteur.service(r.serviceId) !== undefined)
    .map((r) => {
      const line = campaignTexts.editors.unansweredLine(orienteur.service(r.serviceId)!.nom, r.serviceId, r.email, r.sends, r.createdAt);
      return r.bouncedAt !== null ? `${line} — adresse refusée (${r.failure ?? ""})` : line;
    });
}
