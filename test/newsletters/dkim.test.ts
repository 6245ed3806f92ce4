import { generateKeyPairSync } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { main } from "../../bot/cli/main.ts";
import { readConfig } from "../../bot/server/config.ts";
import { createSmtpMailer } from "../../newsletters/send/transport.ts";
import { startSmtpSink, type SmtpSink } from "../peers/smtp-sink.ts";

let sink: SmtpSink | undefined;
afterEach(async () => {
  await sink?.close();
});

describe("DKIM signing", () => {
  it("signs messages when a key is configured, covering List-Unsubscribe-Post as RFC 8058 requires", async () => {
    sink = await startSmtpSink();
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048, privateKeyEncoding: { type: "pkcs8", format: "pem" }, publicKeyEncoding: { type: "spki", format: "pem" } });
    const { dkim } = readConfig({ DKIM_DOMAIN: "example.org", DKIM_SELECTOR: "orienteur", DKIM_PRIVATE_KEY: privateKey }).config.newsletter;
    const mailer = createSmtpMailer({ smtpUrl: sink.url, from: "Orienteur <lettre@example.org>", maxConnections: 1, ...(dkim ? { dkim } : {}) });
    await mailer.send({
      to: "abonne@example.org",
      subject: "Lettre",
      html: "<p>Bonjour</p>",
      text: "Bonjour",
      messageId: "<lettre-1.1.abc@example.org>",
      headers: { "List-Unsubscribe": "<https://orienteur.example.org/lettre/desabonnement?jeton=x>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
    });
    mailer.close();
    const raw = sink.received[0]!.raw.toString("utf8");
    const signature = raw.match(/^DKIM-Signature:[\s\S]*?(?=\r?\n\S)/m)?.[0].replace(/\r?\n\s+/g, " ") ?? "";
    expect(signature).toContain("d=example.org");
    expect(signature).toContain("s=orienteur");
    expect(signature.toLowerCase()).toMatch(/h=[^;]*list-unsubscribe-post/);
  });

  it("does not sign when the key is not configured", () => {
    expect(readConfig({}).config.newsletter.dkim).toBeUndefined();
  });

  it("refuses to send a newsletter unsigned when the DKIM key it was given cannot be read", async () => {
    sink = await startSmtpSink();
    const err: string[] = [];
    const env = { SMTP_URL: sink.url, DKIM_DOMAIN: "example.org", DKIM_SELECTOR: "orienteur", DKIM_PRIVATE_KEY: join(tmpdir(), "orienteur-pas-de-cle.pem") };
    expect(await main(["newsletter", "send", "newsletters/issues/2026-11.yaml"], { out: () => {}, err: (t) => err.push(t) }, env)).toBe(1);
    expect(err.join("\n")).toContain("DKIM_PRIVATE_KEY n'a pas pu être lu (ENOENT)");
    expect(err.at(-1)).toBe("La lettre n'est pas envoyée : sans signature DKIM, elle finirait dans les indésirables. Corrigez les variables DKIM_ ci-dessus, ou retirez-les toutes pour envoyer sans signature.");
    expect(sink.received).toEqual([]);
  });
});
