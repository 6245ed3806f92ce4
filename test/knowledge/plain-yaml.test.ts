// The plain YAML reader must read a file exactly as js-yaml does, or hand it to js-yaml: a base's
// answers must not depend on which of the two read it.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import jsYaml from "js-yaml";
import { describe, expect, it } from "vitest";
import { NEEDS_FULL_PARSER, readPlainYaml } from "../../knowledge/load/plain-yaml.ts";

const ROOT = join(import.meta.dirname, "..", "..");

function yamlFilesUnder(dir: string): string[] {
  const files: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name === "node_modules" || name.startsWith(".")) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) files.push(...yamlFilesUnder(path));
    else if (/\.ya?ml$/.test(name)) files.push(path);
  }
  return files;
}

/** js-yaml's value, or `undefined` with `threw` when it refuses the text. */
function fullParse(source: string): { value?: unknown; threw: boolean } {
  try {
    return { value: jsYaml.load(source, { schema: jsYaml.CORE_SCHEMA }), threw: false };
  } catch {
    return { threw: true };
  }
}

/** The plain reader agrees with js-yaml, or defers to it (always when js-yaml refuses the text). */
function expectSameAsJsYaml(source: string): "plain" | "deferred" {
  const plain = readPlainYaml(source);
  if (plain === NEEDS_FULL_PARSER) return "deferred";
  const full = fullParse(source);
  expect(full.threw, `js-yaml refuses what the plain reader read:\n${source}`).toBe(false);
  expect(plain, source).toStrictEqual(full.value);
  return "plain";
}

describe("the plain YAML reader", () => {
  it("reads every YAML file of the repository as js-yaml does, and every file of the demo base itself", () => {
    const files = ["knowledge", "test", "newsletters", "bot"].flatMap((dir) => yamlFilesUnder(join(ROOT, dir)));
    expect(files.length).toBeGreaterThan(300);
    const deferred = files.filter((file) => expectSameAsJsYaml(readFileSync(file, "utf8")) === "deferred");
    // The demo base is written the way editors write: if it no longer takes the fast path, loading is slow again.
    expect(deferred.filter((file) => file.includes("demo-nievre"))).toEqual([]);
  });

  it("reads the shapes editors write: lists of entries, flow lists over lines, folded and quoted texts, types", () => {
    const cases = [
      "- id: a\n  nom: Un service # commentaire\n  besoins: [portage-repas, aide-menagere]\n  age_min: 60\n  actif: true\n  vide:\n",
      "id: a\nzone_eligibilite:\n  [\n    \"58062\",\n    '58063',\n    58010\n  ]\nmots_cles: [ séjour temporaire, vacances de l'aidant ]\n",
      "description: >-\n  Première ligne\n  suite.\n\n  Deuxième paragraphe.\nautre: |\n  ligne 1\n    en retrait\n  ligne 3\nfin: x\n",
      "conditions: \"Repas : ouvert à tous. Colis : inscription sur justificatifs de\n  ressources, habiter la communauté.\"\ncite: 'l''aidant'\n",
      "texte: une ligne\n  qui continue\n\n  après un blanc\nbesoins:\n- a\n- b\nreferent:\n  fonction: Accueil\n  telephone: 01 99 00 10 01\n",
      "a: ~\nb: null\nc: 0x1F\nd: 1e3\ne: .inf\nf: 2026-09-01\ng: 010\nh: -5\ni: +.5\nj: yes\nk: https://example.org/a#b\n",
      "clip: >\n  texte\nstrip: >-\n  texte\nlast: |\n  sans fin de ligne",
    ];
    for (const source of cases) expect(expectSameAsJsYaml(source), source).toBe("plain");
  });

  it("hands to js-yaml what it does not read, including every text js-yaml refuses", () => {
    const cases = [
      "a: &x 1\nb: *x\n",
      "a: !!str 1\n",
      "a: 1\na: 2\n",
      "a:\n\t- b\n",
      "a: 1\r\nb: 2\r\n",
      "a: b: c\n",
      "a: {b: 1}\n",
      "a: \"\\u00e9\"\n",
      "---\na: 1\n",
      "a: 1\n---\nb: 2\n",
      "- - a\n  - b\n",
      "\"quoted key\": 1\n",
      "a: >+\n  keep\n\n",
      "a: [b, [c]]\n",
      "a: [b,\nc]\n",
      "a: 1\n  b: 2\n",
      "a:\n  - b\n  c: d\n",
      "just a scalar\n",
      "",
      "# only a comment\n",
      "a: 'unterminated\n",
      "a: \"x\"y\n",
      "a: \u0007\n",
      "a: 😀\n",
      "__proto__: 1\n",
      "a: - b\n",
      "a: |\n\n  after a blank\n",
    ];
    for (const source of cases) expect(readPlainYaml(source), JSON.stringify(source)).toBe(NEEDS_FULL_PARSER);
  });
});
