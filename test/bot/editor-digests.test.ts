import { describe, expect, it } from "vitest";
import { monthlyStaleEntries, weeklyUnmetNeeds } from "../../bot/server/editor-digests.ts";
import { createFeedbackRepository } from "../../bot/feedback/repository.ts";
import { renderText } from "../../bot/render/text.ts";
import { openStore } from "../../bot/store/store.ts";
import { demoOrienteur } from "../helpers/bases.ts";

describe("digests for the editors' rooms", () => {
  it("lists the week's unmet needs by need and place", async () => {
    const orienteur = await demoOrienteur();
    const store = openStore(":memory:");
    const feedback = createFeedbackRepository(store.db);
    const now = Date.parse("2026-11-23T08:00:00Z");
    feedback.recordUnmetNeed({ besoins: ["accueil-de-jour"], termes: "accueil de jour alzheimer", lieu: { type: "commune", code: "58062", nom: "Château-Chinon (Ville)" }, situation: "aucun-service-local" }, now - 86_400_000);
    feedback.recordUnmetNeed({ besoins: ["accueil-de-jour"], termes: "accueil de jour", lieu: { type: "commune", code: "58062", nom: "Château-Chinon (Ville)" }, situation: "aucun-service-local" }, now - 2 * 86_400_000);
    feedback.recordUnmetNeed({ besoins: ["accueil-de-jour"], termes: "très ancien", lieu: { type: "commune", code: "58062", nom: "Château-Chinon (Ville)" }, situation: "aucun-service-local" }, now - 30 * 86_400_000);
    const text = renderText(weeklyUnmetNeeds(feedback, orienteur, now));
    expect(text).toContain("Accueil de jour");
    expect(text).toMatch(/2\b/);
    store.close();
  });

  it("lists the entries due for a check this month, with the command to mark them", async () => {
    const orienteur = await demoOrienteur();
    const text = renderText(monthlyStaleEntries(orienteur, new Date("2026-11-23T08:00:00Z")));
    expect(text).toMatch(/^\d+ fiche\(s\) à vérifier ce mois-ci/);
    expect(text).toContain("saad-morvan");
    expect(text).toContain("orienteur kb verifier <id>");
  });

  it("names the least complete fiches of the month, lowest first, with what they lack", async () => {
    const orienteur = await demoOrienteur();
    const text = renderText(monthlyStaleEntries(orienteur, new Date("2026-11-23T08:00:00Z")));
    expect(text).toMatch(/Fiches les moins complètes \(complétude moyenne de la base : \d+ %\)/);
    expect(text).toMatch(/prevention-suicide-3114 \(\d+ % ; manque : courriel/);
  });
});
