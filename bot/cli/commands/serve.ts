// `orienteur serve` (what `npm start` runs): the server, as configured (bot/server/start.ts starts
// the web page and each chat platform whose credentials are set); --port and --host override.
import { startServer } from "../../server/start.ts";
import type { CliIo } from "../main.ts";
import { configOf } from "./command-config.ts";
import { knowledgeDir, type CommandOptions } from "./options.ts";

export async function runServe(options: CommandOptions, io: CliIo): Promise<number> {
  const config = configOf(options);
  const port = options.port === undefined ? config.web.port : Number(options.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    io.err(`Port invalide : « ${options.port} ». Donnez un nombre entre 1 et 65535.`);
    return 2;
  }
  for (const problem of options.configProblems ?? []) io.err(problem);
  const server = await startServer({ kb: knowledgeDir(options), port, host: options.host ?? config.web.host, config });
  io.out(`Orienteur écoute sur ${server.url} — base : ${server.baseName}. Ctrl-C pour arrêter.`);
  await server.closed;
  return 0;
}
