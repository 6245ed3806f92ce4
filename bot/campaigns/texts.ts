// Every French text of the update campaigns: the e-mail to services, the pages they open, the
// editors' notice and the `orienteur campagne` command. In one place, to review the wording.
import { frenchDate } from "../../knowledge/text/dates.ts";
import { formatDay, formatDayTime } from "../feedback/texts.ts";
import type { FieldChange } from "./repository.ts";

/** What the e-mail says about the service and who writes. */
export interface MailFacts {
  serviceName: string;
  /** `date_maj` of the fiche, `AAAA-MM-JJ`. */
  checkedOn: string;
  link: string;
  expiresAt: number;
  /** The base's name (« Annuaire social et médico-social de la Nièvre »). */
  baseName: string;
  /** The editors' address (`contact_editeurs`), when the base gives one. */
  editorsEmail?: string | undefined;
  reminder: boolean;
}

/** `AAAA-MM-JJ` in Paris, for frenchDate. */
const PARIS_DAY = new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Paris" });

const lines = (facts: MailFacts): string[] => [
  "Bonjour,",
  `Votre service « ${facts.serviceName} » est présenté dans l'annuaire « ${facts.baseName} ». Les professionnels du social, du médico-social et de la santé s'en servent pour orienter les personnes vers vous.`,
  `Ses informations ont été vérifiées pour la dernière fois le ${frenchDate(facts.checkedOn)}. Sont-elles toujours justes ? Une minute suffit :`,
  facts.link,
  "Ce lien ouvre la fiche de votre service :\n- si tout est juste, cliquez sur « Tout est juste » ;\n- si quelque chose a changé, cliquez sur « Proposer une correction ».",
  `Pas besoin de compte ni de mot de passe. Ce lien est réservé à votre service et reste valable jusqu'au ${frenchDate(PARIS_DAY.format(facts.expiresAt))}.`,
  `Ce message vous est envoyé par l'équipe qui tient l'annuaire « ${facts.baseName} », avec l'outil Orienteur.${facts.editorsEmail ? ` Une question ? Écrivez à ${facts.editorsEmail}.` : ""}`,
];

