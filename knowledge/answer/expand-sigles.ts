// « Every sigle in an answer is expanded at its first use »: a pass over the finished answer,
// so no answer builder has to remember it.
import type { Glossary, SigleContext, SigleInfo } from "../sigles/glossary.ts";
import { contentStems } from "../text/stem.ts";
import type { Answer, ContactLine, Span, Text } from "./model.ts";

/** A piece of readable text of an answer, as a Text, that the pass can rewrite. */
interface Slot {
  text: Text;
  /** Writes the expanded text back (a plain-string field gets « SIGLE (expansion) »). */
  write(expanded: Text): void;
}

const textSlot = (text: Text): Slot => ({ text, write: (expanded) => text.splice(0, text.length, ...expanded) });

function stringSlot(value: string, write: (value: string) => void): Slot {
  return { text: [{ text: value }], write: (expanded) => write(expanded.map((span) => (span.abbr ? `${span.text} (${span.abbr})` : span.text)).join("")) };
}

/** A contact line's words (a function, an address); e-mail, phone and web values are left as they are. */
const contactSlot = (contact: ContactLine): Slot[] => (contact.href ? [] : [stringSlot(contact.value, (value) => (contact.value = value))]);

/** Every piece of readable text of an answer, in reading order: contact lines and agenda cards included. */
function slotsOf(answer: Answer): Slot[] {
  const slots: Slot[] = [];
  for (const block of answer.blocks) {
    switch (block.type) {
      case "title":
      case "paragraph":
      case "note":
        slots.push(textSlot(block.text));
        break;
      case "list":
        for (const item of block.items) slots.push(textSlot(item));
        break;
      case "services":
        for (const card of block.items) {
          slots.push(textSlot(card.nom));
          slots.push(textSlot(card.resume));
          for (const raison of card.raisons) slots.push(textSlot(raison));
          for (const contact of card.contacts) slots.push(...contactSlot(contact));
          if (card.orienter) slots.push(textSlot(card.orienter));
        }
        break;
      case "events":
        for (const event of block.items) {
          slots.push(stringSlot(event.titre, (value) => (event.titre = value)));
          slots.push(stringSlot(event.ou, (value) => (event.ou = value)));
          slots.push(stringSlot(event.public, (value) => (event.public = value)));
        }
        break;
      default:
        break;
    }
  }
  return slots;
}

// A sigle stands alone: not inside a hyphenated compound (« SI-SIAO » is not « SI » then « SIAO »).
const WORD = /(?<![\p{L}\p{N}-])[A-Z][A-Z0-9&]{1,9}s?(?![\p{L}\p{N}]|-[\p{L}\p{N}])/gu;
/** What every match of WORD contains: most texts have none, and this cheaper test skips them. */
const MAY_HOLD_SIGLE = /[A-Z][A-Z0-9&]/;

/** A sigle met for the first time, to write out where it stands. */
interface Expansion {
  /** Index of the span in its text. */
  at: number;
  start: number;
  word: string;
  info: SigleInfo;
  /** Inside parentheses: the meaning follows a dash instead of parentheses of its own. */
  dashed?: boolean;
}

/**
 * Writes out each sigle the first time it appears (« SSIAD (Service de soins infirmiers à domicile) »),
 * wherever that is: a title, a service card, a contact line's words, an agenda card.
 * A sigle already in parentheses after its meaning (« Aide à domicile (SAAD) ») counts as explained.
 */
