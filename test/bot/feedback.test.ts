// From the field: reports (« signaler »), unmet needs and the privacy reminder, through the bot engine
// with a recording adapter and a real SQLite store — then the rows themselves are read back.
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Adapter, IncomingMessage } from "../../bot/core/contract.ts";
import type { Answer } from "../../knowledge/answer/model.ts";
import { createBot, type BotDependencies } from "../../bot/core/bot.ts";
import { createConversation } from "../../bot/core/conversation.ts";
import { texts } from "../../bot/core/texts.ts";
import { unmetNeedsAnswer } from "../../bot/feedback/digest.ts";
import { createFeedbackRepository } from "../../bot/feedback/repository.ts";
import { renderText } from "../../bot/render/text.ts";
import { createLogger } from "../../bot/server/logger.ts";
import { openStore, type Store } from "../../bot/store/store.ts";
import type { Orienteur } from "../../knowledge/orienteur.ts";
import { demoOrienteur } from "../helpers/bases.ts";

let orienteur: Orienteur;
beforeAll(async () => {
  orienteur = await demoOrienteur();
});

const stores: Store[] = [];
afterEach(() => {
  for (const store of stores.splice(0)) store.close();
});

function recorder(): Adapter & { replies: string[] } {
  const adapter = {
    platform: "telegram" as const,
    replies: [] as string[],
    async start() {},
    async stop() {},
    async reply(_message: IncomingMessage, answer: Answer) {
      adapter.replies.push(renderText(answer));
    },
  };
  return adapter;
}

let nextId = 1;
function message(text: string, overrides: Partial<IncomingMessage> = {}): IncomingMessage {
  return {
    platform: "telegram",
    id: `f${nextId++}`,
    room: "4242",
    author: { id: "author-777", isBot: false, isSelf: false },
    text,
    isDirect: true,
    mentionsBot: false,
    repliesToBot: false,
    isCommand: text.startsWith("/"),
    isNotice: false,
    sentAt: Date.now(),
    ...overrides,
  };
}

function engine(extra: Partial<BotDependencies> = {}) {
  const store = openStore(":memory:");
  stores.push(store);
  const notices: string[] = [];
  const bot = createBot({
    orienteur: () => orienteur,
    conversation: createConversation(orienteur),
    store,
    feedback: createFeedbackRepository(store.db),
    logger: createLogger({ level: "silent" }),
    notifyEditors: async (answer) => void notices.push(renderText(answer)),
    ...extra,
  });
  return { bot, store, notices, adapter: recorder() };
}

/** Every row of every table, as one JSON text: what an auditor of the store would read. */
function dump(store: Store): string {
  const tables = store.db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'").all();
  return JSON.stringify(Object.fromEntries(tables.map(({ name }) => [name, store.db.prepare(`SELECT * FROM "${name}"`).all()])));
}

const PERSONAL_BITS = ["Dupont", "dupont", "lebrun", "Jean", "1950", "06 12", "06\u00A012", "0612", "Lilas", "marie.dupont", "author-777", "2 55 08"];