export const campaignTexts = {
  mail: {
    subject: (facts: MailFacts) => `${facts.reminder ? "Rappel : l" : "L"}es informations de « ${facts.serviceName} » sont-elles à jour ?`,
    lines: (facts: MailFacts) => (facts.reminder ? ["Bonjour,", "Nous vous avons écrit il y a quelques jours : nous n'avons pas encore reçu votre réponse.", ...lines(facts).slice(1)] : lines(facts)),
  },
  page: {
    title: "Mise à jour de votre fiche",
    intro: (serviceName: string, checkedOn: string) =>
      `Voici ce que l'annuaire dit de « ${serviceName} ». Ces informations ont été vérifiées pour la dernière fois le ${frenchDate(checkedOn)}. Sont-elles toujours justes\u00a0?`,
    confirmButton: "Tout est juste",
    confirmHelp: "Nous notons la date d'aujourd'hui comme date de vérification de la fiche.",
    correctLink: "Proposer une correction",
    correctHelp: "Si une information a changé, ou manque, proposez la correction : l'équipe de l'annuaire la relira.",
    confirmed: (day: string) => `Merci ! La fiche est notée comme vérifiée le ${frenchDate(day)}. Les professionnels verront cette date.`,
    alreadyConfirmed: (day: string) => `Merci, c'est déjà fait : la fiche est notée comme vérifiée le ${frenchDate(day)}.`,
    correctTitle: "Proposer une correction",
    correctIntro: "Modifiez seulement ce qui a changé ; laissez le reste tel quel. L'équipe de l'annuaire relira vos corrections avant de les publier.",
    comment: "Autre chose à nous dire (facultatif)",
    commentHelp: "Par exemple : le service s'arrête, change de nom, une personne à contacter a changé. N'écrivez pas d'informations sur les personnes que vous accompagnez.",
    sendCorrection: "Envoyer la correction",
    nothingChanged: "Vous n'avez rien modifié. Changez au moins un champ, ou écrivez un commentaire.",
    corrected: (count: number) =>
      `Merci ! ${count === 0 ? "Votre commentaire a été transmis" : count === 1 ? "Votre correction a été transmise" : `Vos ${count} corrections ont été transmises`} à l'équipe de l'annuaire, qui la relira et mettra la fiche à jour.`,
    backToFiche: "Revenir à la fiche",
    forged: "Ce lien n'est pas valable : il a peut-être été mal copié. Copiez l'adresse complète depuis l'e-mail reçu, ou écrivez à l'équipe de l'annuaire.",
    expired: "Ce lien a expiré. L'équipe de l'annuaire vous en enverra un nouveau lors de la prochaine campagne ; vous pouvez aussi lui écrire.",
    serviceGone: "Cette fiche n'est plus dans l'annuaire : il n'y a rien à vérifier. Merci !",
    tooLarge: "Le formulaire est trop long : raccourcissez le commentaire puis renvoyez-le.",
    failed: "La fiche n'a pas pu être mise à jour pour le moment. Réessayez dans quelques minutes ; si cela continue, écrivez à l'équipe de l'annuaire.",
    notFound: "Cette page n'existe pas.",
    fieldsCaption: "Informations de la fiche",
    empty: "non renseigné",
  },
  editors: {
    correctionTitle: (serviceName: string, serviceId: string) => `Correction proposée par le service « ${serviceName} » (${serviceId})`,
    change: (c: FieldChange, label: string) => `${label} (${c.field}) : « ${c.before || "—"} » → « ${c.after || "—"} »`,
    comment: (text: string) => `Commentaire : ${text}`,
    how: (signalementId: number) => `Signalement n° ${signalementId}. Après correction de la fiche : orienteur signalements fermer ${signalementId}.`,
    reportText: (changes: string[], comment: string) =>
      ["Correction proposée par le service (campagne de mise à jour) :", ...changes.map((c) => `- ${c}`), ...(comment ? [`Commentaire : ${comment}`] : [])].join("\n"),
    unansweredLine: (name: string, id: string, email: string, sends: number, since: number) =>
      `${name} (${id}) — ${email} — ${sends} e-mail(s) depuis le ${formatDay(since)}`,
  },
  git: {
    message: (id: string, day: string) => `Fiche ${id} confirmée par le service le ${frenchDate(day)}`,
    body: "Confirmation reçue par le lien de la campagne de mise à jour (orienteur campagne).",
  },
  cli: {
    usage: `Utilisation :
  orienteur campagne lancer [--besoin <besoin>] [--territoire <lieu>] [--dry-run] [--kb <dossier>]
      Écrit à chaque service à vérifier (date_maj plus ancienne que frequence_maj_mois) un lien signé,
      sans compte : « Tout est juste » ou « Proposer une correction ». Un service déjà sollicité ne
      reçoit pas de second e-mail.
  orienteur campagne relancer [--dry-run]   Renvoie le lien aux services qui n'ont pas répondu (après
      ORIENTEUR_CAMPAGNE_RELANCE_JOURS jours, ORIENTEUR_CAMPAGNE_RELANCES_MAX fois au plus).
  orienteur campagne suivi [--json]         Qui a répondu (confirmé, corrigé), qui n'a pas répondu,
      quelles adresses ont été refusées.`,
    unknownSub: (sub: string) => `Sous-commande inconnue : « ${sub} ». Choisissez lancer, relancer ou suivi.`,
    unknownOption: (detail: string) => `Option non reconnue : ${detail}`,
    unknownNeed: (typed: string, suggestion: string | undefined) =>
      `Besoin inconnu : « ${typed} ».${suggestion ? ` Vouliez-vous dire « ${suggestion} » ?` : ""} La liste des besoins est dans le dossier besoins/ de la base.`,
    unknownPlace: (typed: string, outside: string | undefined, suggestion: string | undefined) =>
      outside
        ? `« ${typed} » (${outside}) est hors des départements de la base : donnez une commune, un EPCI, un département ou un territoire de la base.`
        : `Territoire inconnu : « ${typed} ».${suggestion ? ` Vouliez-vous dire « ${suggestion} » ?` : ""} Donnez une commune, un EPCI, un département ou un territoire de la base.`,
    scope: (besoin: string | undefined, place: string | undefined) =>
      `Campagne${besoin ? ` — besoin : ${besoin}` : ""}${place ? ` — territoire : ${place}` : ""}${!besoin && !place ? " — toute la base" : ""}`,
    dryRun: "Essai (--dry-run) : aucun e-mail n'est envoyé, rien n'est enregistré.",
    toSend: (n: number) => (n === 0 ? "Aucun service à solliciter." : `${n} service(s) à solliciter :`),
    wouldSend: (name: string, id: string, email: string) => `  ${name} (${id}) → ${email}`,
    sent: (n: number) => `${n} e-mail(s) envoyé(s).`,
    alreadyAsked: (n: number) => `${n} service(s) déjà sollicité(s), en attente de réponse : pas de second e-mail (« orienteur campagne relancer » pour un rappel).`,
    refusedBefore: (n: number) => `${n} service(s) dont l'adresse a déjà été refusée par son serveur de messagerie : corrigez le courriel dans la base, ou appelez le service.`,
    upToDate: (n: number) => `${n} service(s) à jour (vérifié(s) depuis moins longtemps que leur fréquence de mise à jour) : non sollicité(s).`,
    withoutEmail: (n: number) => `${n} service(s) sans adresse (ni courriel ni courriel du référent) : à vérifier par téléphone.`,
    refused: (name: string, id: string, email: string, failure: string) => `  ${name} (${id}) : adresse ${email} refusée (${failure}).`,
    temporary: (name: string, id: string, failure: string) => `  ${name} (${id}) : envoi reporté (${failure}) ; relancez la commande plus tard.`,
    mailDir: (dir: string) => `SMTP_URL n'est pas défini : les e-mails sont écrits dans ${dir} au lieu d'être envoyés.`,
    remindersDue: (n: number) => (n === 0 ? "Aucune relance à envoyer." : `${n} relance(s) à envoyer :`),
    remindersSent: (n: number) => `${n} relance(s) envoyée(s).`,
    followTitle: (n: number) => (n === 0 ? "Aucune campagne n'a encore été lancée." : `Suivi des campagnes : ${n} service(s) sollicité(s)`),
    confirmedHeading: (n: number) => `Confirmé (${n}) :`,
    correctedHeading: (n: number) => `Corrigé (${n}) :`,
    waitingHeading: (n: number) => `Sans réponse (${n}) :`,
    bouncedHeading: (n: number) => `Adresse refusée (${n}) :`,
    answeredLine: (name: string, id: string, email: string, at: number) => `  ${name} (${id}) — par ${email} le ${formatDayTime(at)}`,
    waitingLine: (name: string, id: string, email: string, sends: number, expired: boolean) =>
      `  ${name} (${id}) — ${email} — ${sends === 0 ? "pas encore envoyé" : `${sends} e-mail(s)`}${expired ? " — lien expiré" : ""}`,
    bouncedLine: (name: string, id: string, email: string, failure: string) => `  ${name} (${id}) — ${email} : ${failure}`,
    changeLine: (text: string) => `      ${text}`,
    bouncedElsewhere: (reason: string) => `refusée pour la lettre d'information : ${reason}`,
  },
} as const;