export function expandSiglesInAnswer(answer: Answer, glossary: Glossary, alreadyExplained: Iterable<string> = []): Answer {
  const seen = new Set(alreadyExplained);
  const lookup = lookupOf(glossary);
  // One reading of the whole answer, before anything is written: which sigles come first, where.
  const slots = slotsOf(answer);
  const found: { slot: Slot; expansions: Expansion[] }[] = [];
  let ambiguous = false;
  for (const slot of slots) {
    const expansions: Expansion[] = [];
    let hasEmptySpan = false;
    for (const [at, span] of slot.text.entries()) {
      if (span.abbr || span.href) continue;
      if (span.text === "") hasEmptySpan = true;
      if (!MAY_HOLD_SIGLE.test(span.text)) continue;
      for (const match of span.text.matchAll(WORD)) {
        const word = match[0];
        const start = match.index;
        // Cheap check first: most capitalised words are sigles already explained or not sigles at all.
        const known = lookup(word);
        if (!known || seen.has(known.sigle)) continue;
        // Alone in parentheses after its meaning (« Aide à domicile (SAAD) »), the sigle is explained.
        if (span.text[start - 1] === "(" && span.text[start + word.length] === ")") {
          seen.add(known.sigle);
          continue;
        }
        seen.add(known.sigle);
        if (!known.developpements[0]) continue;
        if (known.developpements.length > 1) ambiguous = true;
        // In a list in parentheses (« Accès aux droits (CAF, CPAM, RSA) »), « CAF (Caisse…) » would nest
        // parentheses in parentheses: the meaning follows a dash there (« CAF – Caisse d'allocations familiales »).
        expansions.push({ at, start, word, info: known, ...(insideParentheses(span.text, start) ? { dashed: true } : {}) });
      }
    }
    // A text is written again when it changes: a sigle explained, or an empty span dropped.
    if (expansions.length > 0 || hasEmptySpan) found.push({ slot, expansions });
  }
  // A sigle with several meanings takes the one the whole answer's words point to.
  const context = ambiguous ? contextOf(slots) : undefined;
  for (const { slot, expansions } of found) slot.write(expandText(slot.text, expansions, (e) => (e.info.developpements.length > 1 ? glossary.lookup(e.word, context)! : e.info)));
  return answer;
}

/** `text` with each expansion's sigle given its meaning; the spans around are kept as they were, empty ones dropped. */
function expandText(text: Text, expansions: readonly Expansion[], meaningOf: (expansion: Expansion) => SigleInfo): Text {
  const result: Text = [];
  let next = 0;
  for (const [at, span] of text.entries()) {
    let cursor = 0;
    for (; next < expansions.length && expansions[next]!.at === at; next++) {
      const expansion = expansions[next]!;
      const { start, word } = expansion;
      if (start > cursor) result.push({ ...span, text: span.text.slice(cursor, start) });
      const meaning = meaningOf(expansion).developpements[0]!.forme_longue;
      result.push(expansion.dashed ? { ...span, text: `${word} – ${meaning}` } : ({ ...span, text: word, abbr: meaning } satisfies Span));
      cursor = start + word.length;
    }
    if (cursor === 0) {
      if (span.text !== "" || span.abbr || span.href) result.push(span);
    } else if (cursor < span.text.length) result.push({ ...span, text: span.text.slice(cursor) });
  }
  return result;
}

/**
 * The words of the whole answer, stemmed, to choose among a sigle's meanings. The same as stemming
 * the texts joined by spaces (a space ends a word), but each text is stemmed once: answers repeat
 * the base's names and descriptions.
 */
function contextOf(slots: readonly Slot[]): SigleContext {
  const stems = new Set<string>();
  for (const slot of slots) for (const span of slot.text) for (const stem of stemsOf(span.text)) stems.add(stem);
  return { stems };
}

const STEMS = new Map<string, readonly string[]>();
/** Texts of bases and answers: the memo is dropped rather than left to grow past this. */
const STEMS_AT_MOST = 4_000;

function stemsOf(text: string): readonly string[] {
  let stems = STEMS.get(text);
  if (stems === undefined) {
    if (STEMS.size >= STEMS_AT_MOST) STEMS.clear();
    stems = contentStems(text);
    STEMS.set(text, stems);
  }
  return stems;
}

/** Sigles found without context, kept per glossary: answers repeat the same few. Only known sigles are kept, so the memo stays as small as the glossary. */
const LOOKUPS = new WeakMap<Glossary, Map<string, SigleInfo>>();

function lookupOf(glossary: Glossary): (word: string) => SigleInfo | undefined {
  let memo = LOOKUPS.get(glossary);
  if (!memo) LOOKUPS.set(glossary, (memo = new Map()));
  const known = memo;
  return (word) => {
    let info = known.get(word);
    if (info === undefined) {
      info = glossary.lookup(word);
      if (info) known.set(word, info);
    }
    return info;
  };
}

/** Whether a position of a text stands inside an open parenthesis. */
function insideParentheses(text: string, position: number): boolean {
  let depth = 0;
  for (let i = 0; i < position; i++) {
    if (text[i] === "(") depth++;
    else if (text[i] === ")" && depth > 0) depth--;
  }
  return depth > 0;
}
