// A zone code whose comment names another commune: `- "58200" # Cosne-Cours-sur-Loire` is Ouagne
// (58200 is Cosne's postal code). The code is valid, so nothing else catches it, but the service
// is proposed in the wrong place. Editors write the name beside the code precisely to be sure of
// it: when the two disagree, one of them is wrong, and the warning says which commune each one is.
//
// Read from the text, line by line: a base may hold thousands of commented codes, and the `yaml`
// library's positions cost far more than one regular expression per file. Only list items and
// `code_insee:` values of the fields that hold commune codes are read.
import type { Geography } from "../places/geography.ts";
import { foldText } from "../text/normalize.ts";
import { communeLabel, communesNamed } from "./commune-codes.ts";
import type { Problem } from "./problems.ts";
import type { YamlFile } from "./read-yaml.ts";

/** The fields whose list items are zone codes. */
const ZONE_FIELDS = new Set(["zone_eligibilite", "zone", "zone_partielle"]);
/** A quick look before reading the lines: a commune code followed by a comment. */
const COMMENTED_CODE = /\d[\dAB]\d{3}["']?[ \t]*#/;
const ITEM = /^([ \t]*)-[ \t]+(["']?)(\d[\dAB]\d{3})\2[ \t]*#[ \t]*(.*?)[ \t]*$/;
const CODE_INSEE = /^([ \t]*)(?:-[ \t]+)?code_insee:[ \t]*(["']?)(\d[\dAB]\d{3})\2[ \t]*#[ \t]*(.*?)[ \t]*$/;
/** `- commune: "58086" # Cosne-Cours-sur-Loire` in `zone_partielle`. */
const PARTIAL = /^([ \t]*)-[ \t]+commune:[ \t]*(["']?)(\d[\dAB]\d{3})\2[ \t]*#[ \t]*(.*?)[ \t]*$/;
const KEY = /^([ \t]*)(?:-[ \t]+)?([A-Za-z_]+):/;

/**
 * Warnings for the commented commune codes of a file whose comment names another commune.
 * @example
 * findZoneCommentMismatches(file, geography, new Set(["58"]))
 * // [{ line: 9, field: "zone_eligibilite[0]", message: "« 58200 » est le code INSEE d'Ouagne, pas de Cosne-Cours-sur-Loire …" }]
 */
export function findZoneCommentMismatches(yamlFile: YamlFile, geography: Geography, departements: ReadonlySet<string>): Problem[] {
  if (!COMMENTED_CODE.test(yamlFile.source)) return [];
  const problems: Problem[] = [];
  const lines = yamlFile.source.split("\n");
  lines.forEach((line, index) => {
    const partial = PARTIAL.exec(line);
    const insee = partial ? undefined : CODE_INSEE.exec(line);
    const item = partial || insee ? undefined : ITEM.exec(line);
    const match = partial ?? insee ?? item;
    if (!match) return;
    const [, indent, , code, comment] = match as unknown as [string, string, string, string, string];
    const listed = insee ? undefined : listField(lines, index, indent.length);
    const field = insee ? "code_insee" : partial ? (listed?.startsWith("zone_partielle[") ? `${listed}.commune` : undefined) : listed?.startsWith("zone_partielle") ? undefined : listed;
    if (field === undefined) return;
    const message = mismatch(geography, code, comment, departements);
    if (message === undefined) return;
    problems.push({
      severity: "avertissement",
      file: yamlFile.file,
      line: index + 1,
      column: line.indexOf(code) + 1 - (/["']/.test(line[line.indexOf(code) - 1] ?? "") ? 1 : 0),
      field,
      message,
      code: "zone-commentaire",
    });
  });
  return problems;
}

/** `zone_eligibilite[2]` for the third item of a zone list; undefined for a list of anything else. */
function listField(lines: readonly string[], itemIndex: number, itemIndent: number): string | undefined {
  let position = 0;
  for (let i = itemIndex - 1; i >= 0; i--) {
    const line = lines[i]!;
    if (/^[ \t]*(?:#|$)/.test(line)) continue;
    const indent = /^[ \t]*/.exec(line)![0].length;
    if (indent === itemIndent && /^[ \t]*-[ \t]/.test(line)) {
      position++;
      continue;
    }
    const key = KEY.exec(line);
    // The key's own column: `  zone:` → 2, `- zone:` (an entry of a list file) → 2 as well.
    const keyColumn = key ? key[0].length - key[2]!.length - 1 : indent;
    if (key && keyColumn <= itemIndent) return ZONE_FIELDS.has(key[2]!) ? `${key[2]}[${position}]` : undefined;
    if (indent < itemIndent) return undefined;
  }
  return undefined;
}

const verdicts = new Map<string, string | undefined>();

/** The French warning when the comment names a commune other than the code's, else undefined. */
function mismatch(geography: Geography, code: string, comment: string, departements: ReadonlySet<string>): string | undefined {
  const key = `${code}|${comment}`;
  if (verdicts.has(key)) return verdicts.get(key);
  const verdict = computeMismatch(geography, code, comment, departements);
  verdicts.set(key, verdict);
  return verdict;
}

function computeMismatch(geography: Geography, code: string, comment: string, departements: ReadonlySet<string>): string | undefined {
  const commune = geography.communes.get(code);
  if (!commune) return undefined; // an unknown code is already an error of its own
  // The name is what comes before a parenthesis or a dash of commentary: « Cosne-Cours-sur-Loire (siège) ».
  const named = comment.split(/\s[-–—:]\s|[(,;]/)[0]!.trim();
  const folded = foldText(named);
  const own = foldText(commune.nom);
  if (folded === "" || folded === own || own.startsWith(`${folded} `)) return undefined;
  const candidates = communesNamed(geography, named, departements);
  // The comment may name the former commune this code stands for today (Ourouër for Vaux d'Amognes).
  if (candidates.length === 0 || candidates.some((c) => (c.parent ?? c.code) === code)) return undefined;
  const others = candidates.slice(0, 3).map((c) => {
    const today = c.parent !== undefined ? geography.communes.get(c.parent) : undefined;
    if (today) return `${c.nom} fait partie de ${today.nom}, ${communeLabel(today)}`;
    const postal = geography.communes.get(c.code)?.codesPostaux.includes(code) ? ` ; ${code} est son code postal` : "";
    return `${c.nom} a le code INSEE « ${c.code} »${postal}`;
  });
  return `le commentaire nomme ${named}, mais « ${code} » est le code INSEE de ${commune.nom} : ${others.join(" ; ")}. Corrigez le code, ou le commentaire s'il s'agit bien de ${commune.nom}`;
}