describe("reporting outdated information with « signaler »", () => {
  it("stores the report scrubbed, thanks the reporter and posts it to the editors", async () => {
    const { bot, store, notices, adapter } = engine();
    await bot.handle(adapter, message("/signaler ssiad-nevers : le numéro a changé, demandez Mme Dupont au 06 12 34 56 78"));
    expect(adapter.replies.at(-1)).toBe(
      [
        "Merci : votre signalement n° 1 sur « Service de soins infirmiers à domicile de Nevers » est enregistré et transmis aux éditeurs de la base.",
        "ℹ Par précaution, je n'ai pas gardé ce qui pouvait identifier une personne (nom, téléphone).",
      ].join("\n\n"),
    );
    const rows = store.db.prepare("SELECT * FROM signalements").all();
    expect(rows).toEqual([
      {
        id: 1,
        platform: "telegram",
        room: null,
        service_id: "ssiad-nevers",
        texte: "le numéro a changé, demandez Mme [nom] au [téléphone]",
        created_at: expect.any(Number),
        closed_at: null,
        closed_note: null,
      },
    ]);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toContain("Signalement n° 1 : Service de soins infirmiers à domicile de Nevers (ssiad-nevers)");
    expect(notices[0]).toContain("le numéro a changé, demandez Mme [nom] au [téléphone]");
    expect(notices[0]).toContain("orienteur signalements fermer 1");
    expect(notices[0]).not.toContain("Dupont");
  });

  it("finds the service by its name, typos included, and keeps the room of a group", async () => {
    const { bot, store, adapter } = engine();
    await bot.handle(adapter, message("/signaler ssiad nevrs les horaires du samedi sont faux", { isDirect: false, room: "-100555" }));
    expect(adapter.replies.at(-1)).toContain("votre signalement n° 1 sur « Service de soins infirmiers à domicile de Nevers »");
    expect(store.db.prepare("SELECT room, service_id, texte FROM signalements").get()).toEqual({ room: "-100555", service_id: "ssiad-nevers", texte: "les horaires du samedi sont faux" });
  });

  it("lists close services when it cannot tell which one is meant", async () => {
    const { bot, store, notices, adapter } = engine();
    await bot.handle(adapter, message("/signaler SSIAD : fermé en août"));
    const reply = adapter.replies.at(-1)!;
    expect(reply).toContain("Je ne trouve pas le service « SSIAD » dans la base.");
    expect(reply).toContain("Vouliez-vous dire :");
    expect(reply).toMatch(/• Service de soins infirmiers à domicile .* \(ssiad-[a-z-]+\)/);
    expect(reply).toContain("Reprenez avec le nom ou l'identifiant, par exemple : /signaler ssiad-");
    expect(store.db.prepare("SELECT COUNT(*) AS n FROM signalements").get()).toEqual({ n: 0 });
    expect(notices).toHaveLength(0);
  });

  it("says how to report when the service or the text is missing", async () => {
    const { bot, adapter } = engine();
    await bot.handle(adapter, message("/signaler"));
    expect(adapter.replies.at(-1)).toBe(texts.feedback.usage("/"));
    await bot.handle(adapter, message("/signaler ssiad-nevers"));
    expect(adapter.replies.at(-1)).toBe("Dites ce qui est à corriger pour « Service de soins infirmiers à domicile de Nevers », par exemple : /signaler ssiad-nevers : les horaires ont changé.");
  });

  it("keeps the report and thanks the reporter when the editors' room cannot be reached", async () => {
    const { bot, store, adapter } = engine({ notifyEditors: async () => Promise.reject(new Error("room gone")) });
    expect(await bot.handle(adapter, message("/signaler ccas-nevers : nouvelle adresse"))).toBe("answered");
    expect(adapter.replies.at(-1)).toContain("votre signalement n° 1");
    expect(store.db.prepare("SELECT COUNT(*) AS n FROM signalements").get()).toEqual({ n: 1 });
  });

  it("reads « signaler » without a command prefix as a question", async () => {
    const { bot, store, adapter } = engine();
    await bot.handle(adapter, message("signaler une maltraitance à Nevers"));
    expect(adapter.replies.at(-1)).not.toContain("signalement n°");
    expect(store.db.prepare("SELECT COUNT(*) AS n FROM signalements").get()).toEqual({ n: 0 });
  });
});

