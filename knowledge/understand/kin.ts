// The person asked about is often named by their tie to the one who writes: « mon père vit seul »,
// « maman a 60 ans », « sa mère ne reconnaît plus personne ». There « père » or « maman » says who,
// not that someone asks about being a parent: such a word cannot make a need read from part of a
// phrase (« père seul avec ses enfants » is not « mon père vit seul »). A role said with an article
// (« un père seul », « le papa veut voir ses enfants ») keeps its meaning.
import type { Token } from "./read-message.ts";

const PARENT_WORDS = new Set(["pere", "mere", "papa", "maman", "parents", "daron", "daronne"]);
const POSSESSIVES = new Set(["mon", "ma", "mes", "notre", "nos", "son", "sa", "ses", "leur", "leurs", "ton", "ta", "tes", "votre", "vos"]);
/** Words after which « papa » or « maman » is a role, not a name: « la maman », « une maman solo ». */
const ARTICLES = new Set(["la", "le", "les", "une", "un", "des", "du", "de", "d", "cette", "ce", "jeune", "futur", "future", "futurs", "futures", "aux", "au"]);

/** Positions of family words that name the person talked about by their tie (« mon père », « maman a… »). */
export function kinPositions(tokens: readonly Token[]): Set<number> {
  const found = new Set<number>();
  tokens.forEach((token, index) => {
    if (!PARENT_WORDS.has(token.folded)) return;
    const before = tokens[index - 1]?.folded;
    const bare = token.folded === "papa" || token.folded === "maman";
    if ((before !== undefined && POSSESSIVES.has(before)) || (bare && (before === undefined || !ARTICLES.has(before)))) found.add(token.position);
  });
  return found;
}
