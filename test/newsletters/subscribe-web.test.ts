import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { form, readable, startLettreServer, type LettreServer } from "../helpers/lettre.ts";
import { waitFor } from "../helpers/wait.ts";

let lettre: LettreServer;
let server: LettreServer["server"];
let sink: LettreServer["sink"];

beforeAll(async () => {
  lettre = await startLettreServer("x".repeat(40));
  ({ server, sink } = lettre);
});

afterAll(() => lettre.close());

const local = (link: string) => lettre.local(link);
const subscriber = (email: string) => lettre.subscriber(email);
/** The link in the last e-mail to `email` (confirmations leave after the page has answered). */
async function linkInLastMail(pattern: RegExp, email: string): Promise<string> {
  await waitFor(() => sink.received.some((m) => m.to === email), `an e-mail to ${email}`);
  const mail = await sink.parse(sink.received.map((m) => m.to).lastIndexOf(email));
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
    expect(subscriber("marie@example.org")).toMatchObject({ status: "en_attente", territoire: { type: "commune", code: "58079" } });

    const link = local(await linkInLastMail(/https:\/\/orienteur\.example\.org\/lettre\/confirmation\?jeton=\S+/, "marie@example.org"));
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
    expect(await readable(response)).toContain("Ce lien n'est pas valide, a déjà servi ou a expiré : rien n'a été fait");
  });
});

describe("one-click unsubscription (RFC 8058)", () => {
  async function confirmedToken(email: string): Promise<{ unsubscribe: string; preferences: string }> {
    await fetch(`${server.url}/lettre/abonnement`, form({ courriel: email }));
    const link = local(await linkInLastMail(/https:\/\/orienteur\.example\.org\/lettre\/confirmation\?jeton=\S+/, email));
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
    // « Sud Nivernais » is the base's own territory of that name (its TAS), which wins over the EPCI spelled alike.
    expect(subscriber("prefs@example.org")).toMatchObject({ prenom: "Paul", territoire: { type: "territoire", code: "tas-sud-nivernais" }, themes: ["Santé"] });

    const page = await (await fetch(preferences)).text();
    const exportLink = page.match(/href="(\/lettre\/donnees\?jeton=[^"]+)"/)![1]!;
    const exported = await (await fetch(`${server.url}${exportLink}`)).json();
    expect(exported).toMatchObject({ courriel: "prefs@example.org", prenom: "Paul", territoire: { type: "territoire", code: "tas-sud-nivernais", nom: expect.stringContaining("Sud Nivernais") }, statut: "confirme", consentement: { source: "web" } });

    const eraseAction = page.match(/action="(\/lettre\/effacement\?jeton=[^"]+)"/)![1]!;
    const question = await (await fetch(`${server.url}${eraseAction}`, { method: "POST" })).text();
    expect(subscriber("prefs@example.org")).toBeDefined();
    const confirmAction = question.match(/action="(\/lettre\/effacement\?jeton=[^"]+)"/)![1]!;
    await fetch(`${server.url}${confirmAction}`, form({ confirmer: "oui" }));
    expect(subscriber("prefs@example.org")).toBeUndefined();
  });
});
