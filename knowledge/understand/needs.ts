// The needs stage: what is asked (needs), what is urgent (dangers), and who it is for (publics,
// statuses), read from the message's tokens. The person's status (« bénéficiaire de l'AAH »,
// « sous curatelle ») is read first and its words are not read again as a need.
import type { KnowledgeBase } from "../base.ts";
import type { Glossary } from "../sigles/glossary.ts";
import { foldText } from "../text/normalize.ts";
import { STOP_WORDS } from "../text/stem.ts";
import { getBuiltinLexicon, type DangerSituation, type NationalLine, type PersonStatus } from "./builtin-lexicon.ts";
import { callerPositions } from "./caller.ts";
import { kinPositions } from "./kin.ts";
import { linkConcepts } from "./link-concepts.ts";
import { compileSignals, readSignals, speaksAboutTheSubject, type CompiledSignals } from "./danger-signals.ts";
import { createPhraseIndex, type PhraseEntry, type PhraseHit, type PhraseIndex } from "./phrase-index.ts";
import { createSpeller, queryTokens, type QueryToken, type Speller } from "./query-tokens.ts";
import type { ReadMessage } from "./read-message.ts";
import type { WordKeys } from "./words.ts";

interface NeedMatch {
  id: string;
  score: number;
  positions: readonly number[];
  /** The expression it was read on. */
  phrase: string;
}

export interface DangerMatch {
  danger: DangerSituation;
  lignes: readonly NationalLine[];
}

interface NeedReading {
  needs: NeedMatch[];
  dangers: DangerMatch[];
  statuts: PersonStatus[];
  /** Base public ids named (« personne âgée ») or implied by a status. */
  publics: string[];
  /** Content words that nothing understood: a follow-up that holds some asks something new. */
  unexplained: string[];
  /** Positions of the words a danger was read on: they are not a place (« des hommes armés », not Armes). */
  dangerPositions: number[];
  /**
   * When no need was read: what the built-in lexicon understood that none of the base's needs takes
   * (« téléassistance » in a base without it), by its label, so the answer says so instead of « not understood ».
   */
  withoutService: string[];
}

export interface NeedReaderOptions {
  /** Least summed weight of a need guessed from its vocabulary alone (2.5). */
  vocabularyScore: number;
  /** The second need's vocabulary score must stay under this share of the best's (0.7). */
  vocabularyMargin: number;
  /**
   * Least weight of one word alone to guess a need from (3: a word only one need's phrases use),
   * which must also come back in two of its phrases at least: « chien » in « hébergement avec son
   * chien » says nothing of the need.
   */
  vocabularyWordScore: number;
  /** Least vocabulary score of one more need guessed from the words phrases left unexplained (3.5). */
  leftoverScore: number;
  /** For that guess, the next need's score must stay under this share of the best's (0.5). */
  leftoverMargin: number;
  /** Least score of a need (0.75). */
  needThreshold: number;
  /** A second or third need must score at least this share of the best (0.6). */
  relativeThreshold: number;
  maxNeeds: number;
}

const defaultNeedReaderOptions: NeedReaderOptions = { needThreshold: 0.75, relativeThreshold: 0.6, maxNeeds: 3, vocabularyScore: 2.5, vocabularyMargin: 0.7, vocabularyWordScore: 3, leftoverScore: 3.5, leftoverMargin: 0.5 };

export interface NeedReader {
  read(message: ReadMessage, skip: ReadonlySet<number>): NeedReading;
  /** A danger and its lines, by id (« enfant-en-danger »). */
  danger(id: string): DangerMatch | undefined;
  /** The base's needs a danger also asks for (its local services). */
  needsOfDanger(id: string): readonly string[];
  /** Every word the phrases use: typo corrections go towards these. */
  speller: Speller;
}

/**
 * When a message describes several dangers, the most pressing comes first: a body in danger now,
 * then a life, then a child, then violence, then a roof for tonight.
 */
const DANGER_PRIORITY = ["urgence-medicale", "danger-immediat", "suicide", "enfant-en-danger", "violences-conjugales", "maltraitance", "sans-abri"];

/** Dangers sorted by how pressing they are (DANGER_PRIORITY). */
export function byPriority(dangers: readonly DangerMatch[]): DangerMatch[] {
  const rank = (id: string) => {
    const index = DANGER_PRIORITY.indexOf(id);
    return index === -1 ? DANGER_PRIORITY.length : index;
  };
  return [...dangers].sort((a, b) => rank(a.danger.danger) - rank(b.danger.danger));
}

