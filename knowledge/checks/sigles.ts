// Sigles written in the base's texts but missing from its glossary: the bot cannot explain
// them, and a professional from another sector will not know them. Avertissement: the text is
// not wrong, but the glossary (sigles/) should say what the sigle means.
// One problem per sigle, located where it first appears and listing where else it is used:
// the fix is one glossary entry, not an edit of every service.
import type { KindName } from "../schema/index.ts";
import type { CodedProblem } from "./codes.ts";
import { problemAt, shortList, type CheckContext } from "./context.ts";
import { checkMessages } from "./messages.ts";

/** The text fields read, per kind of entry. */
const SIGLE_FIELDS = {
  services: ["nom", "sigle", "description_falc", "description", "mobilisation_precisions", "conditions_acces"],
  pratiques: ["resume"],
  agenda: ["description"],
} as const satisfies Partial<Record<KindName, readonly string[]>>;

// The glossary's own word pattern (knowledge/sigles/glossary.ts), so that a word is cut the same way.
const WORDS = /(?<![\p{L}\p{N}])(?:[\p{L}\p{N}]\.){2,}|[\p{L}\p{N}][\p{L}\p{N}&-]*[\p{L}\p{N}]|\b\d{3}\b/gu;
/** A sigle has at least two capitals: other words need no glossary look-up. */
const TWO_CAPITALS = /[A-Z].*[A-Z]/;
/**
 * Space-separated pieces of text with two capitals. No word spans a space, so cutting words
 * inside these pieces only gives the same words as cutting the whole text, ten times faster.
 */
const PIECES = /\S*[A-Z]\S*[A-Z]\S*/g;

interface Use {
  kind: KindName;
  id: string;
  fields: string[];
}

export function checkUnknownSigles(context: CheckContext): CodedProblem[] {
  const { base, glossary } = context;
  // Each distinct piece of text is cut once and each distinct word asked once: a base repeats
  // the same few hundred capitalised words.
  const unknownInWord = new Map<string, readonly string[]>();
  const unknownInPiece = new Map<string, readonly string[]>();
  const uses = new Map<string, Map<string, Use>>();

  const unknownSiglesOf = (piece: string): readonly string[] => {
    let unknown = unknownInPiece.get(piece);
    if (unknown) return unknown;
    const found = new Set<string>();
    for (const match of piece.matchAll(WORDS)) {
      const word = match[0];
      if (!TWO_CAPITALS.test(word)) continue;
      let inWord = unknownInWord.get(word);
      if (!inWord) unknownInWord.set(word, (inWord = glossary.findInText(word).inconnus));
      for (const sigle of inWord) found.add(sigle);
    }
    unknownInPiece.set(piece, (unknown = [...found]));
    return unknown;
  };

  const scan = (kind: KindName, id: string, field: string, text: string | undefined) => {
    if (!text) return;
    for (const piece of text.match(PIECES) ?? []) {
      for (const sigle of unknownSiglesOf(piece)) {
        let bySigle = uses.get(sigle);
        if (!bySigle) uses.set(sigle, (bySigle = new Map()));
        const key = `${kind}:${id}`;
        const use = bySigle.get(key);
        if (!use) bySigle.set(key, { kind, id, fields: [field] });
        else if (!use.fields.includes(field)) use.fields.push(field);
      }
    }
  };

  for (const service of base.services) {
    for (const field of SIGLE_FIELDS.services) scan("services", service.id, field, service[field]);
  }
  for (const pratique of base.pratiques) scan("pratiques", pratique.id, "resume", pratique.resume);
  for (const evenement of base.agenda) scan("agenda", evenement.id, "description", evenement.description);

  const problems: CodedProblem[] = [];
  for (const [sigle, bySigle] of uses) {
    const list = [...bySigle.values()];
    const first = list[0]!;
    const places = list.map((use) => `${base.sources.get(`${use.kind}:${use.id}`)?.file ?? use.id} (${use.fields.join(", ")})`);
    problems.push(
      problemAt(context, "avertissement", "sigle-inconnu", first.kind, first.id, [first.fields[0]!], checkMessages.unknownSigle(sigle, shortList(places, context.options.listLimit, " ; "), glossary.suggest(sigle))),
    );
  }
  return problems;
}
