// Every French sentence the quality checks and `kb verifier` write, in one place so that the
// wording can be reviewed as a whole. Each says what is wrong and what to do about it.

import { frenchDate } from "../text/dates.ts";

export { frenchDate };

/** A reference to another entry: « « ccas-decize » (services/ccas-decize.yaml, ligne 2) ». */
export function otherEntry(id: string, file: string, line: number): string {
  return `« ${id} » (${file}${line > 0 ? `, ligne ${line}` : ""})`;
}

export const checkMessages = {
  sameNameAndZone: (other: string) =>
    `doublon : même nom et même zone que ${other} ; fusionnez les deux fiches, ou distinguez-les par leur nom ou leur zone`,
  sameContactSameService: (what: string, value: string, other: string, otherName: string) =>
    `doublon probable : même ${what} (${value}), même zone et même besoin que ${other}, enregistré sous le nom « ${otherName} » ; s'il s'agit du même service, fusionnez les deux fiches`,
  sharedContact: (what: string, value: string, other: string, otherName: string) =>
    `même ${what} (${value}) que ${other}, enregistré sous le nom « ${otherName} » : vérifiez qu'il ne s'agit pas du même service, et que ce contact est le bon pour les deux`,
  stale: (id: string, date: string, months: number, frequency: number | undefined) =>
    `à vérifier : dernière mise à jour le ${frenchDate(date)}, il y a ${months} mois${frequency === undefined ? "" : ` (vérification attendue tous les ${frequency} mois)`} ; marquez-la à jour avec \`orienteur kb verifier ${id}\` après vérification`,
  future: (date: string) => `date de mise à jour dans le futur (${frenchDate(date)}) : indiquez la date de la dernière vérification, au format AAAA-MM-JJ`,
  unknownSigle: (sigle: string, places: string, suggestions: readonly string[]) =>
    `sigle « ${sigle} » absent du glossaire${suggestions.length > 0 ? ` (faute de frappe pour ${suggestions.map((s) => `« ${s} »`).join(" ou ")} ?)` : ""}, employé dans ${places} : ajoutez-le dans sigles/ avec sa forme longue et une définition, ou écrivez-le en toutes lettres`,
  premiumRate: (number: string) =>
    `numéro surtaxé (${number}) : l'appel coûte cher aux personnes orientées ; indiquez un numéro ordinaire ou gratuit si le service en a un`,
  plainHttp: (url: string) => `adresse web non sécurisée (${url}) : indiquez-la en https:// si le site l'accepte`,
  uncovered: (libelle: string, count: number, total: number, list: string) =>
    `besoin « ${libelle} » sans service sur ${count} territoire${count > 1 ? "s" : ""} sur ${total} : ${list} ; ajoutez un service qui y répond, ou élargissez la zone d'un service existant`,
  gap: (territory: string, uncovered: number, communes: number) =>
    uncovered === communes ? `${territory} (aucun service)` : `${territory} (${uncovered} commune${uncovered > 1 ? "s" : ""} sur ${communes} sans service)`,
  partialOutsideZone: (code: string, nom: string) =>
    `« ${code} » (${nom}) est dans \`zone_partielle\` mais pas dans la zone du service : ajoutez-le à \`zone_eligibilite\`, ou corrigez le code`,
  noService: (libelle: string) => `aucun service de la base ne répond au besoin « ${libelle} » : ajoutez-en un, ou retirez le besoin s'il ne sert plus`,
};

export const kbCheckMessages = {
  qualityPostponed: "Les contrôles de qualité (doublons, dates de mise à jour, sigles, couverture des besoins) seront faits une fois ces erreurs corrigées.",
};

export const verifyMessages = {
  updated: (file: string, line: number, id: string, before: string, after: string) =>
    `${file}:${line} : « ${id} » marqué comme à jour (date_maj ${before} → ${after}).`,
  added: (file: string, line: number, id: string, after: string) => `${file}:${line} : « ${id} » marqué comme à jour (date_maj: ${after} ajouté).`,
  unchanged: (file: string, line: number, id: string, date: string) => `${file}:${line} : « ${id} » est déjà marqué à jour le ${frenchDate(date)} ; rien à changer.`,
  missingId: () => "Indiquez l'identifiant du service vérifié : orienteur kb verifier <id> [--date AAAA-MM-JJ].",
  unknownId: (id: string, suggestions: readonly string[]) =>
    `Aucun service « ${id} » dans services/${suggestions.length > 0 ? ` ; vouliez-vous dire ${suggestions.map((s) => `« ${s} »`).join(" ou ")} ?` : " : vérifiez l'identifiant (champ `id` de la fiche)."}`,
  notADate: (file: string, line: number) => `${file}, ligne ${line} : \`date_maj\` doit être une date écrite sur la ligne du champ (ex. date_maj: 2026-03-15) ; corrigez-la à la main.`,
  badDate: (date: string) => `Date « ${date} » invalide : écrivez-la au format AAAA-MM-JJ (ex. 2026-03-15).`,
  futureDate: (date: string) => `La date ${date} est dans le futur : on marque à jour une fiche à la date où on l'a vérifiée.`,
  cannotEdit: (file: string, line: number, date: string) =>
    `${file}, ligne ${line} : impossible de changer \`date_maj\` sans toucher au reste de la fiche ; écrivez « date_maj: ${date} » à la main.`,
  missingDir: (dir: string) => `${dir} : dossier introuvable : vérifiez le chemin passé à --kb ou ORIENTEUR_KB`,
  unreadable: (file: string) => `${file} n'est pas un YAML lisible : corrigez-le d'abord (orienteur kb check).`,
};