describe("recording unmet needs", () => {
  it("records a need with no local service, scrubbed, with the need and the place", async () => {
    const { bot, store, adapter } = engine();
    await bot.handle(adapter, message("M. Jean Dupont (06 12 34 56 78) veut un portage de repas à Lormes"));
    expect(adapter.replies.at(-1)).toContain("Aucun service de la base ne répond à « Portage de repas à domicile »");
    const rows = store.db.prepare("SELECT besoins, termes, lieu_type, lieu_code, lieu_nom, situation FROM besoins_non_couverts").all();
    expect(rows).toEqual([{ besoins: '["portage-repas"]', termes: "veut portage repas", lieu_type: "commune", lieu_code: "58145", lieu_nom: "Lormes", situation: "aucun-service-local" }]);
  });

  it("records a need it did not understand by its known words and place", async () => {
    const { bot, store, adapter } = engine();
    await bot.handle(adapter, message("garde d'animaux pendant une hospitalisation pour Mme Dupont née le 12/03/1950 à Nevers"));
    expect(store.db.prepare("SELECT besoins, termes, lieu_nom, situation FROM besoins_non_couverts").all()).toEqual([
      { besoins: "[]", termes: "garde animaux pendant hospitalisation", lieu_nom: "Nevers", situation: "besoin-inconnu" },
    ]);
  });

  it("counts a need said only in words it does not know at its place, without the words", async () => {
    const { bot, store, adapter } = engine();
    await bot.handle(adapter, message("ramonage de cheminée pour Mme Dupont née le 12/03/1950 à Decize"));
    expect(store.db.prepare("SELECT besoins, termes, lieu_nom, situation FROM besoins_non_couverts").all()).toEqual([
      { besoins: "[]", termes: "", lieu_nom: "Decize", situation: "besoin-inconnu" },
    ]);
  });

  it("keeps only words the base and the lexicon know: no lowercase surname, no e-mail written out, no nickname", async () => {
    const { bot, store, adapter } = engine();
    const said = [
      "mme dupont, jean.dupont (at) gmail point com, veut des repas livrés à Lormes",
      "kevin lebrun zorglub veut un portage de repas à Lormes",
      "pour la famille Xylophonos : portage de repas à Lormes, contact marie @ exemple . fr",
    ];
    for (const [i, text] of said.entries()) await bot.handle(adapter, message(text, { room: `room-${i}` }));
    const termes = (store.db.prepare("SELECT termes FROM besoins_non_couverts").all() as { termes: string }[]).map((r) => r.termes);
    expect(termes).toHaveLength(3);
    for (const words of termes) expect(words).toMatch(/^[a-z ]*$/);
    const all = termes.join(" ");
    for (const bit of ["dupont", "jean", "gmail", "kevin", "lebrun", "zorglub", "xylophonos", "marie", "exemple"]) expect(all).not.toContain(bit);
    expect(all).toContain("repas");
  });

  it("records nothing for answered questions, greetings or sigles", async () => {
    const { bot, store, adapter } = engine();
    for (const text of ["portage de repas à Clamecy", "bonjour", "c'est quoi un DAC ?", "portage de repas"]) await bot.handle(adapter, message(text));
    expect(store.db.prepare("SELECT COUNT(*) AS n FROM besoins_non_couverts").get()).toEqual({ n: 0 });
  });

  it("reports unmet needs grouped by need and place, most frequent first", () => {
    const store = openStore(":memory:");
    stores.push(store);
    const feedback = createFeedbackRepository(store.db);
    const lormes = { type: "commune", code: "58145", nom: "Lormes" };
    const day = Date.parse("2026-11-20T10:00:00Z");
    feedback.recordUnmetNeed({ besoins: ["portage-repas"], termes: "portage repas", lieu: lormes, situation: "aucun-service-local" }, day);
    feedback.recordUnmetNeed({ besoins: ["portage-repas"], termes: "repas livres", lieu: lormes, situation: "aucun-service-local" }, day + 1000);
    feedback.recordUnmetNeed({ besoins: ["portage-repas"], termes: "portage repas", lieu: lormes, situation: "aucun-service-local" }, day + 2000);
    feedback.recordUnmetNeed({ besoins: [], termes: "ramonage cheminee", lieu: { type: "commune", code: "58095", nom: "Decize" }, situation: "besoin-inconnu" }, day);
    feedback.recordUnmetNeed({ besoins: ["portage-repas"], termes: "portage", lieu: lormes, situation: "aucun-service-local" }, day - 40 * 86_400_000);

    const groups = feedback.unmetNeedsReport(day - 86_400_000);
    expect(groups).toEqual([
      { besoin: "portage-repas", lieu: lormes, count: 3, termes: ["portage repas", "repas livres"], situations: ["aucun-service-local"], first: day, last: day + 2000 },
      { besoin: null, lieu: { type: "commune", code: "58095", nom: "Decize" }, count: 1, termes: ["ramonage cheminee"], situations: ["besoin-inconnu"], first: day, last: day },
    ]);
    const text = renderText(unmetNeedsAnswer(groups, { since: day - 86_400_000, labelOf: (id) => orienteur.base.besoins.find((b) => b.id === id)?.libelle }));
    expect(text).toContain("Besoins non couverts depuis le 19/11/2026");
    expect(text).toContain("Portage de repas à domicile (portage-repas) : 3 fois");
    expect(text).toContain("• Lormes : 3 fois, la dernière le 20/11/2026 — aucun service local (portes d'entrée généralistes seulement) — mots : « portage repas », « repas livres »");
    expect(text).toContain("Besoin non reconnu, « ramonage cheminee » : 1 fois");
  });
});

