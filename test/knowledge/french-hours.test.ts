// Opening hours as editors write them in French, turned into the opening_hours form — or refused
// with the reason and the equivalent form to complete. Each case is a way editors really write.
import { describe, expect, it } from "vitest";
import { frenchToOpeningHours } from "../../knowledge/load/french-hours.ts";
import { readHours } from "../../knowledge/load/opening-hours.ts";

describe("opening hours written in French", () => {
  it.each([
    ["du lundi au vendredi de 9h à 12h et de 13h30 à 17h", "Mo-Fr 09:00-12:00,13:30-17:00"],
    ["lundi, mercredi 14h-17h", "Mo,We 14:00-17:00"],
    ["Lundi au vendredi : 9h00-12h00 / 14h00-17h30", "Mo-Fr 09:00-12:00,14:00-17:30"],
    ["lun-ven 9h-17h", "Mo-Fr 09:00-17:00"],
    ["Lundi-Vendredi 9h-12h", "Mo-Fr 09:00-12:00"],
    ["lundi et jeudi de 9h à 12h, vendredi de 14h à 16h", "Mo,Th 09:00-12:00; Fr 14:00-16:00"],
    ["du lundi au vendredi 8h30-12h et 13h30-17h, le samedi de 9h à 12h", "Mo-Fr 08:30-12:00,13:30-17:00; Sa 09:00-12:00"],
    ["de 9h à midi du lundi au vendredi, fermé le mercredi", "Mo-Fr 09:00-12:00; We off"],
    ["du lundi au vendredi de 9h à 12h, sauf le mercredi", "Mo-Fr 09:00-12:00; We off"],
    ["du lundi au vendredi de 9 à 12h ; fermé les jours fériés", "Mo-Fr 09:00-12:00; PH off"],
    ["du lundi au samedi 9h-19h, dimanche fermé", "Mo-Sa 09:00-19:00; Su off"],
    ["tous les jours de 7h à 20h", "Mo-Su 07:00-20:00"],
    ["24h/24", "24/7"],
  ])("converts « %s » to %s", (french, openingHours) => {
    expect(frenchToOpeningHours(french)).toEqual({ ok: true, openingHours });
    expect(readHours(french)).toMatchObject({ openingHours, converted: true, error: undefined, warnings: [] });
  });

  it.each([
    ["le mardi matin", "« matin » ne dit pas à quelle heure ; écrivez les heures (ex. « de 9h à 12h »)", "Tu 09:00-12:00"],
    ["mardi et jeudi après-midi", "« après-midi » ne dit pas à quelle heure ; écrivez les heures (ex. « de 14h à 17h »)", "Tu,Th 14:00-17:00"],
    ["du lundi au vendredi", "les heures manquent (du lundi au vendredi) ; écrivez-les, ex. « de 9h à 12h »", "Mo-Fr 09:00-12:00"],
    ["9h-12h", "les jours manquent (ex. « du lundi au vendredi »)", "Mo-Fr 09:00-12:00,14:00-17:00"],
    ["sur rendez-vous", "« sur rendez-vous » n'est pas un horaire : écrivez-le dans `mobilisation_precisions`, et ici les heures où l'on peut appeler ou venir", "Mo-Fr 09:00-12:00,14:00-17:00"],
  ])("refuses « %s », saying why and showing the opening_hours form", (french, problem, example) => {
    expect(frenchToOpeningHours(french)).toEqual({ ok: false, problem, example });
  });

  it("keeps a value already in the opening_hours form as it is", () => {
    expect(readHours("Mo-Fr 09:00-12:00,14:00-17:00")).toEqual({ openingHours: "Mo-Fr 09:00-12:00,14:00-17:00", converted: false, error: undefined, warnings: [] });
  });
});
