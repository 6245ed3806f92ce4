// A subscriber's links act on them and nobody else, and « Tout effacer » leaves nothing behind:
// a real server, a real SMTP sink and the real SQLite file, read byte by byte after erasure.
import { existsSync, readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore } from "../../bot/store/store.ts";
import { createDeliveryRepository } from "../../newsletters/send/deliveries.ts";
import { createSubscriberRepository } from "../../newsletters/subscribers/repository.ts";
import { signToken } from "../../newsletters/subscribers/tokens.ts";
import { form, readable, startLettreServer, type LettreServer } from "../helpers/lettre.ts";
import { waitFor } from "../helpers/wait.ts";

const SECRET = "s".repeat(40);
let lettre: LettreServer;
let server: LettreServer["server"];
let sink: LettreServer["sink"];
let dbPath: string;

beforeAll(async () => {
  lettre = await startLettreServer(SECRET);
  ({ server, sink, dbPath } = lettre);
});

afterAll(() => lettre.close());

const local = (link: string) => lettre.local(link);
function withRepository<T>(work: (repo: ReturnType<typeof createSubscriberRepository>, db: ReturnType<typeof openStore>["db"]) => T): T {
  const store = openStore(dbPath);
  try {
    return work(createSubscriberRepository(store.db), store.db);
  } finally {
    store.close();
  }
}
const subscriber = (email: string) => lettre.subscriber(email);

async function confirmationLink(email: string): Promise<string> {
  await waitFor(() => sink.received.some((m) => m.to === email), `the confirmation e-mail to ${email}`);
  const index = sink.received.map((m) => m.to).lastIndexOf(email);
  return local((await sink.parse(index)).text!.match(/https:\/\/orienteur\.example\.org\/lettre\/confirmation\?jeton=\S+/)![0]);
}

/** Subscribes and confirms over the web; returns the links a newsletter would carry (as send/message.ts signs them). */
async function subscribed(email: string, fields: Record<string, string | string[]> = {}) {
  await fetch(`${server.url}/lettre/abonnement`, form({ courriel: email, ...fields }));
  const confirm = await confirmationLink(email);
  await fetch(confirm, { method: "POST" });
  const id = subscriber(email)!.id;
  return {
    id,
    confirm,
    unsubscribe: `${server.url}/lettre/desabonnement?jeton=${encodeURIComponent(signToken(SECRET, "desabonner", id))}`,
    preferences: `${server.url}/lettre/preferences?jeton=${encodeURIComponent(signToken(SECRET, "preferences", id))}`,
  };
}

/** The export link and erasure form the preferences page offers. */
async function pageLinks(preferences: string): Promise<{ exportLink: string; eraseAction: string; back: string }> {
  const html = await (await fetch(preferences)).text();
  const exportLink = html.match(/href="(\/lettre\/donnees\?jeton=[^"]+)"/)![1]!.replaceAll("&amp;", "&");
  const eraseAction = html.match(/action="(\/lettre\/effacement\?jeton=[^"]+)"/)![1]!.replaceAll("&amp;", "&");
  const back = html.match(/name="retour" value="([^"]+)"/)![1]!;
  return { exportLink: `${server.url}${exportLink}`, eraseAction: `${server.url}${eraseAction}`, back };
}

/** « Tout effacer », then « Oui, tout effacer » on the confirmation page, as a person does. */
async function eraseEverything(preferences: string): Promise<string> {
  const { eraseAction, back } = await pageLinks(preferences);
  const question = await readable(await fetch(eraseAction, form({ retour: back })));
  expect(question).toContain("Voulez-vous vraiment effacer toutes vos données");
  const confirmAction = question.match(/action="(\/lettre\/effacement\?jeton=[^"]+)"/)![1]!;
  return readable(await fetch(`${server.url}${confirmAction}`, form({ confirmer: "oui" })));
}