/** The phrase of a need read through a danger starts with this mark. */
export const DANGER_NEED = "danger:";

/** The phrase of a need read through a concept's signal (a description) starts with this mark. */
const SIGNAL_NEED = "signal:";

/** Words of a follow-up that ask nothing new (« et à Decize ? », « et sinon ? »). */
/** Words just before a status that make it a right asked about (« droit au RSA », « demande d'AAH »). */
const ASKING_FOR: ReadonlySet<string> = new Set(["droit", "droits", "demande", "demander", "demandes", "ouvrir", "ouverture", "dossier"]);
/** Words that ask for help without saying which (« un accompagnement », « qui peut l'aider »). */
const HELP_WORDS: ReadonlySet<string> = new Set(["accompagnement", "accompagner", "aide", "aider", "aides", "suivi", "suivre", "soutien", "soutenir", "solution", "solutions", "orienter", "orientation", "conseil", "conseils", "quelqu", "qqn", "structure", "service", "dispositif"]);
const FOLLOW_UP_WORDS = new Set([
  // Who it is for: a follow-up for someone else asks the same thing.
  "mere", "pere", "belle", "beau", "cousin", "cousine", "frere", "soeur", "fils", "fille", "oncle", "tante", "voisin", "voisine", "ami", "amie", "neveu", "niece", "mari", "femme", "enfant", "parents", "grand",
  // When: « et le week-end aussi ? », « et la nuit ? » ask the same help at another time.
  "aller", "week", "end", "weekend", "soir", "soirs", "nuit", "nuits", "matin", "matins", "journee", "journees", "samedi", "samedis", "dimanche", "dimanches", "ferie", "feries", "vacances", "ete", "hiver", "pendant", "temps", "heures", "tard", "tot",
  // Whether the same services take this person: « ils prennent aussi les moins de 60 ans ? ».
  "prennent", "prend", "acceptent", "accepte", "accueillent", "accueille", "age", "moins", "plus",
  // Corrections and thanks.
  "pardon", "voulais", "dire", "erreur", "plutot", "numero", "coordonnees", "telephone", "adresse", "contact", "joindre",
  "habite", "habitent", "habiter", "vit", "vivent", "reside", "residant", "situe", "situee", "pres", "proche", "sinon", "aussi", "pareil", "idem", "ok", "okay", "merci", "bonjour", "salut", "alors", "ailleurs", "plutot", "cote", "secteur", "commune", "ville", "village", "coin", "region", "meme", "chose", "la", "bas", "ici", "autre", "autres", "encore", "et", "ya", "quoi", "hein", "svp", "stp", "bien", "oui", "non", "daccord", "accord", "cas", "egalement", "ailleur"]);

/** The statuses' and dangers' indexes do not depend on a base: built once per process and shared (hot reload, several bases). */
const builtinCache = new WeakMap<WordKeys, BuiltinIndexes>();

interface BuiltinIndexes {
  statuts: PhraseIndex;
  dangers: PhraseIndex;
  notDangers: PhraseIndex;
  signals: CompiledSignals;
  notSignals: CompiledSignals;
  conceptSignals: CompiledSignals;
}

function builtinIndexes(keys: WordKeys): BuiltinIndexes {
  let indexes = builtinCache.get(keys);
  if (!indexes) {
    const lexicon = getBuiltinLexicon();
    const dangerOptions = { generic: new Set<string>(), partialCoverage: 0.75, keepGrammar: true };
    indexes = {
      // A status is read as written, small words and order included: « depuis qu'il a arrêté le
      // lycée » is not « en arrêt depuis ».
      statuts: createPhraseIndex(lexicon.statuts.flatMap((s) => s.expressions.map((phrase) => ({ owner: s.statut, phrase }))), keys, { generic: lexicon.generic, keepGrammar: true }),
      dangers: createPhraseIndex(lexicon.dangers.flatMap((d) => d.expressions.map((phrase) => ({ owner: d.danger, phrase }))), keys, dangerOptions),
      notDangers: createPhraseIndex(lexicon.dangers.flatMap((d) => d.sauf.map((phrase) => ({ owner: d.danger, phrase }))), keys, dangerOptions),
      signals: compileSignals(lexicon.dangers, keys),
      notSignals: compileSignals(lexicon.dangers.map((d) => ({ danger: d.danger, signaux: d.sauf_signaux })), keys),
      // « sans permis », « pas de médecin » say the need: no negation guard for needs.
      conceptSignals: compileSignals(lexicon.concepts.map((c) => ({ danger: c.concept, signaux: c.signaux })), keys, { negations: false }),
    };
    builtinCache.set(keys, indexes);
  }
  return indexes;
}

