// `orienteur kb check`, `orienteur kb verifier` and `orienteur kb schema`: tools for the editors of a base.
import { runKbExchange } from "./kb-exchange.ts";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { checkBase } from "../../../knowledge/checks/run.ts";
import { completenessSummary, scoreCompleteness } from "../../../knowledge/checks/completeness.ts";
import { kbCheckMessages, verifyMessages } from "../../../knowledge/checks/messages.ts";
import { markVerified, MarkVerifiedError } from "../../../knowledge/edit/mark-verified.ts";
import { formatProblems } from "../../../knowledge/load/problems.ts";
import { baseInfoSchema, KINDS } from "../../../knowledge/schema/index.ts";
import type { CliIo } from "../main.ts";
import { knowledgeDir, type CommandOptions } from "./options.ts";

export async function runKb(args: string[], options: CommandOptions, io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  switch (sub) {
    case "check":
      return check(options, io);
    case "verifier":
    case "vérifier":
      return verify(rest, options, io);
    case "import":
    case "export":
      return runKbExchange(args, options, io);
    case "schema":
      return writeSchemas(options.out ?? "knowledge/schema/json", io);
    default:
      io.err(`Sous-commande inconnue « kb ${sub ?? ""} ». Possibles : kb check, kb verifier, kb import, kb export, kb schema.`);
      return 2;
  }
}

/** Schema and references (the loader), then the quality checks; exit 1 only on errors. */
async function check(options: CommandOptions, io: CliIo): Promise<number> {
  const dir = knowledgeDir(options);
  const { base, problems, qualityChecked } = await checkBase(dir);
  const errors = problems.filter((p) => p.severity === "erreur").length;
  if (options.json) {
    const problemes = problems.map(({ severity, file, line, column, field, message, code }) => ({ severity, file, line, column, field, message, code }));
    // Completeness only for a base that loads: lowest first, so a CI or an editor starts there.
    const completude = base ? scoreCompleteness(base) : null;
    io.out(JSON.stringify({ base: dir, valide: errors === 0, erreurs: errors, avertissements: problems.length - errors, problemes, completude }, null, 2));
  } else if (errors === 0 && base) {
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
    io.out(completenessSummary(scoreCompleteness(base)));
    if (problems.length > 0) io.out(formatProblems(problems));
  } else {
    const postponed = !qualityChecked && !problems.some((p) => p.code === "dossier-introuvable" || p.code === "base-manquante");
    (errors > 0 ? io.err : io.out)(`${dir} :\n${formatProblems(problems)}${postponed ? `\n${kbCheckMessages.qualityPostponed}` : ""}`);
  }
  return errors > 0 ? 1 : 0;
}

/** `kb verifier <id> [--date AAAA-MM-JJ]` (or the date after the id): marks a service as checked. */
async function verify(args: string[], options: CommandOptions, io: CliIo): Promise<number> {
  const [id, positionalDate] = args;
  if (!id) {
    io.err(verifyMessages.missingId());
    return 2;
  }
  // `--date` reaches here once bot/cli/main.ts declares it; until then the date may follow the id.
  const date = (options as CommandOptions & { date?: string | undefined }).date ?? positionalDate;
  try {
    const edit = await markVerified(knowledgeDir(options), id, { date });
    if (options.json) io.out(JSON.stringify(edit, null, 2));
    else if (!edit.changed) io.out(verifyMessages.unchanged(edit.file, edit.line, id, edit.after));
    else {
      const summary = edit.before === undefined ? verifyMessages.added(edit.file, edit.line, id, edit.after) : verifyMessages.updated(edit.file, edit.line, id, edit.before, edit.after);
      io.out([summary, ...(edit.lineBefore === undefined ? [] : [`  - ${edit.lineBefore}`]), `  + ${edit.lineAfter}`].join("\n"));
    }
    return 0;
  } catch (error) {
    if (!(error instanceof MarkVerifiedError)) throw error;
    io.err(error.message);
    return 1;
  }
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
