import { describe, expect, it } from "vitest";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../bot/cli/main.ts";
import { configuredPlatforms, readConfig } from "../../bot/server/config.ts";
import { VARIABLE_NAMES } from "../../bot/server/config/environment.ts";
import { MINI_DIR } from "../helpers/bases.ts";

describe("configuration from the environment", () => {
  it("starts only the local page when no platform is configured", () => {
    const { config, problems } = readConfig({});
    expect(configuredPlatforms(config)).toEqual([]);
    expect(config.web).toEqual({ port: 8080, host: "127.0.0.1", allowedHosts: ["localhost"] });
    expect(problems).toEqual([]);
  });

  it("starts each platform whose credentials are set", () => {
    const { config } = readConfig({
      TELEGRAM_BOT_TOKEN: "123:abc",
      SLACK_BOT_TOKEN: "xoxb-1",
      SLACK_APP_TOKEN: "xapp-1",
      MATRIX_HOMESERVER_URL: "https://matrix.example.org/",
      MATRIX_ACCESS_TOKEN: "syt_x",
    });
    expect(configuredPlatforms(config)).toEqual(["matrix", "slack", "telegram"]);
    expect(config.matrix?.homeserverUrl).toBe("https://matrix.example.org");
  });

  it("explains in French what is missing for a half-configured platform, and skips it", () => {
    const { config, problems } = readConfig({ SLACK_BOT_TOKEN: "xoxb-1", MATRIX_ACCESS_TOKEN: "syt_x", ORIENTEUR_PORT: "http" });
    expect(configuredPlatforms(config)).toEqual([]);
    expect(problems).toEqual([
      "ORIENTEUR_PORT=« http » n'est pas un port valide (nombre entre 1 et 65535) : la valeur par défaut 8080 est utilisée.",
      "SLACK_BOT_TOKEN est défini mais ni SLACK_APP_TOKEN (mode Socket, conseillé) ni SLACK_SIGNING_SECRET (mode HTTP) : Slack n'est pas démarré.",
      "Matrix a besoin de MATRIX_HOMESERVER_URL (ex. https://matrix.agent.tchap.gouv.fr) et de MATRIX_ACCESS_TOKEN : l'un des deux manque ou est invalide, Matrix n'est pas démarré.",
    ]);
  });

  it("reads allow-lists and editors prefixed by platform, and reports malformed entries", () => {
    const { config, problems } = readConfig({ ORIENTEUR_EDITORS: "matrix:@marie:example.org, U0123", ORIENTEUR_ALLOWED_ROOMS: "slack:C1,telegram:-100" });
    expect(config.editors).toEqual(["matrix:@marie:example.org"]);
    expect(config.allowedRooms).toEqual(["slack:C1", "telegram:-100"]);
    expect(problems[0]).toContain("« U0123 » doit commencer par la plateforme");
  });

  it("reads the newsletter's sending rate and return mailbox, and reports an unusable rate", () => {
    const defaults = readConfig({}).config.newsletter;
    expect(defaults).toMatchObject({ sendRate: 10, bounces: { options: {} } });
    expect(defaults.unsubscribeMailbox).toBeUndefined();
    const { config, problems } = readConfig({ ORIENTEUR_SEND_RATE: "25", ORIENTEUR_BOUNCE_IMAP_URL: "imaps://retours@imap.example.org/INBOX", ORIENTEUR_BOUNCE_SOFT_LIMIT: "5", ORIENTEUR_PUBLIC_URL: "https://orienteur.example.org" });
    expect(config.newsletter).toMatchObject({ sendRate: 25, bounces: { imapUrl: "imaps://retours@imap.example.org/INBOX", options: { softLimit: 5 } }, unsubscribeMailbox: "desabonnement@orienteur.example.org" });
    expect(problems).toEqual([]);
    const fast = readConfig({ ORIENTEUR_SEND_RATE: "vite" });
    expect(fast.config.newsletter.sendRate).toBe(10);
    expect(fast.problems).toEqual(["ORIENTEUR_SEND_RATE=« vite » n'est pas un nombre positif d'e-mails par seconde : la valeur par défaut 10 est utilisée."]);
  });

  it("reads the log level, and names the known ones when it is not one of them", () => {
    expect(readConfig({}).config.logLevel).toBeUndefined();
    expect(readConfig({ LOG_LEVEL: "Debug" }).config.logLevel).toBe("debug");
    const { config, problems } = readConfig({ LOG_LEVEL: "bavard" });
    expect(config.logLevel).toBeUndefined();
    expect(problems).toEqual(["LOG_LEVEL=« bavard » n'est pas un niveau connu : silent, fatal, error, warn, info, debug, trace. Le niveau par défaut (info) est utilisé."]);
  });

  it("reads the update campaigns' settings with the rest, and keeps the default of an unusable one", () => {
    expect(readConfig({}).config.campaigns).toEqual({ linkDays: 60, reminderDays: 14, maxReminders: 2, intervalSeconds: 2, git: false, autoReminders: false });
    const { config, problems } = readConfig({ ORIENTEUR_CAMPAGNE_RELANCE_JOURS: "7", ORIENTEUR_CAMPAGNE_GIT: "oui", ORIENTEUR_CAMPAGNE_RELANCES_MAX: "beaucoup" });
    expect(config.campaigns).toMatchObject({ reminderDays: 7, git: true, maxReminders: 2 });
    expect(problems).toEqual(["ORIENTEUR_CAMPAGNE_RELANCES_MAX=« beaucoup » n'est pas un nombre entre 0 et 10 : la valeur par défaut 2 est utilisée."]);
  });

  it("reports return-mailbox thresholds that are not whole numbers", () => {
    const { config, problems } = readConfig({ ORIENTEUR_BOUNCE_HARD_LIMIT: "0", ORIENTEUR_BOUNCE_SOFT_LIMIT: "4" });
    expect(config.newsletter.bounces.options).toEqual({ softLimit: 4 });
    expect(problems).toEqual(["ORIENTEUR_BOUNCE_HARD_LIMIT=« 0 » n'est pas un nombre entier d'au moins 1 : la valeur par défaut 1 est utilisée."]);
  });

  it("reads the DKIM key from a file, and says which variable to fix when DKIM cannot be used", () => {
    const dir = mkdtempSync(join(tmpdir(), "orienteur-config-dkim-"));
    try {
      const keyFile = join(dir, "dkim.pem");
      writeFileSync(keyFile, "-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----\n");
      const dkim = { DKIM_DOMAIN: "example.org", DKIM_SELECTOR: "orienteur" };
      expect(readConfig({ ...dkim, DKIM_PRIVATE_KEY: keyFile }).config.newsletter.dkim).toEqual({ domainName: "example.org", keySelector: "orienteur", privateKey: readFileSync(keyFile, "utf8") });

      const missing = readConfig({ ...dkim, DKIM_PRIVATE_KEY: join(dir, "absente.pem") });
      expect(missing.config.newsletter).toMatchObject({ dkimUnusable: true });
      expect(missing.config.newsletter.dkim).toBeUndefined();
      expect(missing.problems).toEqual(["DKIM_PRIVATE_KEY n'a pas pu être lu (ENOENT) : donnez la clé PEM elle-même ou le chemin d'un fichier lisible. Les e-mails partent sans signature DKIM."]);

      expect(readConfig({ DKIM_DOMAIN: "example.org" }).problems[0]).toMatch(/^DKIM_DOMAIN, DKIM_SELECTOR et DKIM_PRIVATE_KEY vont ensemble : définissez les trois/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("unusable values", () => {
  it("reports every unusable variable at once, each naming its fix, and runs on the defaults", () => {
    const { config, problems } = readConfig({
      ORIENTEUR_PORT: "80800",
      ORIENTEUR_MAX_PENDING: "-3",
      LOG_LEVEL: "bavard",
      ORIENTEUR_PUBLIC_URL: "orienteur.example.org",
      ORIENTEUR_SEND_RATE: "0",
      ORIENTEUR_LETTRE_CADENCE: "hebdomadaire",
      ORIENTEUR_CAMPAGNE_VALIDITE_JOURS: "400",
      ORIENTEUR_CAMPAGNE_INTERVALLE: "2,5",
    });
    expect(problems).toEqual([
      "ORIENTEUR_PORT=« 80800 » n'est pas un port valide (nombre entre 1 et 65535) : la valeur par défaut 8080 est utilisée.",
      "ORIENTEUR_MAX_PENDING=« -3 » n'est pas un nombre entier positif : la valeur par défaut 64 est utilisée.",
      "LOG_LEVEL=« bavard » n'est pas un niveau connu : silent, fatal, error, warn, info, debug, trace. Le niveau par défaut (info) est utilisé.",
      "ORIENTEUR_PUBLIC_URL=« orienteur.example.org » n'est pas une adresse web (elle doit commencer par https://).",
      "ORIENTEUR_SEND_RATE=« 0 » n'est pas un nombre positif d'e-mails par seconde : la valeur par défaut 10 est utilisée.",
      "ORIENTEUR_LETTRE_CADENCE=« hebdomadaire » n'est pas reconnu : mensuelle, bimestrielle, trimestrielle ou aucune. Aucun brouillon automatique.",
      "ORIENTEUR_CAMPAGNE_VALIDITE_JOURS=« 400 » n'est pas un nombre entre 1 et 365 : la valeur par défaut 60 est utilisée.",
    ]);
    expect(config.web).toEqual({ port: 8080, host: "127.0.0.1", allowedHosts: ["localhost"] });
    expect(config.newsletter).toMatchObject({ publicUrl: "http://localhost:8080", sendRate: 10 });
    expect(config.newsletter.cadence).toBeUndefined();
    expect(config.campaigns).toMatchObject({ linkDays: 60, intervalSeconds: 2.5 });
  });

  it("falls back on PORT when ORIENTEUR_PORT is unusable, and says which port it uses", () => {
    const { config, problems } = readConfig({ ORIENTEUR_PORT: "web", PORT: "3000" });
    expect(config.web.port).toBe(3000);
    expect(problems).toEqual(["ORIENTEUR_PORT=« web » n'est pas un port valide (nombre entre 1 et 65535) : la valeur par défaut 3000 est utilisée."]);
  });

  it("keeps the usable entries of a list and names each one it leaves out", () => {
    const { config, problems } = readConfig({ ORIENTEUR_RELAY_ROOMS: "annonces, matrix:!a:example.org, tchap:!b" });
    expect(config.relayRooms).toEqual(["matrix:!a:example.org"]);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^ORIENTEUR_RELAY_ROOMS : « annonces » doit commencer par la plateforme/);
    expect(problems[1]).toMatch(/^ORIENTEUR_RELAY_ROOMS : « tchap:!b » doit commencer par la plateforme/);
  });

  it("names the variable but never quotes a value that may hold a password", () => {
    const { config, problems } = readConfig({
      ORIENTEUR_SECRET: "hunter2",
      SMTP_URL: "ftp://lettre:hunter2@smtp.example.org",
      ORIENTEUR_BOUNCE_IMAP_URL: "pop3://retours:hunter2@imap.example.org",
    });
    expect(problems.map((problem) => problem.split(" ")[0])).toEqual(["ORIENTEUR_SECRET", "SMTP_URL", "ORIENTEUR_BOUNCE_IMAP_URL"]);
    expect(problems.join("\n")).not.toContain("hunter2");
    expect(config.newsletter.secret).toBeUndefined();
    expect(config.newsletter.smtpUrl).toBeUndefined();
    expect(config.newsletter.bounces.imapUrl).toBeUndefined();
  });

  it("reads the campaigns' switches as yes or no, and reports a value it does not understand", () => {
    expect(readConfig({ ORIENTEUR_CAMPAGNE_GIT: "Oui", ORIENTEUR_CAMPAGNE_RELANCES_AUTO: "0" })).toMatchObject({ config: { campaigns: { git: true, autoReminders: false } }, problems: [] });
    const { config, problems } = readConfig({ ORIENTEUR_CAMPAGNE_RELANCES_AUTO: "peut-être" });
    expect(config.campaigns.autoReminders).toBe(false);
    expect(problems).toEqual(["ORIENTEUR_CAMPAGNE_RELANCES_AUTO=« peut-être » n'est pas compris : 1 (ou oui) pour activer, 0 (ou non) pour désactiver. Désactivé en attendant."]);
  });

  it("documents every variable it reads in the README's table and in .env.example", () => {
    const root = new URL("../../", import.meta.url);
    const readme = readFileSync(new URL("README.md", root), "utf8");
    const table = readme.slice(readme.indexOf("## Configuration"), readme.indexOf("\n## ", readme.indexOf("## Configuration") + 1));
    const example = readFileSync(new URL(".env.example", root), "utf8");
    expect(VARIABLE_NAMES.filter((name) => !table.includes(`\`${name}\``))).toEqual([]);
    expect(VARIABLE_NAMES.filter((name) => !new RegExp(`\\b${name}=`).test(example))).toEqual([]);
  });
});

describe("the orienteur command's configuration", () => {
  it("answers from the base ORIENTEUR_KB names in the environment it is given, and --kb wins over it", async () => {
    // The small fixture base, copied with one sigle reworded: loading it is quick, cached or not.
    const dir = mkdtempSync(join(tmpdir(), "orienteur-config-kb-"));
    try {
      cpSync(MINI_DIR, dir, { recursive: true });
      const file = join(dir, "sigles", "sigles.yaml");
      writeFileSync(file, readFileSync(file, "utf8").replace("Service d'aide et d'accompagnement à domicile", "Service d'aide de la base de test"));
      const meaning = async (args: string[]) => {
        const out: string[] = [];
        expect(await main(["sigle", "SAAD", "--json", ...args], { out: (t) => out.push(t), err: () => {} }, { ORIENTEUR_KB: dir })).toBe(0);
        return (JSON.parse(out.join("")) as { sigles: { developpements: { forme_longue: string }[] }[] }).sigles[0]?.developpements[0]?.forme_longue;
      };
      expect(await meaning([])).toBe("Service d'aide de la base de test");
      expect(await meaning(["--kb", MINI_DIR])).toBe("Service d'aide et d'accompagnement à domicile");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
