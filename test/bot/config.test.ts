import { describe, expect, it } from "vitest";
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
});
