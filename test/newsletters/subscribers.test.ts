import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openStore, type Store } from "../../bot/store/store.ts";
import { normalizeEmail } from "../../newsletters/subscribers/email.ts";
import { createSubscriberRepository } from "../../newsletters/subscribers/repository.ts";
import { signToken, verifyToken } from "../../newsletters/subscribers/tokens.ts";

const opened: { store: Store; dir: string }[] = [];
afterEach(() => {
  for (const { store, dir } of opened.splice(0)) {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

function repository() {
  const dir = mkdtempSync(join(tmpdir(), "orienteur-abonnes-"));
  const store = openStore(join(dir, "state.sqlite"));
  opened.push({ store, dir });
  return { repo: createSubscriberRepository(store.db), path: join(dir, "state.sqlite") };
}

describe("subscribers", () => {
  it.each([
    ["  Marie.Dupont@Example.ORG ", "marie.dupont@example.org"],
    ["marie@example.org.", "marie@example.org"],
    ["pas une adresse", undefined],
    ["a@b", undefined],
    ["<script>@x.fr", undefined],
  ])("normalises « %s »", (typed, expected) => {
    expect(normalizeEmail(typed)).toBe(expected);
  });

  it("keeps a request pending until confirmed, with the consent date and source", () => {
    const { repo } = repository();
    const pending = repo.request({ email: "marie@example.org", source: "web" }, 1000);
    expect(pending.status).toBe("en_attente");
    expect(pending.consentAt).toBeNull();
    const confirmed = repo.confirm(pending.id, 2000)!;
    expect(confirmed).toMatchObject({ status: "confirme", consentAt: 2000, consentSource: "web" });
    expect(repo.confirmed().map((s) => s.email)).toEqual(["marie@example.org"]);
  });

  it("never subscribes an address twice, and a new request does not undo a confirmation", () => {
    const { repo } = repository();
    const first = repo.request({ email: "marie@example.org", source: "web" });
    repo.confirm(first.id);
    const again = repo.request({ email: "marie@example.org", source: "telegram" });
    expect(again.id).toBe(first.id);
    expect(again.status).toBe("confirme");
    expect(again.consentSource).toBe("web");
  });

  it("unsubscribes, then lets the person subscribe again with a new consent", () => {
    const { repo } = repository();
    const subscriber = repo.request({ email: "marie@example.org", source: "web" });
    repo.confirm(subscriber.id, 1);
    expect(repo.unsubscribe(subscriber.id)?.status).toBe("desabonne");
    expect(repo.confirmed()).toEqual([]);
    expect(repo.request({ email: "marie@example.org", source: "slack" })).toMatchObject({ status: "en_attente", consentSource: "slack", consentAt: null });
  });

  it("confirms a pending request once, with its nonce only", () => {
    const { repo } = repository();
    const pending = repo.request({ email: "marie@example.org", source: "web" });
    expect(repo.confirmPending(pending.id, "autre-chose")).toBeUndefined();
    expect(repo.confirmPending(pending.id, pending.confirmationNonce!)?.status).toBe("confirme");
    expect(repo.byId(pending.id)?.confirmationNonce).toBeNull();
    repo.unsubscribe(pending.id);
    expect(repo.confirmPending(pending.id, pending.confirmationNonce!)).toBeUndefined();
    expect(repo.byId(pending.id)?.status).toBe("desabonne");
  });

  it("keeps territory and themes, and erases everything on request", () => {
    const { repo, path } = repository();
    const subscriber = repo.request({ email: "marie@example.org", prenom: "Marie", territoire: { type: "epci", code: "200067429" }, themes: ["autonomie"], source: "web" });
    expect(repo.byId(subscriber.id)).toMatchObject({ prenom: "Marie", territoire: { type: "epci", code: "200067429" }, themes: ["autonomie"] });
    expect(repo.erase(subscriber.id)).toBe(true);
    expect(repo.byEmail("marie@example.org")).toBeUndefined();
    const reopened = openStore(path);
    expect(createSubscriberRepository(reopened.db).byEmail("marie@example.org")).toBeUndefined();
    reopened.close();
  });
});

describe("signed link tokens", () => {
  const secret = "un-secret-de-test-assez-long";

  it("verifies a token for its purpose and subscriber only", () => {
    const token = signToken(secret, "confirmer", 42, Date.now() + 60_000);
    expect(verifyToken(secret, "confirmer", token)).toBe(42);
    expect(verifyToken(secret, "desabonner", token)).toBeUndefined();
    expect(verifyToken("un-autre-secret", "confirmer", token)).toBeUndefined();
  });

  it("rejects an expired token and any tampering", () => {
    const token = signToken(secret, "confirmer", 42, 1000);
    expect(verifyToken(secret, "confirmer", token, 2000)).toBeUndefined();
    const forged = signToken(secret, "desabonner", 42).replace(".16.", ".17.").replace(/\.([0-9a-z]+)\.0\./, ".43.0.");
    expect(verifyToken(secret, "desabonner", forged)).toBeUndefined();
    expect(verifyToken(secret, "desabonner", "n'importe.quoi")).toBeUndefined();
  });

  it("refuses a token bound to a value once that value has changed (a spent confirmation)", () => {
    const token = signToken(secret, "confirmer", 42, Date.now() + 60_000, "nonce-1");
    expect(verifyToken(secret, "confirmer", token, Date.now(), "nonce-1")).toBe(42);
    expect(verifyToken(secret, "confirmer", token, Date.now(), "nonce-2")).toBeUndefined();
    expect(verifyToken(secret, "confirmer", token)).toBeUndefined();
  });

  it("keeps unsubscribe links valid without expiry", () => {
    expect(verifyToken(secret, "desabonner", signToken(secret, "desabonner", 7), Date.now() + 10 * 365 * 86_400_000)).toBe(7);
  });
});
