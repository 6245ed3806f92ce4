// Reads the YAML files of a base folder. Files are read by the plain reader (plain-yaml.ts) when
// they keep to the plain YAML editors write, else parsed with js-yaml, six times faster than the
// `yaml` library, which tracks positions and runs only on a file that has a problem to point at.
import { readdirSync, readFileSync, type Dirent } from "node:fs";
import { join, relative, sep } from "node:path";
import jsYaml from "js-yaml";
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from "yaml";
import { NEEDS_FULL_PARSER, readPlainYaml } from "./plain-yaml.ts";
import type { Problem } from "./problems.ts";

/** One YAML file, parsed. */
export interface YamlFile {
  /** Path relative to the base folder, with `/` separators. */
  file: string;
  source: string;
  /** Positions, computed on first use. */
  positions?: { document: Document.Parsed; lineCounter: LineCounter };
  /** True when the file holds a list of entries rather than a single one. */
  isList: boolean;
  entries: unknown[];
}

/** Lists the `.yaml`/`.yml` files below a folder, sorted, recursively. Missing folder → empty list. */
export async function listYamlFiles(dir: string): Promise<string[]> {
  // Synchronous on purpose: for thousands of small files it is several times faster than promises.
  let names: Dirent[];
  try {
    names = readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  const files: string[] = [];
  for (const entry of names.sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith(".")) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await listYamlFiles(path)));
    else if (/\.ya?ml$/i.test(entry.name)) files.push(path);
  }
  return files;
}

/** Parses one file; syntax errors become problems (all of them, with their line). */
export async function readYamlFile(root: string, path: string, problems: Problem[]): Promise<YamlFile | undefined> {
  const file = relative(root, path).split(sep).join("/");
  const source = readFileSync(path, "utf8");
  let contents = readPlainYaml(source);
  if (contents === NEEDS_FULL_PARSER) {
    try {
      // The core schema, as in YAML 1.2: `2026-09-01` stays a string, `yes` is not a boolean.
      contents = jsYaml.load(source, { schema: jsYaml.CORE_SCHEMA, filename: file });
    } catch (error) {
      reportSyntaxErrors(file, source, error as jsYaml.YAMLException, problems);
      return undefined;
    }
  }
  if (contents === null || contents === undefined) {
    problems.push({ severity: "avertissement", file, line: 0, column: 0, field: "", message: "fichier vide : il est ignoré", code: "fichier-vide" });
    return { file, source, isList: true, entries: [] };
  }
  const isList = Array.isArray(contents);
  return { file, source, isList, entries: isList ? (contents as unknown[]) : [contents] };
}

/** Every syntax error of a file, located by the `yaml` library (which reports them all); js-yaml's own message otherwise. */
function reportSyntaxErrors(file: string, source: string, fastError: jsYaml.YAMLException, problems: Problem[]): void {
  const lineCounter = new LineCounter();
  const document = parseDocument(source, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (document.errors.length === 0) {
    const line = (fastError.mark?.line ?? 0) + 1;
    const column = (fastError.mark?.column ?? 0) + 1;
    problems.push({ severity: "erreur", file, line, column, field: "", message: `YAML illisible : ${fastError.reason} (vérifiez l'indentation et les guillemets)`, code: "yaml-illisible" });
    return;
  }
  for (const error of document.errors) {
    const { line, col } = lineCounter.linePos(error.pos[0]);
    problems.push({ severity: "erreur", file, line, column: col, field: "", message: `YAML illisible : ${translateYamlError(error.code, error.message)}`, code: "yaml-illisible" });
  }
}

const YAML_ERRORS: Record<string, string> = {
  DUPLICATE_KEY: "le même champ apparaît deux fois dans cette fiche ; gardez-en un seul",
  BAD_INDENT: "indentation incorrecte ; alignez ce champ avec les autres champs de la fiche (espaces, pas de tabulations)",
  TAB_AS_INDENT: "une tabulation sert d'indentation ; remplacez-la par des espaces",
  MISSING_CHAR: "caractère manquant (guillemet, crochet ou deux-points ?)",
  MULTILINE_IMPLICIT_KEY: "une clé s'étend sur plusieurs lignes ; un deux-points manque peut-être à la ligne précédente",
  UNEXPECTED_TOKEN: "caractère inattendu ; mettez le texte entre guillemets s'il contient « : » ou « # »",
  BLOCK_AS_IMPLICIT_KEY: "structure incorrecte ; un deux-points ou un tiret manque peut-être",
  BAD_SCALAR_START: "une valeur commence par un caractère réservé ; mettez-la entre guillemets",
};

function translateYamlError(code: string, message: string): string {
  return YAML_ERRORS[code] ?? `${message.split("\n")[0]} (vérifiez l'indentation et les guillemets)`;
}

/**
 * Finds the line and column of a field inside an entry. When the field is absent, points at the
 * closest existing parent (the entry itself for a missing required field).
 */
export function locate(yamlFile: YamlFile, entryIndex: number, path: readonly PropertyKey[], keyOfPair = false): { line: number; column: number } {
  if (!yamlFile.positions) {
    const lineCounter = new LineCounter();
    yamlFile.positions = { document: parseDocument(yamlFile.source, { lineCounter, prettyErrors: false }), lineCounter };
  }
  const { document, lineCounter } = yamlFile.positions;
  let node: unknown = document.contents;
  if (yamlFile.isList && isSeq(node)) node = node.items[entryIndex];
  let best = node;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && item.key.value === segment);
      if (!pair) break;
      node = keyOfPair && segment === path[path.length - 1] ? pair.key : pair.value;
    } else if (isSeq(node) && typeof segment === "number") {
      node = node.items[segment];
    } else break;
    if (node) best = node;
    else break;
  }
  const range = (best as Node | undefined)?.range;
  if (!range) return { line: 1, column: 1 };
  const { line, col } = lineCounter.linePos(range[0]);
  return { line, column: col };
}
