// `orienteur abonnes …`: an editor lists the addresses set aside and lifts one set aside wrongly.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runAbonnes } from "../../bot/cli/commands/abonnes.ts";
import { openStore } from "../../bot/store/store.ts";
import { createDeliveryRepository } from "../../newsletters/send/deliveries.ts";

let dir: string;
let env: Record<string, string>;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "orienteur-abonnes-"));
  env = { ORIENTEUR_DB: join(dir, "state.sqlite") };
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function run(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const json = args.includes("--json");
  const code = await runAbonnes(args.filter((a) => a !== "--json"), { json }, { out: (t) => out.push(t), err: (t) => err.push(t) }, { env });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

function suppress(email: string, reason: string) {
  const store = openStore(env.ORIENTEUR_DB!);
  createDeliveryRepository(store.db).suppress(email, reason, Date.parse("2026-12-01T10:00:00Z"));
  store.close();
}

describe("orienteur abonnes", () => {
  it("says so when no address is set aside", async () => {
    expect(await run("suppressions")).toMatchObject({ code: 0, out: "Aucune adresse mise de côté : toutes les adresses abonnées reçoivent la lettre." });
  });

  it("lists the addresses set aside with why and since when, then lifts one so it is mailed again", async () => {
    suppress("marie@example.org", "adresse refusée définitivement par le serveur du destinataire (550 5.1.1 Mailbox unknown)");
    const listed = await run("suppressions");
    expect(listed.out).toContain("1 adresse(s) mise(s) de côté :");
    expect(listed.out).toContain("marie@example.org — depuis le 01/12/2026 : adresse refusée définitivement par le serveur du destinataire (550 5.1.1 Mailbox unknown)");
    expect(JSON.parse((await run("suppressions", "--json")).out)).toEqual({
      suppressions: [{ adresse: "marie@example.org", raison: expect.stringContaining("550 5.1.1"), depuis: "2026-12-01T10:00:00.000Z" }],
    });

    expect(await run("lever", "Marie@Example.org")).toMatchObject({ code: 0, out: expect.stringContaining("✓ marie@example.org n'est plus mise de côté") });
    const store = openStore(env.ORIENTEUR_DB!);
    expect(createDeliveryRepository(store.db).isSuppressed("marie@example.org")).toBe(false);
    store.close();
    expect(await run("lever", "marie@example.org")).toMatchObject({ code: 1, out: "marie@example.org n'est pas dans les adresses mises de côté : rien à lever." });
  });

  it("answers a malformed command in French", async () => {
    expect(await run()).toMatchObject({ code: 2, err: expect.stringContaining("orienteur abonnes suppressions") });
    expect(await run("lever")).toMatchObject({ code: 2, err: "Indiquez l'adresse à lever, par exemple : orienteur abonnes lever prenom.nom@example.org" });
    expect(await run("lever", "pas-une-adresse")).toMatchObject({ code: 2, err: "« pas-une-adresse » n'est pas une adresse e-mail valide (ex. prenom.nom@example.org)." });
    expect(await run("effacer")).toMatchObject({ code: 2, err: expect.stringContaining("Sous-commande inconnue « abonnes effacer »") });
  });
});
