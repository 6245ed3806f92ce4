// What editors read about the field: the unmet-needs report (terminal and editors' room) and the
// `orienteur signalements` / `orienteur besoins-non-couverts` commands. In one place, to review the wording.

const DAY = new Intl.DateTimeFormat("fr-FR", { day: "2-digit", month: "2-digit", year: "numeric", timeZone: "Europe/Paris" });
const DAY_TIME = new Intl.DateTimeFormat("fr-FR", { day: "2-digit", month: "2-digit", year: "numeric", hour: "2-digit", minute: "2-digit", timeZone: "Europe/Paris" });

/** « 20/11/2026 » */
export const formatDay = (ms: number) => DAY.format(ms);
/** « 20/11/2026 14:02 » */
export const formatDayTime = (ms: number) => DAY_TIME.format(ms).replace(",", "");

const times = (n: number) => (n === 1 ? "1 fois" : `${n} fois`);

export const feedbackTexts = {
  situations: {
    "besoin-inconnu": "besoin non reconnu",
    "aucun-service-local": "aucun service local (portes d'entrée généralistes seulement)",
    "sans-resultat": "aucun service de la base",
  } as Record<string, string>,
  unmet: {
    title: (since: number) => `Besoins non couverts depuis le ${formatDay(since)}`,
    none: (since: number) => `Aucun besoin non couvert enregistré depuis le ${formatDay(since)}.`,
    unknownNeed: "Besoin non reconnu",
    need: (label: string, id: string, count: number) => (label === id ? `${id} : ${times(count)}` : `${label} (${id}) : ${times(count)}`),
    unknownWords: (words: string, count: number) => `Besoin non reconnu, « ${words} » : ${times(count)}`,
    noPlace: "lieu non précisé",
    place: (name: string, count: number, last: number, situations: string[], words: string[]) =>
      `${name} : ${times(count)}, la dernière le ${formatDay(last)} — ${situations.join(", ")}${words.length > 0 ? ` — mots : ${words.map((w) => `« ${w} »`).join(", ")}` : ""}`,
    explain: "Questions auxquelles la base n'a pas su répondre, sans données personnelles. Un besoin fréquent sans service local mérite une fiche, un synonyme ou un signalement aux partenaires.",
  },
  cli: {
    openCount: (n: number) => (n === 0 ? "Aucun signalement ouvert." : n === 1 ? "1 signalement ouvert :" : `${n} signalements ouverts :`),
    allCount: (n: number) => (n === 0 ? "Aucun signalement enregistré." : n === 1 ? "1 signalement :" : `${n} signalements :`),
    line: (id: number, at: number, serviceId: string, platform: string, room: string | null) =>
      `n° ${id} — ${formatDayTime(at)} — ${serviceId} (${platform === "web" ? "page web du service" : `${platform}${room ? `, salon ${room}` : ", message direct"}`})`,
    closedLine: (at: number, note: string | null) => `fermé le ${formatDayTime(at)}${note ? ` : ${note}` : ""}`,
    howToClose: 'Pour en fermer un : orienteur signalements fermer <n°> [--note "ce qui a été fait"]',
    closed: (id: number) => `Signalement n° ${id} fermé.`,
    alreadyClosed: (id: number, at: number) => `Le signalement n° ${id} était déjà fermé (le ${formatDayTime(at)}) ; la note est mise à jour si vous en avez donné une.`,
    closeUsage: 'Indiquez le numéro du signalement, par exemple : orienteur signalements fermer 12 --note "numéro corrigé"',
    notFound: (id: string, open: number[]) =>
      `Aucun signalement n° ${id}.${open.length > 0 ? ` Signalements ouverts : ${open.join(", ")}.` : " Aucun signalement n'est ouvert."} La liste : orienteur signalements --tous`,
    unknownSub: (sub: string) => `Sous-commande inconnue « signalements ${sub} ». Possibles : orienteur signalements [--tous] [--json], orienteur signalements fermer <n°> [--note "…"].`,
    badSince: (typed: string) =>
      `--depuis « ${typed} » n'est pas compris : écrivez un nombre de jours (30j), de semaines (4s), de mois (6m) ou une date (2026-01-31).`,
    baseUnavailable: (dir: string) => `La base ${dir} ne se charge pas (orienteur kb check pour le détail) : services et besoins sont indiqués par leur identifiant.`,
    unmetExtra: (args: string[]) => `Argument inattendu : « ${args.join(" ")} ». Utilisation : orienteur besoins-non-couverts [--depuis 30j] [--json]`,
  },
};
