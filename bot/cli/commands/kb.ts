// `orienteur kb check` and `orienteur kb schema`: tools for the editors of a base.
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { checkKnowledge } from "../../../knowledge/load/load-knowledge.ts";
import { formatProblems } from "../../../knowledge/load/problems.ts";
import { baseInfoSchema, KINDS } from "../../../knowledge/schema/index.ts";
import type { CliIo } from "../main.ts";
import { knowledgeDir, type CommandOptions } from "./options.ts";

export async function runKb(args: string[], options: CommandOptions, io: CliIo): Promise<number> {
  const [sub] = args;
  switch (sub) {
    case "check":
      return check(options, io);
    case "schema":
      return writeSchemas(options.out ?? "knowledge/schema/json", io);
    default:
      io.err(`Sous-commande inconnue « kb ${sub ?? ""} ». Possibles : kb check, kb schema.`);
      return 2;
  }
}

async function check(options: CommandOptions, io: CliIo): Promise<number> {
  const dir = knowledgeDir(options);
  const { base, problems } = await checkKnowledge(dir);
  const errors = problems.filter((p) => p.severity === "erreur").length;
  if (options.json) {
    io.out(JSON.stringify({ base: dir, valide: errors === 0, erreurs: errors, avertissements: problems.length - errors, problemes: problems }, null, 2));
  } else if (problems.length === 0 && base) {
    const count = (n: number, word: string) => `${n} ${word}${n > 1 ? "s" : ""}`;
    io.out(
      `✓ ${dir} : base valide (${[
        count(base.services.length, "service"),
        count(base.besoins.length, "besoin"),
        count(base.publics.length, "public"),
        count(base.territoires.length, "territoire"),
        count(base.sigles.length, "sigle"),
        count(base.pratiques.length, "pratique"),
        count(base.agenda.length, "événement"),
      ].join(", ")}).`,
    );
  } else {
    (errors > 0 ? io.err : io.out)(`${dir} :\n${formatProblems(problems)}`);
  }
  return errors > 0 ? 1 : 0;
}

/** Writes one JSON Schema per kind, for YAML editors (yaml-language-server `# yaml-language-server: $schema=…`). */
async function writeSchemas(outDir: string, io: CliIo): Promise<number> {
  await mkdir(outDir, { recursive: true });
  const all = { base: baseInfoSchema, ...Object.fromEntries(Object.entries(KINDS).map(([kind, { schema }]) => [kind, schema])) };
  for (const [kind, schema] of Object.entries(all)) {
    const single = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" });
    const json = kind === "base" ? single : { $schema: single.$schema, anyOf: [{ ...single, $schema: undefined }, { type: "array", items: { ...single, $schema: undefined } }] };
    await writeFile(join(outDir, `${kind}.schema.json`), `${JSON.stringify(json, null, 2)}\n`);
  }
  io.out(`Schémas JSON écrits dans ${outDir}/ (${Object.keys(all).length} fichiers).`);
  return 0;
}
