// Confirmation e-mails leave signed with DKIM when a key is configured, like the newsletters:
// unsigned, they land in spam exactly when a person is waiting for them.
import { generateKeyPairSync } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { form, startLettreServer, type LettreServer } from "../helpers/lettre.ts";
import { waitFor } from "../helpers/wait.ts";

let lettre: LettreServer;

beforeAll(async () => {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048, privateKeyEncoding: { type: "pkcs8", format: "pem" }, publicKeyEncoding: { type: "spki", format: "pem" } });
  // The server's configuration reads the DKIM settings, as from its environment in production.
  lettre = await startLettreServer("d".repeat(40), undefined, { DKIM_DOMAIN: "example.org", DKIM_SELECTOR: "orienteur", DKIM_PRIVATE_KEY: privateKey });
});

afterAll(async () => {
  await lettre.close();
});

describe("confirmation e-mails", () => {
  it("are signed with DKIM when a key is configured", async () => {
    await fetch(`${lettre.server.url}/lettre/abonnement`, form({ courriel: "signee@example.org" }));
    await waitFor(() => lettre.sink.received.some((m) => m.to === "signee@example.org"), "the confirmation e-mail");
    const raw = lettre.sink.received.find((m) => m.to === "signee@example.org")!.raw.toString("utf8");
    expect(raw).toMatch(/^DKIM-Signature:.*d=example\.org/m);
  });
});
