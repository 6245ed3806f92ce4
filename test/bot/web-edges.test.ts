// The web server at its edges, over real HTTP on loopback: malformed request targets, clients that
// hang up, Host names (DNS rebinding), one body-size rule, and the unmet-needs watch fed by every
// question — a failing watch write never costs the person the answer. Logs are read as written.
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { connect } from "node:net";
import { request as httpRequest } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readConfig } from "../../bot/server/config.ts";
import { createLogger } from "../../bot/server/logger.ts";
import { startServer, type RunningServer } from "../../bot/server/start.ts";
import { createFileMailer } from "../../newsletters/send/file-mailer.ts";
import { DEMO_DIR } from "../helpers/bases.ts";

/** Log lines as JSON objects, in the order written. */
function memoryLog(): { lines: Record<string, unknown>[]; stream: Writable } {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split("\n")) if (line.trim()) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { lines, stream };
}

/** Sends raw bytes and resolves with the raw response (the connection is closed by us after the answer). */
function raw(port: number, bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1", () => socket.write(bytes));
    let received = "";
    socket.on("data", (chunk) => {
      received += chunk.toString();
      if (/\r\n\r\n[\s\S]*\}$|<\/html>$/.test(received)) socket.end();
    });
    socket.on("end", () => resolve(received));
    socket.on("close", () => resolve(received));
    socket.on("error", reject);
  });
}

/** A GET with a chosen Host header (fetch does not let a page choose it; a rebinding page's browser sends its own name). */
function getWithHost(port: number, path: string, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: "127.0.0.1", port, path, headers: { host } }, (response) => {
      let body = "";
      response.on("data", (chunk: Buffer) => (body += chunk.toString()));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 25));
  if (!condition()) throw new Error(`never happened: ${what}`);
}

describe("the web server at its edges", () => {
  let server: RunningServer;
  let port: number;
  let dir: string;
  const log = memoryLog();

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "orienteur-web-edges-"));
    const { config } = readConfig({
      ORIENTEUR_DB: join(dir, "state.sqlite"),
      ORIENTEUR_SECRET: "s".repeat(40),
      ORIENTEUR_ALLOWED_HOSTS: "orienteur.local",
      ORIENTEUR_PUBLIC_URL: "https://orienteur.example.org",
      ORIENTEUR_MAIL_DIR: join(dir, "courriels"),
    });
    server = await startServer({ kb: DEMO_DIR, port: 0, host: "127.0.0.1", config, handleSignals: false, logger: createLogger({ level: "debug", destination: log.stream }), report: () => {} });
    port = Number(new URL(server.url).port);
  });

  afterAll(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const errorsLogged = () => log.lines.filter((l) => (l.level as number) >= 50);
  const stacksLogged = () => log.lines.filter((l) => JSON.stringify(l).includes("stack"));

  describe("malformed request targets", () => {
    it.each(["http://a:99999/api/ask", "http://[::1", "http://%zz/"])("answers 400 in French to « %s » and logs no error nor stack", async (target) => {
      const response = await raw(port, `GET ${target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`);
      expect(response).toMatch(/^HTTP\/1\.1 400/);
      expect(response).toContain("Adresse de requête invalide");
      expect(errorsLogged()).toEqual([]);
      expect(stacksLogged()).toEqual([]);
    });
  });

  it("logs a client hanging up mid-request at debug level, without a stack", async () => {
    const socket = connect(port, "127.0.0.1");
    await new Promise<void>((resolve) => socket.on("connect", resolve));
    socket.write("POST /api/ask HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n{\"question\": \"portage");
    await new Promise((resolve) => setTimeout(resolve, 50));
    socket.destroy();
    await until(() => log.lines.some((l) => l.outcome === "client-aborted"), "the debug line of the aborted request");
    expect(log.lines.find((l) => l.outcome === "client-aborted")).toMatchObject({ level: 20, route: "POST /api/ask" });
    expect(errorsLogged()).toEqual([]);
    expect(stacksLogged()).toEqual([]);
  });

  describe("Host names on loopback (DNS rebinding)", () => {
    it("refuses a name it does not know with 421 and a French message", async () => {
      const response = await getWithHost(port, "/healthz", "attacker.example:8080");
      expect(response.status).toBe(421);
      expect(response.body).toContain("Nom de serveur refusé : « attacker.example:8080 »");
      expect(response.body).toContain("ORIENTEUR_ALLOWED_HOSTS");
    });

    it.each(["localhost", `localhost:1234`, "127.0.0.1:8080", "[::1]:8080", "orienteur.local", "orienteur.example.org"])("answers when the Host is « %s »", async (host) => {
      expect((await getWithHost(port, "/healthz", host)).status).toBe(200);
    });
  });

  describe("one body-size rule", () => {
    it.each([
      ["/api/ask", "application/json"],
      ["/api/sigles", "application/json"],
      ["/lettre/abonnement", "application/x-www-form-urlencoded"],
      ["/lettre/preferences", "application/x-www-form-urlencoded"],
    ])("answers 413 to a body over 64 KiB on %s", async (path, type) => {
      const response = await fetch(`${server.url}${path}`, { method: "POST", headers: { "content-type": type, origin: server.url }, body: "x".repeat(70 * 1024) });
      expect(response.status).toBe(413);
    });
  });

  describe("the unmet-needs watch", () => {
    const count = () => {
      const db = new Database(join(dir, "state.sqlite"));
      try {
        return (db.prepare("SELECT COUNT(*) AS n FROM besoins_non_couverts").get() as { n: number }).n;
      } finally {
        db.close();
      }
    };

    it("is fed by the page without JavaScript (GET /?q=)", async () => {
      const before = count();
      const response = await fetch(`${server.url}/?q=${encodeURIComponent("portage de repas pour Mme Dupont à Lormes")}`);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain("Portage de repas");
      expect(count()).toBe(before + 1);
    });

    it("never costs the person the answer when the write fails", async () => {
      const db = new Database(join(dir, "state.sqlite"));
      db.exec("CREATE TRIGGER refuse_unmet BEFORE INSERT ON besoins_non_couverts BEGIN SELECT RAISE(ABORT, 'disque plein'); END;");
      db.close();
      try {
        const page = await fetch(`${server.url}/?q=${encodeURIComponent("portage de repas à Lormes")}`);
        expect(page.status).toBe(200);
        expect(await page.text()).toContain("Portage de repas");
        const api = await fetch(`${server.url}/api/ask`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ question: "portage de repas à Lormes" }) });
        expect(api.status).toBe(200);
        expect(((await api.json()) as { html: string }).html).toContain("Portage de repas");
        expect(log.lines.filter((l) => l.outcome === "unmet-need-not-recorded")).toHaveLength(2);
      } finally {
        const cleanup = new Database(join(dir, "state.sqlite"));
        cleanup.exec("DROP TRIGGER refuse_unmet");
        cleanup.close();
      }
    });
  });
});

