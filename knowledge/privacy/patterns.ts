// The shapes of personal data in French chat messages, as regular expressions. Kept apart from
// the detection logic (personal-data.ts) so that each shape can be read and reviewed on its own.
// Letters are matched with \p{L}: JavaScript's \b ignores accented letters (« née » would not end at \b).

/** Start and end of a word, accent-aware. */
const WORD_START = String.raw`(?<![\p{L}\p{N}_])`;
const WORD_END = String.raw`(?![\p{L}\p{N}_])`;

/** An e-mail address. */
export const EMAIL = new RegExp(String.raw`${WORD_START}[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}${WORD_END}`, "gu");

/** Top-level domains an e-mail written out in words may end with (« gmail point com »). */
const WRITTEN_TLD = String.raw`(?:fr|com|org|net|eu|info|be|ch|gouv|io|biz|re|gp|mq|gf|yt|nc|pf)`;
/** What stands for « @ » when an address is disguised: « (at) », « [at] », « arobase », « @ » between spaces. */
const WRITTEN_AT = String.raw`(?:\s*[(\[{]\s*(?:at|arobase|@)\s*[)\]}]\s*|\s+(?:at|arobase|arobas)\s+|\s*@\s*)`;
/** What stands for a dot in a disguised address: « . » with spaces, « (dot) », « point ». */
const WRITTEN_DOT = String.raw`(?:\s*[(\[{]\s*(?:dot|point)\s*[)\]}]\s*|\s+(?:dot|point)\s+|\s*\.\s*)`;

/**
 * An e-mail disguised against robots: « jean.dupont (at) gmail.com », « marie @ exemple . fr »,
 * « jean arobase gmail point com ». The domain must end with a common top-level domain, so that
 * « at » or « point » in a sentence is not taken for an address.
 */
export const WRITTEN_EMAIL = new RegExp(
  String.raw`${WORD_START}[\p{L}\p{N}._%+-]+${WRITTEN_AT}[\p{L}\p{N}-]+(?:${WRITTEN_DOT}[\p{L}\p{N}-]+)*?${WRITTEN_DOT}${WRITTEN_TLD}${WORD_END}`,
  "giu",
);

/**
 * French phone numbers: ten digits starting with 0 (« 06 12 34 56 78 », « 0612345678 », « 06.12.34.56.78 »),
 * « 06/12/34/56/78 » (pairs only: a date has fewer digits), or an international prefix (« +33 6 12 34 56 78 »,
 * « +33 (0)6… », « 0033 6… »). Odd spaces, fullwidth digits and invisible characters are evened out
 * before (see detection-view.ts). Short numbers (115, 3114) are
 * services, never people: they are left alone.
 */
export const PHONE = new RegExp(
  String.raw`(?<![\p{L}\p{N}+])(?:0[1-9](?:[ .\-]?\d){8}|0[1-9](?:/\d{2}){4}|(?:\+|00)\d{2,3}[ .\-]?(?:\(0\)[ .\-]?)?[1-9](?:[ .\-]?\d){7,10})(?![\p{N}])`,
  "gu",
);

/** NIR shape: sex, year, month, département (2A/2B for Corsica), commune, order, then an optional key. */
export const NIR = new RegExp(
  String.raw`(?<![\p{L}\p{N}])[1-478][ .\-/]?\d{2}[ .\-/]?\d{2}[ .\-/]?(?:\d{2}|2[AaBb])[ .\-/]?\d{3}[ .\-/]?\d{3}(?:[ .\-/]?\d{2})?(?![\p{L}\p{N}])`,
  "gu",
);

/** Words that announce a social security number, a little before the number itself. */
export const NIR_CUE = /(?:nir|s[ée]cu|s[ée]curit[ée] sociale|n°\s*ss|num[ée]ro\s+ss|insee|immatriculation|vitale)[^\n]{0,40}$/iu;

const MONTH = String.raw`(?:janvier|janv\.?|f[ée]vrier|f[ée]vr?\.?|mars|avril|avr\.?|mai|juin|juillet|juil\.?|ao[ûu]t|septembre|sept?\.?|octobre|oct\.?|novembre|nov\.?|d[ée]cembre|d[ée]c\.?)`;
/** « 12/03/1950 », « 12-03-50 », « 12.03.1950 ». */
const NUMERIC_DATE = String.raw`\d{1,2}[/.\-]\d{1,2}[/.\-](?:\d{4}|\d{2})`;
/** « 12 mars 1950 », « 1er mars 1950 ». */
const WRITTEN_DATE = String.raw`\d{1,2}(?:er)?\s+${MONTH}\s+(?:19|20)\d{2}`;
/** A full date, day included. */
const FULL_DATE = String.raw`(?:${NUMERIC_DATE}|${WRITTEN_DATE})${WORD_END}`;
/** A full date, a month and year, or a year alone: what may follow « né en », « née le ». */
const ANY_BIRTH_DATE = String.raw`(?:${NUMERIC_DATE}|${WRITTEN_DATE}|${MONTH}\s+(?:19|20)\d{2}|(?:19|20)\d{2})${WORD_END}`;

