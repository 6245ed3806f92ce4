// Opening hours as editors write them in French (« du lundi au vendredi de 9h à 12h et de 13h30
// à 17h », « lundi, mercredi 14h-17h », « fermé les jours fériés ») turned into the OpenStreetMap
// `opening_hours` form the rest of Orienteur reads (« Mo-Fr 09:00-12:00,13:30-17:00 »).
//
// Only what can be said exactly is converted: « le mardi matin » has no hours, « sur rendez-vous »
// is not an hour. Such a text is refused with the reason and an example of the equivalent form,
// built from the days that were understood, so the editor only has to write the hours.

/** The text converted, or why it cannot be, with an `opening_hours` example for the editor. */
export type FrenchHours = { ok: true; openingHours: string } | { ok: false; problem: string; example: string };

const DAY_CODES = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"] as const;
const DAY_WORDS: Record<string, number> = { lun: 0, mar: 1, mer: 2, jeu: 3, ven: 4, sam: 5, dim: 6 };
const FRENCH_DAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"];

type Token =
  | { kind: "days"; from: number; to: number }
  | { kind: "holidays" }
  | { kind: "time"; minutes: number }
  | { kind: "range" }
  | { kind: "and" }
  | { kind: "end" }
  | { kind: "closed" }
  | { kind: "always" }
  | { kind: "vague"; word: string }
  | { kind: "appointment" }
  | { kind: "unknown"; word: string };

