import { describe, expect, it } from "vitest";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../bot/cli/main.ts";
import { configuredPlatforms, readConfig } from "../../bot/server/config.ts";

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
});

describe("the orienteur command's configuration", () => {
  it("answers from the base ORIENTEUR_KB names in the environment it is given, and --kb wins over it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "orienteur-config-kb-"));
    try {
      cpSync(join(import.meta.dirname, "../../knowledge/demo-nievre"), dir, { recursive: true });
      const file = join(dir, "sigles", "autonomie.yaml");
      writeFileSync(file, readFileSync(file, "utf8").replace('"Dispositif d\'appui à la coordination des parcours de santé complexes"', '"Dispositif d\'appui de la base de test"'));
      const meaning = async (args: string[]) => {
        const out: string[] = [];
        expect(await main(["sigle", "DAC", "--json", ...args], { out: (t) => out.push(t), err: () => {} }, { ORIENTEUR_KB: dir })).toBe(0);
        return (JSON.parse(out.join("")) as { sigles: { developpements: { forme_longue: string }[] }[] }).sigles[0]?.developpements[0]?.forme_longue;
      };
      expect(await meaning([])).toBe("Dispositif d'appui de la base de test");
      expect(await meaning(["--kb", join(import.meta.dirname, "../../knowledge/demo-nievre")])).toBe("Dispositif d'appui à la coordination des parcours de santé complexes");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