describe("the queue limit", () => {
  it("answers 503 with Retry-After in French beyond ORIENTEUR_MAX_PENDING requests at once, and serves again once they are answered", async () => {
    const { config } = readConfig({ ORIENTEUR_DB: ":memory:", ORIENTEUR_SECRET: "s".repeat(40), ORIENTEUR_MAX_PENDING: "2" });
    const server = await startServer({ kb: DEMO_DIR, port: 0, host: "127.0.0.1", config, handleSignals: false, logger: createLogger({ level: "silent" }), report: () => {} });
    const port = Number(new URL(server.url).port);
    const body = JSON.stringify({ question: "portage de repas a Clamecy" }); // ASCII: its length is its size in bytes
    // Two questions whose bodies are still coming: the server holds them.
    const held = [0, 1].map(() => {
      const socket = connect(port, "127.0.0.1");
      let answer = "";
      socket.on("data", (chunk) => (answer += chunk.toString()));
      socket.write(`POST /api/ask HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body.slice(0, 10)}`);
      return { socket, answer: () => answer };
    });
    try {
      let refused: Response | undefined;
      await until(() => refused?.status === 503, "a request to be refused");
      async function until(condition: () => boolean, what: string): Promise<void> {
        for (let i = 0; i < 200 && !condition(); i++) refused = await fetch(`${server.url}/api/sigle?sigle=DAC`);
        if (!condition()) throw new Error(`never happened: ${what}`);
      }
      expect(refused!.headers.get("retry-after")).toBe("1");
      expect(((await refused!.json()) as { erreur: string }).erreur).toContain("réessayez dans une seconde");
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
      for (const { socket } of held) socket.write(body.slice(10));
      for (const { answer } of held) {
        for (let i = 0; i < 200 && !answer().includes("Portage de repas"); i++) await new Promise((resolve) => setTimeout(resolve, 25));
        expect(answer()).toMatch(/^HTTP\/1\.1 200/);
      }
      let again = 503;
      for (let i = 0; i < 200 && again === 503; i++) again = (await fetch(`${server.url}/api/sigle?sigle=DAC`)).status;
      expect(again).toBe(200);
    } finally {
      for (const { socket } of held) socket.destroy();
      await server.stop();
    }
  });
});

describe("settings of listeners and outputs", () => {
  it("reads the Slack HTTP listener's address from SLACK_HOST (0.0.0.0 when absent)", () => {
    const slack = (env: Record<string, string>) => readConfig({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_SIGNING_SECRET: "secret", ...env }).config.slack?.host;
    expect(slack({ SLACK_HOST: "127.0.0.1" })).toBe("127.0.0.1");
    expect(slack({})).toBe("0.0.0.0");
  });

  it("accepts the public address's name and ORIENTEUR_ALLOWED_HOSTS as Host names", () => {
    const { config } = readConfig({ ORIENTEUR_PUBLIC_URL: "https://orienteur.example.org", ORIENTEUR_ALLOWED_HOSTS: "a.local, b.local" });
    expect(config.web.allowedHosts).toEqual(["a.local", "b.local", "orienteur.example.org"]);
  });

  it("writes e-mails to ORIENTEUR_MAIL_DIR and remembers only the last 100 paths", async () => {
    const dir = mkdtempSync(join(tmpdir(), "orienteur-courriels-"));
    try {
      const { config } = readConfig({ ORIENTEUR_MAIL_DIR: join(dir, "boite") });
      const mailer = createFileMailer(config.newsletter.mailDir, "Orienteur <lettre@example.org>");
      for (let i = 0; i < 150; i++) await mailer.send({ to: `a${i}@example.org`, subject: "Essai", html: "<p>Essai</p>", text: "Essai", messageId: `<m${i}@example.org>`, headers: {} });
      mailer.close();
      expect(readdirSync(join(dir, "boite"))).toHaveLength(150);
      expect(mailer.written).toHaveLength(100);
      expect(mailer.written.at(-1)).toContain(join(dir, "boite"));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