// Longest phrases first: « tous les jours » before « les », « jours fériés » before « jours ».
const LEXICON: [RegExp, (m: RegExpExecArray) => Token | undefined][] = [
  [/^(?:24\s*h?\s*(?:\/|sur)\s*24(?:\s*(?:,|et)?\s*7\s*j?(?:ours)?\s*(?:\/|sur)\s*7)?|24\/7)/, () => ({ kind: "always" })],
  [/^(?:tous les jours|7\s*j(?:ours)?\s*(?:\/|sur)\s*7|chaque jour)/, () => ({ kind: "days", from: 0, to: 6 })],
  [/^(?:en semaine|jours ouvres)/, () => ({ kind: "days", from: 0, to: 4 })],
  [/^(?:le |les )?(?:week-?end|fins? de semaine)s?/, () => ({ kind: "days", from: 5, to: 6 })],
  [/^(?:les )?jours? feries?/, () => ({ kind: "holidays" })],
  // Whole names, or their usual abbreviations (« lun-ven »): the first three letters tell the day.
  [/^(?:(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)s?|(?:lun|mar|mer|jeu|ven|sam|dim)\.?)(?![a-z])/, (m) => {
    const day = DAY_WORDS[m[0].slice(0, 3)]!;
    return { kind: "days", from: day, to: day };
  }],
  [/^(\d{1,2})\s*(?:h|heures?|:)\s*(\d{2})?(?!\d)/, (m) => time(Number(m[1]), Number(m[2] ?? 0))],
  // A bare hour before a range word: « de 9 à 12h », « 14-17h ».
  [/^(\d{1,2})(?=\s*(?:-|–|a\s|au\s|jusqu))/, (m) => time(Number(m[1]), 0)],
  [/^midi\b/, () => ({ kind: "time", minutes: 12 * 60 })],
  [/^minuit\b/, () => ({ kind: "time", minutes: 24 * 60 })],
  [/^(?:sur (?:rendez-vous|rdv)|uniquement sur (?:rendez-vous|rdv)|rendez-vous|rdv)\b/, () => ({ kind: "appointment" })],
  [/^(?:le |l')?(?:matin|matinee|apres-midi|apres midi|soir|soiree|journee)s?\b/, (m) => ({ kind: "vague", word: accented(m[0]) })],
  // « sauf le mercredi » closes the days that follow, as « fermé le mercredi » does.
  [/^(?:fermee?s?|closed?|sauf)\b/, () => ({ kind: "closed" })],
  [/^(?:(?:au|aux|a|jusqu'a|jusqu a)(?=\s|\d|$)|[-–—])/, () => ({ kind: "range" })],
  [/^(?:et|,|\/|&|\+)/, () => ({ kind: "and" })],
  [/^(?:;|\n|\.|puis\b)/, () => ({ kind: "end" })],
]; // prettier-ignore

/** Words that carry no meaning here: « du », « de », « le », « ouvert », « : »… */
const FILLER = /^(?:(?:du|de|des|le|les|la|ouvert|ouverte|ouverts|horaires?|accueil|permanences?)(?=[\s\d]|$)|d'|l'|:|\(|\))/;

/** The word as the editor wrote it, accents back: the tokens are read without them. */
function accented(word: string): string {
  return word.replace(/apres.midi/, "après-midi").replace(/(matin|soir|journ)ee/, (_, stem: string) => `${stem}ée`);
}

function time(hours: number, minutes: number): Token | undefined {
  if (hours > 24 || minutes > 59 || (hours === 24 && minutes > 0)) return undefined;
  return { kind: "time", minutes: hours * 60 + minutes };
}

function tokenize(text: string): Token[] {
  let rest = text
    .toLowerCase()
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .replace(/[’‘`´]/g, "'")
    .trim();
  const tokens: Token[] = [];
  while (rest.length > 0) {
    let matched = false;
    for (const [pattern, make] of LEXICON) {
      const m = pattern.exec(rest);
      if (!m) continue;
      const token = make(m);
      tokens.push(token ?? { kind: "unknown", word: m[0] });
      rest = rest.slice(m[0].length).trimStart();
      matched = true;
      break;
    }
    if (matched) continue;
    const filler = FILLER.exec(rest);
    if (filler) {
      rest = rest.slice(filler[0].length).trimStart();
      continue;
    }
    const word = /^\S+?(?=[\s,;.()]|$)/.exec(rest)?.[0] ?? rest.slice(0, 1);
    tokens.push({ kind: "unknown", word });
    rest = rest.slice(word.length).trimStart();
  }
  return tokens;
}

interface Rule {
  days: { from: number; to: number }[];
  holidays: boolean;
  times: [number, number][];
  closed: boolean;
}

const emptyRule = (): Rule => ({ days: [], holidays: false, times: [], closed: false });
const hasDays = (rule: Rule) => rule.days.length > 0 || rule.holidays;
const isEmpty = (rule: Rule) => !hasDays(rule) && rule.times.length === 0 && !rule.closed;

/**
 * Converts opening hours written in French into the `opening_hours` form, or says why it cannot.
 * @example
 * frenchToOpeningHours("du lundi au vendredi de 9h à 12h et de 13h30 à 17h")
 * // { ok: true, openingHours: "Mo-Fr 09:00-12:00,13:30-17:00" }
 */
export function frenchToOpeningHours(text: string): FrenchHours {
  const tokens = tokenize(text);
  const rules: Rule[] = [];
  let rule = emptyRule();
  let pendingTime: number | undefined;
  let previous: Token | undefined;
  const unknown: string[] = [];
  const vague: string[] = [];
  let appointment = false;
  let always = false;
  const close = () => {
    if (!isEmpty(rule)) rules.push(rule);
    rule = emptyRule();
  };

  for (const token of tokens) {
    switch (token.kind) {
      case "days": {
        const last = rule.days[rule.days.length - 1];
        if (previous?.kind === "range" && last && last.from === last.to && pendingTime === undefined) {
          last.to = token.to;
          break;
        }
        // Days after hours start the next rule, unless the hours came first (« 9h-12h du lundi au vendredi »).
        if ((rule.times.length > 0 && hasDays(rule)) || (rule.closed && hasDays(rule))) close();
        rule.days.push({ from: token.from, to: token.to });
        break;
      }
      case "holidays":
        if ((rule.times.length > 0 && hasDays(rule)) || (rule.closed && hasDays(rule))) close();
        rule.holidays = true;
        break;
      case "time":
        if (pendingTime !== undefined && previous?.kind === "range") {
          rule.times.push([pendingTime, token.minutes]);
          pendingTime = undefined;
        } else if (pendingTime === undefined) {
          pendingTime = token.minutes;
        } else {
          unknown.push(formatTime(pendingTime));
          pendingTime = token.minutes;
        }
        break;
      case "closed":
        if (hasDays(rule) && rule.times.length === 0) rule.closed = true;
        else {
          close();
          rule.closed = true;
        }
        break;
      case "end":
        close();
        break;
      case "always":
        // « tous les jours 24h/24 »: the days say when, « 24h/24 » the whole day.
        if (hasDays(rule) && rule.times.length === 0) rule.times.push([0, 24 * 60]);
        else always = true;
        break;
      case "vague":
        vague.push(token.word);
        break;
      case "appointment":
        appointment = true;
        break;
      case "unknown":
        unknown.push(token.word);
        break;
      case "range":
      case "and":
        break;
    }
    previous = token;
  }
  if (pendingTime !== undefined) unknown.push(formatTime(pendingTime));
  close();

  // « l'après-midi » or « le soir » gets an afternoon in the example, « le matin » a morning.
  const afternoon = vague.some((word) => /après|soir/.test(word));
  const example = exampleFor(rules, afternoon ? [14 * 60, 17 * 60] : [9 * 60, 12 * 60]);
  const refuse = (problem: string): FrenchHours => ({ ok: false, problem, example });
  if (always && rules.length === 0 && unknown.length === 0 && vague.length === 0) return { ok: true, openingHours: "24/7" };
  if (vague.length > 0) return refuse(`« ${vague[0]} » ne dit pas à quelle heure ; écrivez les heures (ex. « de ${afternoon ? "14h à 17h" : "9h à 12h"} »)`);
  if (appointment) return refuse("« sur rendez-vous » n'est pas un horaire : écrivez-le dans `mobilisation_precisions`, et ici les heures où l'on peut appeler ou venir");
  if (unknown.length > 0) return refuse(`${unknown.map((w) => `« ${w} »`).join(", ")} : non compris`);
  if (rules.length === 0) return refuse("aucun jour ni aucune heure reconnus");
  for (const r of rules) {
    if (!hasDays(r)) return refuse("les jours manquent (ex. « du lundi au vendredi »)");
    if (r.times.length === 0 && !r.closed) return refuse(`les heures manquent (${sayDays(r)}) ; écrivez-les, ex. « de 9h à 12h »`);
    const backwards = r.times.find(([from, to]) => from >= to);
    if (backwards) return refuse(`la plage ${formatTime(backwards[0])}-${formatTime(backwards[1])} finit avant de commencer`);
  }
  return { ok: true, openingHours: rules.map(formatRule).join("; ") };
}

function formatRule(rule: Rule): string {
  const selectors = rule.days.map(({ from, to }) => (from === to ? DAY_CODES[from]! : `${DAY_CODES[from]!}-${DAY_CODES[to]!}`));
  if (rule.holidays) selectors.push("PH");
  const times = rule.closed ? "off" : rule.times.map(([from, to]) => `${formatTime(from)}-${formatTime(to)}`).join(",");
  return `${selectors.join(",")} ${times}`;
}

/** An `opening_hours` example on the days understood, so the editor only adds the hours. */
function exampleFor(rules: readonly Rule[], times: [number, number]): string {
  const withDays = rules.filter(hasDays);
  if (withDays.length === 0) return "Mo-Fr 09:00-12:00,14:00-17:00";
  return withDays.map((r) => formatRule(r.closed || r.times.length > 0 ? r : { ...r, times: [times] })).join("; ");
}

function sayDays(rule: Rule): string {
  const said = rule.days.map(({ from, to }) => (from === to ? `le ${FRENCH_DAYS[from]!}` : `du ${FRENCH_DAYS[from]!} au ${FRENCH_DAYS[to]!}`));
  if (rule.holidays) said.push("les jours fériés");
  return said.join(", ");
}

function formatTime(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}