/** Builds the needs stage for a base: its own words, plus the built-in lexicon unless switched off. */
export function createNeedReader(base: KnowledgeBase, glossary: Glossary, keys: WordKeys, options: Partial<NeedReaderOptions> = {}): NeedReader {
  const settings = { ...defaultNeedReaderOptions, ...options };
  const lexicon = getBuiltinLexicon();
  const entries: PhraseEntry[] = base.besoins.flatMap((b) => [b.libelle, ...b.synonymes].map((phrase) => ({ owner: b.id, phrase })));
  /** Base needs each danger also asks for, through the danger's concepts. */
  const needsOfDanger = new Map<string, string[]>();
  /** Base needs each concept of the built-in lexicon is linked to. */
  let links: ReadonlyMap<string, readonly string[]> = new Map();
  if (base.info.lexique !== false) {
    links = linkConcepts(base.besoins, lexicon.concepts, keys, lexicon.generic);
    for (const danger of lexicon.dangers) needsOfDanger.set(danger.danger, [...new Set(danger.concepts.flatMap((c) => links.get(c) ?? []))]);
    for (const concept of lexicon.concepts) {
      for (const owner of links.get(concept.concept) ?? []) {
        for (const phrase of [concept.libelle, ...concept.expressions]) entries.push({ owner, phrase, trust: 0.95 });
      }
    }
  }
  const needs = createPhraseIndex(entries, keys, { generic: lexicon.generic });
  // Concepts no need of this base takes: still read, to say the base has nothing for them.
  const orphanConcepts = base.info.lexique === false ? [] : lexicon.concepts.filter((c) => (links.get(c.concept) ?? []).length === 0);
  const orphans = orphanConcepts.length > 0 ? createPhraseIndex(orphanConcepts.flatMap((c) => [c.libelle, ...c.expressions].map((phrase) => ({ owner: c.concept, phrase }))), keys, { generic: lexicon.generic }) : undefined;
  const orphanLabels = new Map(orphanConcepts.map((c) => [c.concept, c.libelle]));
  const { statuts, dangers, notDangers, signals, notSignals, conceptSignals } = builtinIndexes(keys);
  const publics = createPhraseIndex(base.publics.flatMap((p) => [p.libelle, ...p.synonymes].map((phrase) => ({ owner: p.id, phrase }))), keys, { generic: lexicon.generic });
  const speller = createSpeller([...needs.words, ...statuts.words, ...dangers.words, ...publics.words]);

  const statutsById = new Map(lexicon.statuts.map((s) => [s.statut, s]));
  const dangersById = new Map(lexicon.dangers.map((d) => [d.danger, d]));
  const lines = base.info.lignes_nationales === false ? [...(base.info.lignes ?? [])] : [...(base.info.lignes ?? []), ...lexicon.lignes];
  /** A danger's lines, in the order the danger lists them (« 17 » before « 114 »), then the base's own. */
  const dangerMatch = (id: string): DangerMatch | undefined => {
    const danger = dangersById.get(id);
    if (!danger) return undefined;
    const rank = (numero: string) => {
      const index = danger.lignes.indexOf(numero);
      return index === -1 ? danger.lignes.length : index;
    };
    return { danger, lignes: lines.filter((l) => l.dangers.includes(id)).sort((a, b) => rank(a.numero) - rank(b.numero)) };
  };
  const publicsByDi = new Map<string, string[]>();
  for (const p of base.publics) for (const di of p.data_inclusion ?? []) publicsByDi.set(di, [...(publicsByDi.get(di) ?? []), p.id]);

  /** The meaning a sigle has in this message (« CAE » near « juge des enfants » is the PJJ centre). */
  const sigleMeaning = (folded: string, context: string) => {
    const info = glossary.lookup(folded, context);
    const meaning = info?.developpements[0]?.forme_longue;
    return meaning ? foldText(meaning).split(" ") : undefined;
  };

  return {
    speller,
    danger: dangerMatch,
    needsOfDanger: (id) => needsOfDanger.get(id) ?? [],
    read(message, placeWords) {
      // The caller's own service (« je suis au CCAS de… ») is who asks, not what is asked.
      const skip = new Set([...placeWords, ...callerPositions(message.tokens)]);
      const all = queryTokens(message.tokens, { keys, speller, sigleMeaning: (folded) => sigleMeaning(folded, message.text), skip });
      // A status asked for (« la mettre sous tutelle », « demande de curatelle ») is that request, not
      // the status: a request's words that share the status's and start before it win.
      const saysMore = (request: { positions: number[] }, status: { positions: number[] }) =>
        request.positions.some((p) => status.positions.includes(p)) && request.positions.some((p) => p < Math.min(...status.positions));
      // « droit au RSA », « demande d'AAH »: the right asked about, not a status held.
      const foldedAt = new Map(message.tokens.map((t) => [t.position, t.folded]));
      const asksForIt = (positions: readonly number[]) => ASKING_FOR.has(foldedAt.get(Math.min(...positions) - 1) ?? "");
      const statusCandidates = statuts.match(all).filter((h) => h.full && !asksForIt(h.positions));
      const requests = statusCandidates.length > 0 ? needs.match(all).filter((h) => h.full) : [];
      const statusHits = statusCandidates.filter((h) => !requests.some((r) => saysMore(r, h)));
      const statusPositions = new Set(statusHits.flatMap((h) => h.positions));
      // Signals read every word typed, small ones too (« un œil au beurre noir »), places aside.
      const read = new Set(all.map((q) => q.position));
      const typed = [...all, ...message.tokens.filter((t) => !skip.has(t.position) && !read.has(t.position)).map((t) => ({ position: t.position, folded: t.folded, keys: [] }))];
      // « par » inside the words of an exception turns its roles round: « frappe son père » (the child
      // hits) is not « est frappé par son père » (the child is hit).
      const byAgent = (h: PhraseHit) => !/\bpar\b/.test(foldText(h.phrase)) && message.tokens.some((t) => t.folded === "par" && t.position > Math.min(...h.positions) && t.position < Math.max(...h.positions));
      const cancelled = new Set([...notDangers.match(all).filter((h) => h.full && !byAgent(h)).map((h) => h.owner), ...readSignals(notSignals, typed).map((h) => h.owner)]);
      // A training or a meeting on violence is about the subject, not about someone in danger.
      if (speaksAboutTheSubject(message.tokens)) for (const danger of lexicon.dangers) cancelled.add(danger.danger);
      // A danger is read nearly as written: every word that carries it, close together.
      const phraseDangers = dangers.match(all).filter((h) => (h.full || (h.complete && h.missing <= 1 && h.positions.length >= 3)) && !cancelled.has(h.owner));
      // Or described: words said together (« un bleu sur la joue … son conjoint »).
      const described = readSignals(signals, typed).filter((h) => !cancelled.has(h.owner) && !phraseDangers.some((d) => d.owner === h.owner));
      const dangerHits = [...phraseDangers, ...described];
      const publicHits = publics.match(all).filter((h) => h.full && h.score >= 0.99);
      const tokens = all.filter((t) => !statusPositions.has(t.position));
      // Who the person is (« une personne âgée ») is not what is asked: a need read only on public words is dropped.
      // A sigle (« MDPH », « AESH ») names a service or a right even when a public lists it.
      const sigles = new Set(message.tokens.filter((t) => t.sigleLike).map((t) => t.position));
      const publicPositions = new Set(publicHits.flatMap((h) => h.positions).filter((p) => !sigles.has(p)));
      // A situation a public and a need both name in the same words (« sans logement », « à la rue ») is
      // who the person is and what they need: the need stays.
      const alsoNeeds = new Set(publicHits.map((h) => foldText(h.phrase)));
      const sigleAt = new Map(message.tokens.filter((t) => t.sigleLike).map((t) => [t.position, t.folded]));
      let needHits = pickNeeds(needs, tokens, settings, publicPositions, kinPositions(message.tokens), alsoNeeds, sigleAt);
      // Needs described rather than named (« un établissement pour sa femme qui perd la tête »), each
      // read on words no phrase already explains.
      const claimed = new Set([...needHits.flatMap((n) => n.positions), ...dangerHits.flatMap((h) => h.positions)]);
      // A status may say for whom (« élève seule ses trois enfants »), never what is asked.
      for (const hit of readSignals(conceptSignals, typed)) {
        if (hit.positions.every((p) => claimed.has(p) || statusPositions.has(p))) continue;
        for (const id of links.get(hit.owner) ?? []) {
          if (needHits.length >= settings.maxNeeds || needHits.some((n) => n.id === id)) continue;
          needHits.push({ id, score: settings.needThreshold, positions: hit.positions, phrase: `${SIGNAL_NEED}${hit.owner}` });
          for (const p of hit.positions) claimed.add(p);
        }
      }
      if (needHits.length === 0 && dangerHits.length === 0) needHits = guessFromVocabulary(needs, tokens.filter((t) => !publicPositions.has(t.position)), settings);
      // Help asked for someone described only by a status (« un accompagnement pour un chômeur de
      // longue durée »), every other word small: what that situation usually calls for. A word
      // not understood (« une aide pour le loyer d'un chômeur ») is asked about instead.
      const onlyHelpAsked = () =>
        message.tokens.some((t) => HELP_WORDS.has(t.folded)) &&
        !message.tokens.some((t) => t.french && !skip.has(t.position) && !statusPositions.has(t.position) && !publicPositions.has(t.position) && !HELP_WORDS.has(t.folded) && !STOP_WORDS.has(t.folded) && t.folded.length > 2 && !/^\d+$/.test(t.folded));
      if (needHits.length === 0 && dangerHits.length === 0 && statusHits.length > 0 && onlyHelpAsked()) {
        for (const hit of statusHits) {
          for (const concept of statutsById.get(hit.owner)?.concepts ?? []) {
            for (const id of links.get(concept) ?? []) {
              if (needHits.length < settings.maxNeeds && !needHits.some((n) => n.id === id)) needHits.push({ id, score: settings.needThreshold, positions: hit.positions, phrase: `${SIGNAL_NEED}${concept}` });
            }
          }
        }
      }
      // Words no phrase explained may still ask for something else (« … des pansements, des repas »):
      // a second request is guessed from them, on stricter terms than a first one. Not beside a
      // danger: its words around are the situation, and the danger brings its own needs.
      else if (needHits.length < settings.maxNeeds && dangerHits.length === 0) {
        const leftover = tokens.filter((t) => !claimed.has(t.position) && !publicPositions.has(t.position));
        const strict = { ...settings, vocabularyScore: settings.leftoverScore, vocabularyMargin: settings.leftoverMargin };
        for (const guess of guessFromVocabulary(needs, leftover, strict)) {
          if (needHits.length < settings.maxNeeds && !needHits.some((n) => n.id === guess.id)) needHits.push(guess);
        }
      }
      // A danger asks for its local services too (the 3919, then the violence services here).
      {
        for (const hit of dangerHits) {
          for (const id of needsOfDanger.get(hit.owner) ?? []) {
            if (!needHits.some((n) => n.id === id)) needHits.push({ id, score: settings.needThreshold, positions: hit.positions, phrase: `${DANGER_NEED}${hit.owner}` });
          }
        }
      }

      const foundStatuts = statusHits.map((h) => statutsById.get(h.owner)!).filter(Boolean);
      const publicIds = new Set(publicHits.map((h) => h.owner));
      for (const statut of foundStatuts) for (const di of statut.publics) for (const id of publicsByDi.get(di) ?? []) publicIds.add(id);

      const explained = new Set([...statusPositions, ...needHits.flatMap((n) => n.positions), ...dangerHits.flatMap((h) => h.positions), ...publicHits.flatMap((h) => h.positions)]);
      // Words French does not write are names (a hamlet, a person), not a new request.
      const unexplained = message.tokens
        .filter((t) => t.french && !skip.has(t.position) && !explained.has(t.position) && !STOP_WORDS.has(t.folded) && !FOLLOW_UP_WORDS.has(t.folded) && !/^\d+$/.test(t.folded) && t.folded.length > 2 && t.folded !== "ans")
        .map((t) => t.folded);

      return {
        needs: needHits,
        dangers: byPriority(dangerHits.map((h) => dangerMatch(h.owner)).filter((d): d is DangerMatch => d !== undefined)),
        statuts: foundStatuts,
        publics: [...publicIds],
        unexplained,
        dangerPositions: [...new Set(dangerHits.flatMap((h) => h.positions))],
        withoutService: needHits.length > 0 || dangerHits.length > 0 || !orphans ? [] : orphanReadings(orphans, tokens, settings).map((id) => orphanLabels.get(id)!),
      };
    },
  };
}