/**
 * A birth date announced by « né(e) le / en », « date de naissance », « naissance », « DDN ».
 * Group `date` is the date alone: only it is replaced, « née le » stays readable.
 */
export const BIRTH_DATE = new RegExp(
  String.raw`${WORD_START}(?:n[ée]e?s?|n[ée]\s?\(e\)|date\s+de\s+naissance|naissance|ddn|d\.d\.n\.?)${WORD_END}\s*(?::\s*)?(?:le\s+|en\s+|au\s+|du\s+)?(?<date>${ANY_BIRTH_DATE})`,
  "giu",
);

/** A capitalised word as names are written: « Dupont », « DUPONT », « Dupont-Martin », « D'Arcy ». */
const NAME_WORD = String.raw`\p{Lu}[\p{L}'’]*(?:-\p{Lu}[\p{L}'’]*)*`;
/**
 * Particles inside a surname: « de Villepin », « van Gogh », « Le Goff ». « le » and « la » count only
 * capitalised: in « M. le Préfet » they are articles before a function, not part of a name.
 */
const PARTICLE = String.raw`(?:de|du|des|d['’]|van|von|Le|La)\s*`;
/** Titles before a name, as typed in a hurry too (« mme », « mr », « m. »). */
const TITLE = String.raw`(?:[Mm]onsieur|[Mm]adame|[Mm]ademoiselle|[Mm]mes|[Mm]me|[Mm]lle|[Mm]r|[Mm]rs|MM\.|[Mm]\.|Dr|Docteur)`;

/**
 * A title followed by capitalised words: « Mme Dupont », « M. Jean DUPONT », « Monsieur de Villepin ».
 * Group `name` is the name alone: the title stays (« Mme [nom] »). Lowercase words after a title are
 * not names: « Madame souhaite un portage de repas ».
 */
export const TITLED_NAME = new RegExp(
  String.raw`${WORD_START}${TITLE}\.?\s+(?<name>(?:${PARTICLE})?${NAME_WORD}(?:\s+(?:${PARTICLE})?${NAME_WORD}){0,2})`,
  "gu",
);

/**
 * A title followed by a lowercase word (« mme dupont », « monsieur lebrun »). Group `name` is the
 * word; personal-data.ts keeps it when it is a French word (« Madame souhaite », « monsieur est »).
 */
export const TITLED_LOWERCASE = new RegExp(String.raw`${WORD_START}${TITLE}\.?\s+(?<name>\p{Ll}[\p{Ll}'’]*(?:-\p{L}[\p{Ll}'’]*)*)${WORD_END}`, "gu");

/**
 * A birth or married name: « née Martin », « épouse Durand », « veuve Lebrun », « née dupont ». Group
 * `name` is the next word (and a capitalised one after it); personal-data.ts decides whether it is a name.
 */
export const MARRIED_NAME = new RegExp(
  String.raw`${WORD_START}(?:[Nn][ée]e|NEE|N[ÉE]E|[ÉEée]pouse|[ÉEée]p\.|[Vv]euve|[Vv]ve)\s+(?<name>[\p{L}'’-]+(?:\s+${NAME_WORD})?)`,
  "gu",
);

/** An age (« 85 ans », « âgée de 85 ans »): a first name and a surname right before it are a person. */
export const AGE = new RegExp(String.raw`${WORD_START}(?:[âa]g[ée]e?s?\s+de\s+)?\d{1,3}\s*ans${WORD_END}`, "giu");

/**
 * « s'appelle Jean Dupont », « se nomme … », « prénommée Léa », « mon nom est … ». Group `name` starts at
 * the first word; personal-data.ts decides how many words belong to the name.
 */
export const CALLED = new RegExp(
  String.raw`${WORD_START}(?:s['’]\s?appell?e|m['’]\s?appell?e|t['’]\s?appell?e|se\s+nomme|(?:pr[ée])?nomm[ée]e?|mon\s+nom\s+est|son\s+nom\s+est|son\s+nom\s+c['’]est)\s+(?<name>[\p{L}'’-]+(?:\s+[\p{L}'’-]+)?)`,
  "giu",
);

