// The subscription form under misuse: posts from other sites, floods, junk themes, huge bodies,
// and a slow mail server that must not reveal who is already subscribed. Real server, real SMTP.
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { form, readable, startLettreServer, type LettreServer } from "../helpers/lettre.ts";
import { waitFor } from "../helpers/wait.ts";

let lettre: LettreServer;
let url: string;

beforeAll(async () => {
  lettre = await startLettreServer("f".repeat(40));
  url = lettre.server.url;
});

afterAll(() => lettre.close());

/** Each test posts as its own client, so one test's throttling never touches another's. */
let clients = 0;
const asClient = () => ({ "x-forwarded-for": `198.51.100.${++clients}` });

describe("the subscription form refuses what a person did not send", () => {
  it("refuses a post from another site, in French, and stores nothing", async () => {
    const foreign: Record<string, string>[] = [{ origin: "https://malveillant.example" }, { "sec-fetch-site": "cross-site" }, { origin: "null" }];
    for (const headers of foreign) {
      const response = await fetch(`${url}/lettre/abonnement`, form({ courriel: "cible@example.org" }, { ...asClient(), ...headers }));
      expect(response.status).toBe(403);
      expect(await readable(response)).toContain("Ce formulaire doit être envoyé depuis la page de la lettre d'Orienteur");
    }
    expect(lettre.subscriber("cible@example.org")).toBeUndefined();
  });

  it("accepts a post from its own page (same origin, or the public address)", async () => {
    const own = await fetch(`${url}/lettre/abonnement`, form({ courriel: "memepage@example.org" }, { ...asClient(), origin: url, "sec-fetch-site": "same-origin" }));
    expect(own.status).toBe(200);
    const proxied = await fetch(`${url}/lettre/abonnement`, form({ courriel: "public@example.org" }, { ...asClient(), origin: "https://orienteur.example.org" }));
    expect(proxied.status).toBe(200);
  });

  it("keeps only the base's themes, once each", async () => {
    const junk = Array.from({ length: 300 }, (_, i) => `thème inventé ${i}`);
    await fetch(`${url}/lettre/abonnement`, form({ courriel: "themes@example.org", themes: ["Santé", "Santé", "<script>alert(1)</script>", ...junk] }, asClient()));
    expect(lettre.subscriber("themes@example.org")?.themes).toEqual(["Santé"]);
  });

  it("answers 413 in French to a body over the limit, and stores nothing", async () => {
    const response = await fetch(`${url}/lettre/abonnement`, form({ courriel: "gros@example.org", prenom: "x".repeat(70 * 1024) }, asClient()));
    expect(response.status).toBe(413);
    expect(await readable(response)).toContain("Formulaire trop volumineux : 64 Kio au plus");
    expect(lettre.subscriber("gros@example.org")).toBeUndefined();
  });

  it("gives the form back with what was typed after a server-side error", async () => {
    const response = await fetch(`${url}/lettre/abonnement`, form({ courriel: "retour@example.org", prenom: "Léa", territoire: "Atlantide", themes: "Santé" }, asClient()));
    expect(response.status).toBe(400);
    const html = await readable(response);
    expect(html).toContain("Territoire introuvable : « Atlantide »");
    expect(html).toContain('value="retour@example.org"');
    expect(html).toContain('value="Léa"');
    expect(html).toContain('value="Atlantide"');
    expect(html).toMatch(/value="Santé" checked/);
  });

  it("answers HEAD on its pages like GET, without a body", async () => {
    const response = await fetch(`${url}/lettre`, { method: "HEAD" });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/html");
  });
});

