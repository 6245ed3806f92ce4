import { describe, expect, it } from "vitest";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../bot/cli/main.ts";
import { configuredPlatforms, readConfig } from "../../bot/server/config.ts";
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
