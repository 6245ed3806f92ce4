import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readConfig } from "../../bot/server/config.ts";
import { createLogger } from "../../bot/server/logger.ts";
import { startServer, type RunningServer } from "../../bot/server/start.ts";
import { openStore } from "../../bot/store/store.ts";
import { createSubscriberRepository } from "../../newsletters/subscribers/repository.ts";
import { DEMO_DIR } from "../helpers/bases.ts";
import { startSmtpSink, type SmtpSink } from "../peers/smtp-sink.ts";

let server: RunningServer;
let sink: SmtpSink;
let dir: string;
let dbPath: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "orienteur-lettre-web-"));
  dbPath = join(dir, "state.sqlite");
  sink = await startSmtpSink();
  const { config } = readConfig({ SMTP_URL: sink.url, ORIENTEUR_SECRET: "x".repeat(40), ORIENTEUR_DB: dbPath, ORIENTEUR_PUBLIC_URL: "https://orienteur.example.org" });
  server = await startServer({ kb: DEMO_DIR, port: 0, host: "127.0.0.1", config, handleSignals: false, logger: createLogger({ level: "silent" }), report: () => {} });
});

afterAll(async () => {
  await server.stop();
  await sink.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The page as a person reads it: entities decoded. */
const readable = async (response: Response) => (await response.text()).replaceAll("&#39;", "'").replaceAll("&quot;", '"').replaceAll("&amp;", "&");
const local = (link: string) => link.replace("https://orienteur.example.org", server.url);
const form = (fields: Record<string, string | string[]>) => {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) for (const v of [value].flat()) body.append(key, v);
  return { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body };
};
function subscriber(email: string) {
  const store = openStore(dbPath);
  try {
    return createSubscriberRepository(store.db).byEmail(email);
  } finally {
    store.close();
  }
}
async function linkInLastMail(pattern: RegExp): Promise<string> {
  const mail = await sink.parse(sink.received.length - 1);
  return mail.text!.match(pattern)![0];
}

describe("subscribing over the web", () => {
  it("shows the subscription form in French", async () => {
    const html = await (await fetch(`${server.url}/lettre`)).text();
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain("Adresse e-mail");
  });

  it("subscribes with double opt-in: nothing is confirmed until the person confirms with a POST", async () => {
    const response = await fetch(`${server.url}/lettre/abonnement`, form({ courriel: " Marie@Example.org ", prenom: "Marie", territoire: "Clamecy", themes: "Autonomie et vieillissement" }));
    expect(response.status).toBe(200);
    expect(await readable(response)).toContain("un e-mail de confirmation vient de lui être envoyé");
    expect(sink.received.at(-1)!.to).toBe("marie@example.org");
    expect(subscriber("marie@example.org")).toMatchObject({ status: "en_attente", territoire: { type: "commune", code: "58079" } });

    const link = local(await linkInLastMail(/https:\/\/orienteur\.example\.org\/lettre\/confirmation\?jeton=\S+/));
    const page = await (await fetch(link)).text();
    expect(page).toContain("Je confirme");
    expect(subscriber("marie@example.org")?.status).toBe("en_attente");
    const confirmed = await fetch(link, { method: "POST" });
    expect(await confirmed.text()).toContain("votre abonnement est confirmé");
    expect(subscriber("marie@example.org")).toMatchObject({ status: "confirme", consentSource: "web" });
  });

  it("answers the same whether or not the address is already subscribed", async () => {
    const first = await (await fetch(`${server.url}/lettre/abonnement`, form({ courriel: "marie@example.org" }))).text();
    const other = await (await fetch(`${server.url}/lettre/abonnement`, form({ courriel: "inconnu@example.org" }))).text();
    expect(first).toBe(other.replace("inconnu@example.org", "marie@example.org"));
  });

  it("refuses an invalid address in French and stores nothing", async () => {
    const response = await fetch(`${server.url}/lettre/abonnement`, form({ courriel: "pas-une-adresse" }));
    expect(response.status).toBe(400);
    expect(await readable(response)).toContain("Cette adresse e-mail n'est pas valide");
  });

  it("rejects a forged or tampered link", async () => {
    const response = await fetch(`${server.url}/lettre/confirmation?jeton=confirmer.1.0.AAAA`, { method: "POST" });
    expect(response.status).toBe(400);
    expect(await readable(response)).toContain("Ce lien n'est pas valide ou a expiré");
  });
});

describe("one-click unsubscription (RFC 8058)", () => {
  async function confirmedToken(email: string): Promise<{ unsubscribe: string; preferences: string }> {
    await fetch(`${server.url}/lettre/abonnement`, form({ courriel: email }));
    const link = local(await linkInLastMail(/https:\/\/orienteur\.example\.org\/lettre\/confirmation\?jeton=\S+/));
    await fetch(link, { method: "POST" });
    const { signToken } = await import("../../newsletters/subscribers/tokens.ts");
    const id = subscriber(email)!.id;
    return {
      unsubscribe: `${server.url}/lettre/desabonnement?jeton=${encodeURIComponent(signToken("x".repeat(40), "desabonner", id))}`,
      preferences: `${server.url}/lettre/preferences?jeton=${encodeURIComponent(signToken("x".repeat(40), "preferences", id))}`,
    };
  }

  it("does not unsubscribe on GET (link scanners), only asks", async () => {
    const { unsubscribe } = await confirmedToken("scanne@example.org");
    const page = await (await fetch(unsubscribe)).text();
    expect(page).toContain("Voulez-vous vraiment vous désabonner");
    expect(subscriber("scanne@example.org")?.status).toBe("confirme");
  });

  it("unsubscribes with the RFC 8058 one-click POST", async () => {
    const { unsubscribe } = await confirmedToken("unclic@example.org");
    const response = await fetch(unsubscribe, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "List-Unsubscribe=One-Click" });
    expect(response.status).toBe(200);
    expect(subscriber("unclic@example.org")?.status).toBe("desabonne");
  });

  it("changes preferences, exports the data, and erases everything", async () => {
    const { preferences } = await confirmedToken("prefs@example.org");
    expect(await (await fetch(preferences)).text()).toContain("Télécharger mes données");
    await fetch(preferences, form({ prenom: "Paul", territoire: "Sud Nivernais", themes: ["Santé"] }));
    expect(subscriber("prefs@example.org")).toMatchObject({ prenom: "Paul", territoire: { type: "epci", code: "200067700" }, themes: ["Santé"] });

    const exported = await (await fetch(preferences.replace("/preferences?", "/donnees?"))).json();
    expect(exported).toMatchObject({ courriel: "prefs@example.org", prenom: "Paul", statut: "confirme", consentement: { source: "web" } });

    await fetch(preferences.replace("/preferences?", "/effacement?"), { method: "POST" });
    expect(subscriber("prefs@example.org")).toBeUndefined();
  });
});