describe("the privacy reminder", () => {
  const reminder = texts.privacyReminder;

  it("reminds once per conversation, and still answers the question", async () => {
    const { bot, adapter } = engine();
    await bot.handle(adapter, message("portage de repas à Clamecy pour Mme Dupont née le 12/03/1950"));
    expect(adapter.replies.at(-1)).toContain(`⚠ ${reminder}`);
    expect(adapter.replies.at(-1)).toContain("Portage de repas du Haut Nivernais");
    await bot.handle(adapter, message("et pour M. Martin, 06 12 34 56 78, aide à domicile à Clamecy"));
    expect(adapter.replies.at(-1)).not.toContain(reminder);
    expect(adapter.replies.at(-1)).toContain("Clamecy");
    await bot.handle(adapter, message("portage de repas à Decize, NIR 2 55 08 14 168 025 38", { room: "9999" }));
    expect(adapter.replies.at(-1)).toContain(reminder);
  });

  it("does not remind when the question identifies no one", async () => {
    const { bot, adapter } = engine();
    for (const text of ["portage de repas à Clamecy", "aide à domicile pour mon père de 85 ans à Nevers", "le SAAD de Cosne"]) await bot.handle(adapter, message(text));
    for (const reply of adapter.replies) expect(reply).not.toContain(reminder);
  });

  it("does not take an address given to subscribe for a slip", () => {
    const reply = createConversation(orienteur).handle({ conversation: "c", text: "/abonner marie.dupont@example.org" });
    expect(renderText(reply.answer)).not.toContain(reminder);
  });

  it("reminds again in a conversation idle for longer than the context time", () => {
    let now = 0;
    const conversation = createConversation(orienteur, { contextTtlMs: 1000, now: () => now });
    const ask = () => renderText(conversation.handle({ conversation: "c", text: "portage de repas à Clamecy, tél 06 12 34 56 78" }).answer);
    expect(ask()).toContain(reminder);
    now = 500;
    expect(ask()).not.toContain(reminder);
    now = 5000;
    expect(ask()).toContain(reminder);
  });
});

describe("what the store keeps", () => {
  it("holds nothing personal after reports, unmet needs and reminders", async () => {
    const { bot, store, adapter } = engine();
    const said = [
      "/signaler ssiad-nevers : Mme Dupont née le 12/03/1950, 12 rue des Lilas, dit que le 06 12 34 56 78 ne répond plus ; marie.dupont@example.org",
      "M. Jean Dupont, NIR 2 55 08 14 168 025 38, veut un portage de repas à Lormes",
      "ramonage pour Mme Dupont née le 12/03/1950, 5 impasse des Lilas à Decize, 06 12 34 56 78",
      "Jean Dupont né le 12/03/1950 cherche des leçons de piano à Clamecy",
      "/signaler ssiad-nevers : mme dupont née lebrun, 06\u00A012\u00A034\u00A056\u00A078, marie.dupont (at) example.org, rue des Lilas, n'a plus de passage",
    ];
    // One conversation each: a follow-up would reuse the previous need.
    for (const [i, text] of said.entries()) await bot.handle(adapter, message(text, { room: `room-${i}` }));
    expect(store.db.prepare("SELECT COUNT(*) AS n FROM signalements").get()).toEqual({ n: 2 });
    expect((store.db.prepare("SELECT COUNT(*) AS n FROM besoins_non_couverts").get() as { n: number }).n).toBe(3);
    const everything = dump(store);
    for (const bit of PERSONAL_BITS) expect(everything).not.toContain(bit);
  });
});
