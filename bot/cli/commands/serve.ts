// `orienteur serve` (what `npm start` runs): the local web page now; chat platforms plug in here.
import { startServer } from "../../server/start.ts";
import type { CliIo } from "../main.ts";
import { knowledgeDir, type CommandOptions } from "./options.ts";

export async function runServe(options: CommandOptions, io: CliIo): Promise<number> {
  const port = Number(options.port ?? process.env.ORIENTEUR_PORT ?? process.env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    io.err(`Port invalide : « ${options.port ?? process.env.ORIENTEUR_PORT ?? process.env.PORT} ». Donnez un nombre entre 1 et 65535.`);
    return 2;
  }
  const server = await startServer({ kb: knowledgeDir(options), port, host: options.host ?? process.env.ORIENTEUR_HOST ?? "127.0.0.1" });
  io.out(`Orienteur écoute sur ${server.url} — base : ${server.baseName}. Ctrl-C pour arrêter.`);
  await server.closed;
  return 0;
}