/** Concepts without a need of the base read in the message as surely as a need would be: full phrases, best first, two at most. */
function orphanReadings(index: PhraseIndex, tokens: readonly QueryToken[], settings: NeedReaderOptions): string[] {
  const hits = index.match(tokens).filter((h) => h.full && h.score >= settings.needThreshold);
  const best = hits[0]?.score ?? 0;
  return hits.filter((h) => h.score >= settings.relativeThreshold * best).slice(0, 2).map((h) => h.owner);
}

/**
 * No phrase read: the need whose vocabulary the message's rare words clearly belong to, when one
 * stands out (« elle a 6 crédits et chaque fin de mois elle est dans le rouge »). Two words, or one
 * word that only this need's phrases use, and several of them; well ahead of the next need, or nothing.
 */
function guessFromVocabulary(index: PhraseIndex, tokens: readonly QueryToken[], settings: NeedReaderOptions): NeedMatch[] {
  const [best, second, third] = index.vocabulary(tokens);
  const strong = (guess: typeof best) => guess !== undefined && guess.score >= settings.vocabularyScore && (guess.positions.length >= 2 || (guess.score >= settings.vocabularyWordScore && guess.phrases >= 2));
  if (!best || !strong(best)) return [];
  const guess = (g: NonNullable<typeof best>) => ({ id: g.owner, score: settings.needThreshold, positions: g.positions, phrase: "" });
  if (!second || second.score <= settings.vocabularyMargin * best.score) return [guess(best)];
  // Two needs close together and well ahead of the rest (« dépense tout son argent, signe tout »:
  // legal protection or budget): both are offered, each with its services.
  if (strong(second) && (!third || third.score <= settings.vocabularyMargin * second.score)) return [guess(best), guess(second)];
  return [];
}