describe("the subscription form cannot be used to flood", () => {
  it("limits one client, in French, while others still subscribe", async () => {
    const client = asClient();
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) statuses.push((await fetch(`${url}/lettre/abonnement`, form({ courriel: `flot${i}@example.org` }, client))).status);
    expect(statuses.slice(0, 20).every((s) => s === 200)).toBe(true);
    expect(statuses[20]).toBe(429);
    const refused = await readable(await fetch(`${url}/lettre/abonnement`, form({ courriel: "flot-encore@example.org" }, client)));
    expect(refused).toContain("Trop de demandes depuis votre connexion");
    expect((await fetch(`${url}/lettre/abonnement`, form({ courriel: "voisin@example.org" }, asClient()))).status).toBe(200);
  });

  it("sends an address at most three confirmation e-mails an hour, with the same answer every time", async () => {
    const answers = new Set<string>();
    for (let i = 0; i < 6; i++) answers.add(await readable(await fetch(`${url}/lettre/abonnement`, form({ courriel: "harcelee@example.org" }, asClient()))));
    expect(answers.size).toBe(1);
    await waitFor(() => lettre.sink.received.filter((m) => m.to === "harcelee@example.org").length >= 3, "three confirmations");
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(lettre.sink.received.filter((m) => m.to === "harcelee@example.org")).toHaveLength(3);
  });
});

describe("the answer does not reveal a subscription", () => {
  it("answers a new address without waiting for its confirmation e-mail, as it answers a subscribed one, when the mail server is slow", async () => {
    // A mail server that takes 1.5 s per message: the answer must not wait for it.
    const received: string[] = [];
    const slow = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      logger: false,
      onData(stream, session, callback) {
        stream.resume();
        stream.on("end", () => setTimeout(() => (received.push(session.envelope.rcptTo[0]!.address), callback()), 1500));
      },
    });
    await new Promise<void>((resolve) => slow.listen(0, "127.0.0.1", resolve));
    const slowLettre = await startLettreServer("t".repeat(40), `smtp://127.0.0.1:${(slow.server.address() as AddressInfo).port}`);
    try {
      const post = async (email: string) => {
        const text = await readable(await fetch(`${slowLettre.server.url}/lettre/abonnement`, form({ courriel: email })));
        // What the SMTP server had accepted when the answer came (it holds each message 1.5 s).
        return { text, acceptedBefore: [...received] };
      };
      await post("deja@example.org");
      await waitFor(() => received.includes("deja@example.org"), "the first confirmation");
      const { openStore } = await import("../../bot/store/store.ts");
      const { createSubscriberRepository } = await import("../../newsletters/subscribers/repository.ts");
      const store = openStore(slowLettre.dbPath);
      const repo = createSubscriberRepository(store.db);
      repo.confirm(repo.byEmail("deja@example.org")!.id);
      store.close();

      const known = await post("deja@example.org");
      const fresh = await post("nouvelle@example.org");
      expect(known.text).toBe(fresh.text);
      // The answer never waits for the confirmation e-mail: it came before the SMTP server took it.
      expect(fresh.acceptedBefore).not.toContain("nouvelle@example.org");
      await waitFor(() => received.includes("nouvelle@example.org"), "the confirmation sent after the answer");
      expect(received.filter((to) => to === "deja@example.org")).toHaveLength(1);
    } finally {
      await slowLettre.close();
      await new Promise<void>((resolve) => slow.close(() => resolve()));
    }
  });
});

describe("one-click unsubscription from a mail provider", () => {
  it("is not refused as a cross-site post (RFC 8058 posts come from the provider's servers)", async () => {
    const response = await fetch(`${url}/lettre/desabonnement?jeton=desabonner.1.0.AAAA`, form({ "List-Unsubscribe": "One-Click" }, { origin: "https://mail.example.net" }));
    expect(response.status).toBe(400); // a bad token, not a refused origin
    expect(await readable(response)).toContain("rien n'a été fait");
  });
});

describe("the throttle's memory", () => {
  it("stays bounded under a flood of new clients, and lets a client in again after the window", async () => {
    const { createThrottle } = await import("../../newsletters/subscribe/throttle.ts");
    const throttle = createThrottle({ limit: 2, windowMs: 1000, maxKeys: 100 });
    for (let i = 0; i < 10_000; i++) throttle.allow(`client-${i}`, 0);
    expect(throttle.size()).toBe(100);
    expect([throttle.allow("a", 0), throttle.allow("a", 10), throttle.allow("a", 20)]).toEqual([true, true, false]);
    expect(throttle.allow("a", 1015)).toBe(true);
  });
});