describe("links never act on someone else", () => {
  it("leaves an erased person's old links without effect, even once someone else has subscribed", async () => {
    const erased = await subscribed("ancienne@example.org");
    const { exportLink } = await pageLinks(erased.preferences);
    expect(await eraseEverything(erased.preferences)).toContain("Toutes vos données ont été effacées");
    expect(subscriber("ancienne@example.org")).toBeUndefined();

    const next = await subscribed("suivante@example.org");
    expect(next.id).not.toBe(erased.id);

    for (const link of [erased.unsubscribe, erased.preferences]) {
      const page = await fetch(link);
      expect(page.status).toBe(400);
      expect(await readable(page)).toContain("Ce lien n'est pas valide, a déjà servi ou a expiré : rien n'a été fait");
    }
    expect((await fetch(erased.unsubscribe, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "List-Unsubscribe=One-Click" })).status).toBe(400);
    expect((await fetch(erased.preferences, form({ prenom: "Intrus" }))).status).toBe(400);
    expect((await fetch(exportLink)).status).toBe(400);
    expect(subscriber("suivante@example.org")).toMatchObject({ status: "confirme", prenom: null });
  });

  it("never gives an erased subscriber's id to someone else", () => {
    const ids = withRepository((repo) => {
      const seen: number[] = [];
      for (let i = 0; i < 200; i++) {
        const s = repo.request({ email: `tour${i}@example.org`, source: "test" });
        seen.push(s.id);
        repo.erase(s.id);
      }
      return seen;
    });
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("confirms once: a confirmation link replayed after unsubscribing does not subscribe again", async () => {
    const links = await subscribed("rejoue@example.org");
    expect(await readable(await fetch(links.confirm, { method: "POST" }))).toContain("rien n'a été fait");
    await fetch(links.unsubscribe, { method: "POST", body: "List-Unsubscribe=One-Click" });
    expect(subscriber("rejoue@example.org")?.status).toBe("desabonne");

    const replay = await fetch(links.confirm, { method: "POST" });
    expect(replay.status).toBe(400);
    expect(subscriber("rejoue@example.org")?.status).toBe("desabonne");
  });

  it("keeps the unsubscribe link of an old e-mail working for that same person", async () => {
    const links = await subscribed("fidele@example.org");
    const years = await fetch(links.unsubscribe, { method: "POST", body: "List-Unsubscribe=One-Click" });
    expect(years.status).toBe(200);
    expect(subscriber("fidele@example.org")?.status).toBe("desabonne");
  });

  it("refuses an export or erasure link from the page once it has expired", async () => {
    const links = await subscribed("expire@example.org");
    const past = Date.now() - 1000;
    const exportLink = `${server.url}/lettre/donnees?jeton=${encodeURIComponent(signToken(SECRET, "donnees", links.id, past))}`;
    const eraseLink = `${server.url}/lettre/effacement?jeton=${encodeURIComponent(signToken(SECRET, "effacer", links.id, past))}`;
    expect((await fetch(exportLink)).status).toBe(400);
    const refused = await fetch(eraseLink, form({ confirmer: "oui" }));
    expect(refused.status).toBe(400);
    expect(await readable(refused)).toContain("Ce lien n'est plus valide (il vaut une heure) : rien n'a été fait. Rouvrez la page de préférences");
    expect(subscriber("expire@example.org")?.status).toBe("confirme");
  });

  it("erases nothing until the person confirms on the second page", async () => {
    const links = await subscribed("hesite@example.org");
    const { eraseAction, back } = await pageLinks(links.preferences);
    const question = await readable(await fetch(eraseAction, form({ retour: back })));
    expect(question).toContain("Oui, tout effacer");
    expect(question).toContain("Non, revenir à mes préférences");
    expect(subscriber("hesite@example.org")?.status).toBe("confirme");
  });
});

describe("erasure and export are complete", () => {
  it("exports the delivery history with the rest", async () => {
    const links = await subscribed("historique@example.org");
    withRepository((_repo, db) => {
      const deliveries = createDeliveryRepository(db);
      deliveries.freeze("7", [{ subscriberId: links.id, email: "historique@example.org", edition: "" }]);
      deliveries.markSent("7", links.id, Date.parse("2026-11-15T08:00:00Z"));
    });
    const { exportLink } = await pageLinks(links.preferences);
    const exported = await (await fetch(exportLink)).json();
    expect(exported).toMatchObject({
      courriel: "historique@example.org",
      territoire: null,
      statut: "confirme",
      envois: [{ lettre: "7", statut: "envoye", envoyee_le: "2026-11-15T08:00:00.000Z" }],
      envois_bloques: null,
    });
  });

  it("leaves no trace of the address, name, territory or themes in the SQLite file or its log", async () => {
    const email = "zephyrine.trace@example.org";
    const links = await subscribed(email, { prenom: "Zéphyrine", territoire: "Clamecy", themes: "Autonomie et vieillissement" });
    withRepository((_repo, db) => {
      const deliveries = createDeliveryRepository(db);
      deliveries.freeze("8", [{ subscriberId: links.id, email, edition: "commune:58079|Autonomie et vieillissement" }]);
      deliveries.markSent("8", links.id);
      deliveries.freeze("9", [{ subscriberId: links.id, email, edition: "commune:58079|Autonomie et vieillissement" }]);
      deliveries.markPermanentFailure("9", links.id, email, "550 boîte pleine");
    });
    const fileHolds = (needle: string) =>
      [dbPath, `${dbPath}-wal`].some((path) => existsSync(path) && readFileSync(path).includes(Buffer.from(needle, "utf8")));
    expect(fileHolds(email)).toBe(true);

    expect(await eraseEverything(links.preferences)).toContain("Toutes vos données ont été effacées");
    for (const trace of [email, "Zéphyrine", "commune:58079|Autonomie"]) expect(fileHolds(trace), trace).toBe(false);
    withRepository((_repo, db) => {
      expect(createDeliveryRepository(db).isSuppressed(email)).toBe(false);
      expect(db.prepare("SELECT COUNT(*) AS n FROM deliveries WHERE subscriber_id = ?").get(links.id)).toEqual({ n: 0 });
    });
  });
});