/**
 * The needs of a message: strong enough, and each read on words of its own — a phrase whose
 * words another, stronger need already explains is the same request read twice, not a second need.
 */
/**
 * A need that names a typed sigle itself (« SESSAD » in the need's words) outranks needs read only in
 * that sigle's meaning (« … soins à domicile »): the meaning is there to read sigles no need names.
 */
function sigleNamedFirst(hits: readonly PhraseHit[], sigles: ReadonlyMap<number, string>): PhraseHit[] {
  const onSigle = (hit: PhraseHit) => (hit.positions.length === 1 ? sigles.get(hit.positions[0]!) : undefined);
  const meaningBest = new Map<number, number>();
  for (const hit of hits) {
    const sigle = onSigle(hit);
    if (sigle !== undefined && foldText(hit.phrase) !== sigle) meaningBest.set(hit.positions[0]!, Math.max(hit.score, meaningBest.get(hit.positions[0]!) ?? 0));
  }
  return hits
    .map((hit) => {
      const sigle = onSigle(hit);
      const best = meaningBest.get(hit.positions[0]!);
      return sigle !== undefined && foldText(hit.phrase) === sigle && best !== undefined && best >= hit.score ? { ...hit, score: best + 0.01 } : hit;
    })
    .sort((a, b) => b.score - a.score);
}

