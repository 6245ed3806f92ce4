// Fields editors asked for (issue 13): a service that covers only part of a commune
// (`zone_partielle`) — the answer says so, and the check warns when the commune named is outside
// the service's zone (the remark would never show) — and the phone line's own hours.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { contactLines } from "../../knowledge/answer/contact-lines.ts";
import { runQualityChecks } from "../../knowledge/checks/run.ts";
import { loadKnowledge } from "../../knowledge/load/load-knowledge.ts";
import { formatProblem } from "../../knowledge/load/problems.ts";
import { brokenCopy, demoOrienteur } from "../helpers/bases.ts";

let cleanup = () => {};
afterEach(() => cleanup());

describe("a service covering part of a commune", () => {
  it("is proposed there with a remark saying which part, and without it elsewhere in its zone", async () => {
    const orienteur = await demoOrienteur();
    const cosne = orienteur.orient("portage de repas à Cosne-Cours-sur-Loire");
    expect(cosne.resultats.map((r) => r.service.id)).toContain("portage-repas-coeur-de-loire");
    expect(cosne.remarques).toContain(
      "Portage de repas Coeur de Loire n'intervient qu'en partie à Cosne-Cours-sur-Loire : hameaux et écarts seulement, le centre-ville est livré par le CCAS. Vérifiez l'adresse de la personne.",
    );
    const pouilly = orienteur.orient("portage de repas à Pouilly-sur-Loire");
    expect(pouilly.resultats.map((r) => r.service.id)).toContain("portage-repas-coeur-de-loire");
    expect(pouilly.remarques.filter((r) => r.includes("en partie"))).toEqual([]);
  });

  it("warns when the commune named is outside the service's zone", async () => {
    const copy = brokenCopy({});
    cleanup = copy.cleanup;
    const path = join(copy.dir, "services/portage-clamecy.yaml");
    writeFileSync(path, `${readFileSync(path, "utf8")}zone_partielle:\n  - commune: "58194"\n    precision: quartiers nord\n`);
    const problems = runQualityChecks(await loadKnowledge(copy.dir), undefined, { today: "2026-11-23" });
    expect(problems.filter((p) => p.code === "zone-partielle-hors-zone").map(formatProblem)).toEqual([
      expect.stringMatching(/^services\/portage-clamecy\.yaml:\d+:\d+ — champ « zone_partielle\[0\]\.commune » : « 58194 » \(Nevers\) est dans `zone_partielle` mais pas dans la zone du service : ajoutez-le à `zone_eligibilite`, ou corrigez le code$/),
    ]);
  });
});

describe("phone-line hours", () => {
  it("are shown beside the opening hours, in French, even when the editor wrote them in French", async () => {
    const orienteur = await demoOrienteur();
    const service = orienteur.base.services.find((s) => s.id === "portage-repas-coeur-de-loire")!;
    expect(contactLines(service).filter((line) => line.kind === "horaires")).toEqual([
      { kind: "horaires", label: "Horaires", value: "du lundi au vendredi, 8 h–12 h" },
      { kind: "horaires", label: "Au téléphone", value: "du lundi au vendredi, 8 h–12 h et 14 h–16 h" },
    ]);
  });
});