/**
 * A first name and a surname at the end of a text: tried on what comes right before a birth date
 * (« Jean Dupont né le … », « Léa MARTIN, 12/03/2015 »). Group `name` is the pair.
 */
export const NAME_PAIR_AT_END = new RegExp(
  String.raw`${WORD_START}(?!(?:Monsieur|Madame|Mademoiselle|Mme|Mlle|Mr|Mrs|Dr|Docteur)${WORD_END})(?<name>\p{Lu}[\p{Ll}'’]+(?:-\p{Lu}[\p{Ll}'’]+)?\s+(?:${PARTICLE})?${NAME_WORD})\s*[,(]?\s*$`,
  "u",
);

/** A full date anywhere: a birth date when a name pair comes right before it. */
export const ANY_FULL_DATE = new RegExp(`${WORD_START}${FULL_DATE}`, "giu");

/** Words after which a capitalised pair is a place or a service, not a person (« à Saint Pierre », « EHPAD Jean Moulin »). */
export const NOT_A_PERSON_BEFORE = /(?:^|[\s,;:(])(?:à|a|au|aux|de|du|des|d['’]|sur|vers|dans|près|pres|secteur|commune|ville|rue|avenue|place|ehpad|centre|maison|foyer|résidence|residence|collège|college|lycée|lycee|école|ecole|hôpital|hopital|clinique|salle|espace|pôle|pole|institut|association)\s*$/iu;

/** Street types, in full and abbreviated. Some are also ordinary words: see {@link AMBIGUOUS_STREET_TYPES}. */
const STREET_TYPE = String.raw`(?:rue|r\.|ruelle|venelle|avenue|av\.?|ave\.?|boulevard|bd|bld|blvd|chemin|ch\.|all[ée]e|impasse|imp\.?|lieu[- ]dit|quai|faubourg|fbg\.?|rte\.?|route|place|pl\.?|cours|square|sq\.?|r[ée]sidence|hameau|voie|sentier|passage|cit[ée]|esplanade|promenade|rond[- ]point|mont[ée]e|parvis|villa|clos|traverse)`;
/** Street types that are also everyday words (« 1 place en EHPAD », « 2 résidence autonomie »): a capitalised name must follow. */
export const AMBIGUOUS_STREET_TYPES: ReadonlySet<string> = new Set([
  "route", "place", "pl", "pl.", "cours", "square", "sq", "sq.", "residence", "résidence", "hameau", "voie", "sentier", "passage", "cite", "cité", "promenade", "villa", "clos", "traverse", "montee", "montée",
]);

/** Number (« 12 », « 12 bis », « 12b ») then street type: where a street address starts. */
export const NUMBERED_STREET = new RegExp(
  String.raw`${WORD_START}\d{1,4}(?:\s?(?:bis|ter|quater|[a-dA-D])${WORD_END})?\s*,?\s*(?<type>${STREET_TYPE})(?![\p{L}\p{N}_])`,
  "giu",
);

/** « habite rue des Lilas », « domiciliée au 3 avenue … », « adresse : impasse … », « lieu-dit Les Granges ». */
export const CUED_STREET = new RegExp(
  String.raw`(?:${WORD_START}(?:habite|habitant|habitent|domicili[ée]e?s?|demeurant|r[ée]side|r[ée]sidant|vit|adresse)\s*:?\s*(?:au\s+|à\s+la\s+|a\s+la\s+|dans\s+la\s+|dans\s+le\s+|le\s+|la\s+|l['’]\s*)?(?:\d{1,4}(?:\s?(?:bis|ter))?\s*,?\s*)?|${WORD_START}(?=lieu[- ]dit))(?<type>${STREET_TYPE})(?![\p{L}\p{N}_])`,
  "giu",
);

/** Street types that are never everyday words: « rue des Lilas » is an address even without a number. */
const PLAIN_STREET_TYPE = String.raw`(?:rue|ruelle|venelle|avenue|boulevard|bd|blvd|impasse|all[ée]e|quai|faubourg|chemin)`;

/** A street named without a number (« rue des Lilas »): personal-data.ts requires a capitalised name after it. */
export const UNNUMBERED_STREET = new RegExp(String.raw`${WORD_START}(?<type>${PLAIN_STREET_TYPE})(?![\p{L}\p{N}_])`, "giu");

/** Words that end a street name: what follows is the rest of the sentence (« 3 rue des Lilas à Nevers »). */
export const STREET_NAME_STOPS: ReadonlySet<string> = new Set(
  "à a au aux pour et ou qui que mais car depuis avec chez dans vers près pres sur le les est sont il elle ils elles on je nous vous tel tél téléphone né née nee ne depuis pendant sans cherche besoin habite vit".split(" "),
);
