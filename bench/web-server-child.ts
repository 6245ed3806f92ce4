// The real server on the demo base, alone in its process, for the web load bench (web-load.ts):
// prints `WEB_SERVER_URL <url>` once listening, stops on SIGTERM.
//
//   node --import tsx bench/web-server-child.ts <base-dir>
import { readConfig } from "../bot/server/config.ts";
import { createLogger } from "../bot/server/logger.ts";
import { startServer } from "../bot/server/start.ts";

const { config } = readConfig({ ...process.env, ORIENTEUR_DB: ":memory:", ORIENTEUR_SECRET: "b".repeat(40) });
const server = await startServer({ kb: process.argv[2]!, port: 0, host: "127.0.0.1", config, handleSignals: true, logger: createLogger({ level: "silent" }), report: () => {} });
process.stdout.write(`WEB_SERVER_URL ${server.url}\n`);
