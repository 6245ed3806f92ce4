// `orienteur kb import data-inclusion …` and `orienteur kb export data-inclusion …`: exchange
// with the national directory of the offer of insertion services (data·inclusion schema v1).
import { existsSync, statSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { basename, dirname, join, relative, resolve, sep } from "node:path";
import { exportDataInclusion } from "../../../knowledge/exchange/data-inclusion/export.ts";
import { importDataInclusion } from "../../../knowledge/exchange/data-inclusion/import.ts";
import { checkKnowledge } from "../../../knowledge/load/load-knowledge.ts";
import { formatProblems } from "../../../knowledge/load/problems.ts";
import type { CliIo } from "../main.ts";
import { knowledgeDir, type CommandOptions } from "./options.ts";

export interface ExchangeOptions extends CommandOptions {
  /** `--structures FILE`: the data·inclusion structures of the imported services. */
  structures?: string | undefined;
}

const USAGE = [
  "Utilisation :",
  "  orienteur kb import data-inclusion <services.json> [--structures <structures.json>] [--kb DOSSIER] [--out DOSSIER]",
  "  orienteur kb export data-inclusion [--kb DOSSIER] [--out FICHIER]",
].join("\n");

/**
 * Runs `kb import data-inclusion` or `kb export data-inclusion`; `args` starts with `import` or `export`.
 * Exit code: 0 when done (an import may leave some services out: the report says which), 1 when a
 * file or the base cannot be read, 2 when the command is badly written.
 */
export async function runKbExchange(args: string[], options: ExchangeOptions, io: CliIo): Promise<number> {
  const [verb, format, ...rest] = args;
  if (format !== "data-inclusion") {
    io.err(`Format d'échange ${format === undefined ? "manquant" : `inconnu « ${format} »`} : seul « data-inclusion » est possible.\n${USAGE}`);
    return 2;
  }
  if (verb === "import") return importCommand(rest, options, io);
  if (verb === "export") return exportCommand(rest, options, io);
  io.err(`Sous-commande inconnue « kb ${verb ?? ""} ».\n${USAGE}`);
  return 2;
}

async function importCommand(rest: string[], options: ExchangeOptions, io: CliIo): Promise<number> {
  // The structures file can also come second, for shells and scripts that predate `--structures`.
  const [servicesPath, positionalStructures, ...extra] = rest;
  const structuresPath = options.structures ?? positionalStructures;
  if (servicesPath === undefined || extra.length > 0 || (options.structures !== undefined && positionalStructures !== undefined)) {
    io.err(`${servicesPath === undefined ? "Indiquez le fichier des services data·inclusion à importer." : `Arguments en trop : ${[positionalStructures, ...extra].join(" ")}.`}\n${USAGE}`);
    return 2;
  }
  if (options.kb === undefined && options.config?.kb === undefined && options.out === undefined) {
    io.err(
      "Sans --kb ni ORIENTEUR_KB, l'import écrirait dans la base de démonstration. Indiquez la base à compléter, par exemple :\n" +
        `  orienteur kb import data-inclusion ${servicesPath} --kb ../annuaire-nievre`,
    );
    return 2;
  }

  const services = await readJson(servicesPath, io);
  if (services === failed) return 1;
  const structures = structuresPath === undefined ? undefined : await readJson(structuresPath, io);
  if (structures === failed) return 1;

  const dir = resolve(knowledgeDir(options));
  const { base, problems } = await checkKnowledge(dir);
  if (!base) {
    io.err(`Import impossible : la base ${dir} a des erreurs. Corrigez-les d'abord (orienteur kb check) :\n${formatProblems(problems)}`);
    return 1;
  }
  const result = importDataInclusion(services, structures, base, { fichier: basename(servicesPath) });
  if (result.fatal !== undefined) {
    io.err(result.fatal);
    return 1;
  }

  const outDir = resolve(options.out ?? join(dir, "services", "import-data-inclusion"));
  const insideBase = outDir === dir || outDir.startsWith(`${dir}${sep}`);
  const shown = (path: string) => (insideBase ? relative(dir, path).split(sep).join("/") : path);
  const written: string[] = [];
  const kept: string[] = [];
  if (result.imported.length > 0) await mkdir(outDir, { recursive: true });
  for (const service of result.imported) {
    const path = join(outDir, `${service.id}.yaml`);
    try {
      await writeFile(path, service.yaml, { flag: "wx" });
      written.push(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      kept.push(path);
    }
  }

  // Needs created for the import go beside the base's own needs, or into the output folder.
  const besoinsDir = insideBase ? join(dir, "besoins", "import-data-inclusion") : join(outDir, "besoins");
  const besoinsWritten: string[] = [];
  if (written.length > 0 && result.besoins.length > 0) await mkdir(besoinsDir, { recursive: true });
  for (const besoin of written.length > 0 ? result.besoins : []) {
    const path = join(besoinsDir, `${besoin.besoin.id}.yaml`);
    try {
      await writeFile(path, besoin.yaml, { flag: "wx" });
      besoinsWritten.push(path);
      written.push(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      kept.push(path);
    }
  }

  const lines = [result.report, ""];
  const serviceFiles = written.length - besoinsWritten.length;
  if (serviceFiles > 0) lines.push(`${serviceFiles} fiche${serviceFiles > 1 ? "s" : ""} écrite${serviceFiles > 1 ? "s" : ""} dans ${shown(outDir)}/ : relisez-les, leur en-tête dit ce qui a été laissé de côté.`);
  else lines.push("Aucune fiche écrite.");
  if (besoinsWritten.length > 0) {
    lines.push(`${besoinsWritten.length} besoin${besoinsWritten.length > 1 ? "s" : ""} créé${besoinsWritten.length > 1 ? "s" : ""} dans ${shown(besoinsDir)}/ : relisez leur libellé, leur domaine et leurs synonymes.`);
  }
  for (const path of kept) lines.push(`! ${shown(path)} existe déjà : laissé tel quel. Supprimez-le puis relancez l'import pour le remplacer.`);
  io.out(lines.join("\n"));

  // Files written into the base must leave it loadable: say so now rather than at the next restart.
  if (insideBase && written.length > 0) {
    const after = await checkKnowledge(dir);
    const ours = new Set(written.map((path) => relative(dir, path).split(sep).join("/")));
    const errors = after.problems.filter((p) => p.severity === "erreur");
    if (errors.length > 0) {
      io.err(`La base ne passe plus la vérification après l'import :\n${formatProblems(after.problems)}`);
      return 1;
    }
    const warnings = after.problems.filter((p) => ours.has(p.file));
    io.out(warnings.length > 0 ? `Base toujours valide ; avertissements sur les fiches importées :\n${formatProblems(warnings)}` : "✓ Base toujours valide avec les fiches importées.");
  }
  return 0;
}

async function exportCommand(rest: string[], options: ExchangeOptions, io: CliIo): Promise<number> {
  if (rest.length > 0) {
    io.err(`Arguments en trop : ${rest.join(" ")}.\n${USAGE}`);
    return 2;
  }
  const dir = knowledgeDir(options);
  const { base, problems } = await checkKnowledge(dir);
  if (!base) {
    io.err(`Export impossible : la base ${dir} a des erreurs. Corrigez-les d'abord (orienteur kb check) :\n${formatProblems(problems)}`);
    return 1;
  }
  const data = exportDataInclusion(base);
  if (options.out === undefined) {
    io.out(JSON.stringify(data, null, 2));
    return 0;
  }
  const out = resolve(options.out);
  const counts = `${data.services.length} services, ${data.structures.length} structures`;
  if (existsSync(out) && statSync(out).isDirectory()) {
    // Two files, as data·inclusion publishes them: ready for `kb import data-inclusion services.json --structures structures.json`.
    await writeFile(join(out, "services.json"), `${JSON.stringify(data.services, null, 2)}\n`);
    await writeFile(join(out, "structures.json"), `${JSON.stringify(data.structures, null, 2)}\n`);
    io.out(`Export data·inclusion écrit dans ${out}/services.json et structures.json (${counts}).`);
  } else {
    await mkdir(dirname(out), { recursive: true });
    await writeFile(out, `${JSON.stringify(data, null, 2)}\n`);
    io.out(`Export data·inclusion écrit dans ${out} (${counts}).`);
  }
  return 0;
}

const failed = Symbol("failed");

/** Reads a JSON file, telling the user in French what is wrong with it. */
async function readJson(path: string, io: CliIo): Promise<unknown> {
  let source: string;
  try {
    source = await readFile(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    io.err(code === "ENOENT" ? `Fichier introuvable : ${path}` : `Lecture impossible de ${path} : ${(error as Error).message}`);
    return failed;
  }
  try {
    return JSON.parse(source.replace(/^\uFEFF/, "")) as unknown;
  } catch (error) {
    io.err(`${path} : JSON illisible (${(error as Error).message}). Un fichier data·inclusion est une liste JSON de services : [{"id": …, "nom": …}, …]`);
    return failed;
  }
}