function pickNeeds(index: PhraseIndex, tokens: readonly QueryToken[], settings: NeedReaderOptions, publicPositions: ReadonlySet<number>, kin: ReadonlySet<number>, publicPhrases: ReadonlySet<string>, sigles: ReadonlyMap<number, string>): NeedMatch[] {
  const onPublicWordsOnly = (h: PhraseHit) => h.positions.every((p) => publicPositions.has(p)) && !(h.full && publicPhrases.has(foldText(h.phrase)));
  const matched = index.match(tokens);
  const hits = sigleNamedFirst(matched, sigles).filter((h) => h.score >= settings.needThreshold && !onPublicWordsOnly(h) && (h.full || !h.positions.some((p) => kin.has(p))));
  const best = hits[0]?.score ?? 0;
  const chosen: PhraseHit[] = [];
  const claimed = new Set<number>();
  // Two needs read on the same words (« sortie d'hôpital »: coordination and APA) are one request
  // asked of two needs: they take one of the slots, and leave room for the others asked.
  let requests = 0;
  for (const hit of hits) {
    if (hit.score < settings.relativeThreshold * best) break;
    const fresh = hit.positions.filter((p) => !claimed.has(p));
    const tie = chosen.some((c) => Math.abs(c.score - hit.score) < 1e-9 && c.positions.join() === hit.positions.join());
    if (fresh.length === 0 && !tie) continue;
    if (!tie && requests >= settings.maxNeeds) break;
    if (!tie) requests++;
    chosen.push(hit);
    for (const p of hit.positions) claimed.add(p);
  }
  return chosen.map((h) => ({ id: h.owner, score: h.score, positions: h.positions, phrase: h.phrase }));
}
