// « Every sigle in an answer is expanded at its first use »: a pass over the finished answer,
// so no answer builder has to remember it.
import type { Glossary } from "../sigles/glossary.ts";
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
function* slotsOf(answer: Answer): Generator<Slot> {
  for (const block of answer.blocks) {
    switch (block.type) {
      case "title":
      case "paragraph":
      case "note":
        yield textSlot(block.text);
        break;
      case "list":
        for (const item of block.items) yield textSlot(item);
        break;
      case "services":
        for (const card of block.items) {
          yield textSlot(card.nom);
          yield textSlot(card.resume);
          for (const raison of card.raisons) yield textSlot(raison);
          for (const contact of card.contacts) yield* contactSlot(contact);
          if (card.orienter) yield textSlot(card.orienter);
        }
        break;
      case "events":
        for (const event of block.items) {
          yield stringSlot(event.titre, (value) => (event.titre = value));
          yield stringSlot(event.ou, (value) => (event.ou = value));
          yield stringSlot(event.public, (value) => (event.public = value));
        }
        break;
      default:
        break;
    }
  }
}

// A sigle stands alone: not inside a hyphenated compound (« SI-SIAO » is not « SI » then « SIAO »).
const WORD = /(?<![\p{L}\p{N}-])[A-Z][A-Z0-9&]{1,9}s?(?![\p{L}\p{N}]|-[\p{L}\p{N}])/gu;

/**
 * Writes out each sigle the first time it appears (« SSIAD (Service de soins infirmiers à domicile) »),
 * wherever that is: a title, a service card, a contact line's words, an agenda card.
 * A sigle already in parentheses after its meaning (« Aide à domicile (SAAD) ») counts as explained.
 */
export function expandSiglesInAnswer(answer: Answer, glossary: Glossary, alreadyExplained: Iterable<string> = []): Answer {
  const seen = new Set(alreadyExplained);
  const context = [...slotsOf(answer)].flatMap((slot) => slot.text.map((s) => s.text)).join(" ");
  for (const slot of slotsOf(answer)) slot.write(expandText(slot.text, glossary, seen, context));
  return answer;
}

function expandText(text: Text, glossary: Glossary, seen: Set<string>, context: string): Text {
  const result: Text = [];
  for (const span of text) {
    if (span.abbr || span.href) {
      result.push(span);
      continue;
    }
    let cursor = 0;
    for (const match of span.text.matchAll(WORD)) {
      const word = match[0];
      const start = match.index;
      // Cheap check first: most capitalised words are sigles already explained or not sigles at all.
      const known = glossary.lookup(word);
      if (!known || seen.has(known.sigle)) continue;
      // Alone in parentheses after its meaning (« Aide à domicile (SAAD) »), the sigle is explained.
      if (span.text[start - 1] === "(" && span.text[start + word.length] === ")") {
        seen.add(known.sigle);
        continue;
      }
      // In a list in parentheses (« Accès aux droits (CAF, CPAM, RSA) »), a meaning written out would
      // nest parentheses in parentheses: the sigle is written out where it next appears outside them.
      if (insideParentheses(span.text, start)) continue;
      const info = known.developpements.length > 1 ? glossary.lookup(word, context)! : known;
      seen.add(info.sigle);
      const meaning = info.developpements[0];
      if (!meaning) continue;
      if (start > cursor) result.push({ ...span, text: span.text.slice(cursor, start) });
      result.push({ ...span, text: word, abbr: meaning.forme_longue } satisfies Span);
      cursor = start + word.length;
    }
    if (cursor < span.text.length) result.push(cursor === 0 ? span : { ...span, text: span.text.slice(cursor) });
  }
  return result;
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
