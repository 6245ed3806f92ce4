// Who is hurt decides which line answers violence: a child (119), an older or disabled adult
// (3977), a partner (3919) — whatever phrase of violence the message used.
import type { Public } from "../schema/index.ts";
import type { DangerMatch, NeedReader } from "./needs.ts";

/** Words that say who is hurt, whatever the base's publics: a child, an older or disabled adult, a partner. */
const CHILD_WORDS = new Set(["enfant", "enfants", "bebe", "bebes", "nourrisson", "nourrissons", "mineur", "mineure", "mineurs", "gamin", "gamine", "gosse", "ado", "adolescent", "adolescente", "fillette", "garconnet", "eleve"]);
const ELDER_WORDS = new Set(["resident", "residente", "ehpad", "mamie", "papi", "papy", "meme", "pepe", "agee", "age", "agees", "ages", "grand", "retraite", "retraitee", "handicape", "handicapee", "tutelle", "curatelle"]);
const PARTNER_WORDS = new Set(["mari", "conjoint", "conjointe", "compagnon", "compagne", "copain", "copine", "ex", "epoux", "epouse", "concubin", "concubine", "amoureux"]);
const VIOLENCE_DANGERS = ["enfant-en-danger", "maltraitance", "violences-conjugales"];

/**
 * Words before a child that make the child a witness or the one who acts, not the one hurt:
 * « devant les enfants », « avec ses enfants », « volée par ses enfants ».
 */
const WITNESS_WORDS = new Set(["devant", "avec", "presence", "yeux", "par"]);
const DETERMINERS = new Set(["les", "ses", "leurs", "des", "de", "ces", "son", "sa", "leur", "la", "le", "du"]);

/** A child word said as hurt, not only as there: « devant les enfants » is a witness, « par ses enfants » who acts. */
function namesChildHurt(words: readonly string[]): boolean {
  return words.some((w, i) => {
    if (!CHILD_WORDS.has(w)) return false;
    const before = DETERMINERS.has(words[i - 1] ?? "") ? words[i - 2] : words[i - 1];
    return !WITNESS_WORDS.has(before ?? "");
  });
}

/** A partner is named: « son mari », « son ex », and « sa femme » / « son homme » with a possessive. */
function namesPartner(words: readonly string[]): boolean {
  return words.some((w, i) => PARTNER_WORDS.has(w) || ((w === "femme" || w === "homme") && ["sa", "son", "ma", "mon"].includes(words[i - 1] ?? "")));
}

/**
 * Violence is read by who is hurt: a child gets the 119, an older or disabled adult the 3977, a
 * partner the 3919 — whichever phrase of violence the message used (« son fils le frappe » said
 * of a resident is not domestic violence).
 */
export function byVictim(urgences: readonly DangerMatch[], person: { age: number | null; publics: readonly Public[]; words: readonly string[] }, needs: NeedReader): DangerMatch[] {
  const violence = urgences.findIndex((u) => VIOLENCE_DANGERS.includes(u.danger.danger));
  if (violence === -1) {
    // A threat now against a partner is domestic violence too: the 17 first, then the 3919.
    const immediate = urgences.some((u) => u.danger.danger === "danger-immediat");
    const conjugal = immediate && namesPartner(person.words) ? needs.danger("violences-conjugales") : undefined;
    return conjugal ? [...urgences, conjugal] : [...urgences];
  }
  const has = (set: ReadonlySet<string>) => person.words.some((w) => set.has(w));
  const partner = namesPartner(person.words);
  // Children named only as there (« devant les enfants ») or as who acts (« par ses enfants »): the public they bring does not make them the ones hurt.
  const witnessesOnly = has(CHILD_WORDS) && !namesChildHurt(person.words);
  // An age said (« j'ai 84 ans ») settles it: « mon fils » then names the one who hurts, not a child.
  const child = person.age !== null ? person.age < 18 : (!witnessesOnly && person.publics.some((p) => p.age_max !== undefined && p.age_max < 18)) || namesChildHurt(person.words);
  const elder = (person.age !== null && person.age >= 60) || person.publics.some((p) => p.age_min !== undefined && p.age_min >= 60) || has(ELDER_WORDS);
  // A minor's age said comes before a partner named: « ma nièce de 14 ans … son copain de 25 ans » is a child to protect.
  const minorSaid = person.age !== null && person.age < 18;
  const victim = minorSaid ? "enfant-en-danger" : partner ? "violences-conjugales" : child ? "enfant-en-danger" : elder ? "maltraitance" : undefined;
  const chosen = victim ? needs.danger(victim) : undefined;
  if (!chosen) return [...urgences];
  const before = urgences.slice(0, violence);
  const after = urgences.slice(violence).filter((u) => !VIOLENCE_DANGERS.includes(u.danger.danger));
  return [...before, chosen, ...after];
}
