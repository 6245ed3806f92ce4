// The newsletter's web side as a subscriber meets it: the real server on 127.0.0.1, a real SMTP
// sink for the confirmation e-mails, and the SQLite file they write to, in a temporary folder.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readConfig } from "../../bot/server/config.ts";
import { createLogger } from "../../bot/server/logger.ts";
import { startServer, type RunningServer } from "../../bot/server/start.ts";
import { openStore } from "../../bot/store/store.ts";
import { createSubscriberRepository, type Subscriber } from "../../newsletters/subscribers/repository.ts";
import { DEMO_DIR } from "./bases.ts";
import { startSmtpSink, type SmtpSink } from "../peers/smtp-sink.ts";

const PUBLIC_URL = "https://orienteur.example.org";

export interface LettreServer {
  server: RunningServer;
  sink: SmtpSink;
  dbPath: string;
  /** A link of an e-mail (public address) turned into one on the test server. */
  local(link: string): string;
  /** The subscriber of this address as the file holds it now. */
  subscriber(email: string): Subscriber | undefined;
  close(): Promise<void>;
}

/** Starts the server on the demo base with its own state file, SMTP sink and secret; `env` adds settings (DKIM_…). */
export async function startLettreServer(secret: string, smtpUrl?: string, env: Record<string, string> = {}): Promise<LettreServer> {
  const dir = mkdtempSync(join(tmpdir(), "orienteur-lettre-"));
  const dbPath = join(dir, "state.sqlite");
  const sink = await startSmtpSink();
  const { config } = readConfig({ SMTP_URL: smtpUrl ?? sink.url, ORIENTEUR_SECRET: secret, ORIENTEUR_DB: dbPath, ORIENTEUR_PUBLIC_URL: PUBLIC_URL, ...env });
  const server = await startServer({ kb: DEMO_DIR, port: 0, host: "127.0.0.1", config, handleSignals: false, logger: createLogger({ level: "silent" }), report: () => {} });
  return {
    server,
    sink,
    dbPath,
    local: (link) => link.replace(PUBLIC_URL, server.url),
    subscriber(email) {
      const store = openStore(dbPath);
      try {
        return createSubscriberRepository(store.db).byEmail(email);
      } finally {
        store.close();
      }
    },
    async close() {
      await server.stop();
      await sink.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The page as a person reads it: entities decoded. */
export const readable = async (response: Response) => (await response.text()).replaceAll("&#39;", "'").replaceAll("&quot;", '"').replaceAll("&amp;", "&");

/** A form POST as a browser sends it. */
export function form(fields: Record<string, string | string[]>, headers: Record<string, string> = {}): RequestInit {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) for (const v of [value].flat()) body.append(key, v);
  return { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", ...headers }, body };
}
