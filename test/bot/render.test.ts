import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import type { Answer } from "../../knowledge/answer/model.ts";
import { orientationAnswer } from "../../bot/core/build-answers.ts";
import { expandSiglesInAnswer } from "../../knowledge/answer/expand-sigles.ts";
import { describeOpeningHours } from "../../knowledge/text/times.ts";
import { renderHtml } from "../../bot/render/html.ts";
import { renderMatrix } from "../../bot/render/matrix.ts";
import { renderTelegram } from "../../bot/render/telegram.ts";
import { renderText } from "../../bot/render/text.ts";
import type { Orienteur } from "../../knowledge/orienteur.ts";
import { demoOrienteur } from "../helpers/bases.ts";

let orienteur: Orienteur;
beforeAll(async () => {
  orienteur = await demoOrienteur();
});

const hostile = '<img src=x onerror="alert(1)"> & <script>alert(2)</script>';

function hostileAnswer(): Answer {
  return {
    blocks: [
      { type: "title", text: [{ text: hostile }] },
      { type: "paragraph", text: [{ text: "lien", href: "javascript:alert(3)" }] },
      {
        type: "services",
        items: [
          {
            id: "x",
            nom: [{ text: hostile }],
            generaliste: false,
            resume: [{ text: hostile }],
            raisons: [[{ text: hostile }]],
            contacts: [{ kind: "site", label: "Site", value: hostile, href: "javascript:alert(4)" }],
          },
        ],
      },
      { type: "definitions", items: [{ sigle: "<b>", meanings: [{ formeLongue: hostile, definition: hostile }], services: [hostile] }] },
    ],
  };
}

describe("rendering answers", () => {
  it("escapes hostile text everywhere in HTML and drops javascript: links", () => {
    const html = renderHtml(hostileAnswer());
    expect(html).not.toContain("<script");
    expect(html).not.toContain("<img");
    expect(html).not.toContain("javascript:");
    expect(html).not.toContain("<b>");
    expect(html).toContain("&lt;script&gt;alert(2)&lt;/script&gt;");
  });

  it("removes terminal control characters from plain text", () => {
    const text = renderText({ blocks: [{ type: "paragraph", text: [{ text: "avant\u001b[2Japrès\u202eà l'envers" }] }] });
    expect(text).toBe("avant[2Japrèsà l'envers");
  });

  it("writes out each sigle at its first use only, and not where its meaning is already given", () => {
    const answer = expandSiglesInAnswer(
      {
        blocks: [
          { type: "paragraph", text: [{ text: "Le SSIAD passe le matin." }] },
          { type: "paragraph", text: [{ text: "Le SSIAD passe aussi le soir, avec l'aide à domicile (SAAD)." }] },
        ],
      },
      orienteur.glossary,
    );
    const text = renderText(answer);
    expect(text.match(/SSIAD \(Service de soins infirmiers à domicile\)/g)).toHaveLength(1);
    expect(text).toContain("l'aide à domicile (SAAD).");
    expect(renderHtml(answer)).toContain('<abbr title="Service de soins infirmiers à domicile">SSIAD</abbr>');
  });

  it("never nests parentheses: a sigle in a list in parentheses is written out after a dash", () => {
    const answer = expandSiglesInAnswer(
      {
        blocks: [
          { type: "title", text: [{ text: "Pour « Soins infirmiers à domicile (SSIAD, infirmiers) »" }] },
          { type: "paragraph", text: [{ text: "Le SSIAD passe le matin." }] },
        ],
      },
      orienteur.glossary,
    );
    const text = renderText(answer);
    expect(text).toContain("(SSIAD – Service de soins infirmiers à domicile, infirmiers)");
    expect(text).toContain("Le SSIAD passe le matin.");
  });

  it("expands sigles in a real orientation answer", () => {
    const text = renderText(orientationAnswer(orienteur.orient("ssiad à Decize"), orienteur));
    expect(text).toMatch(/SSIAD(?: \(| – )Service de soins infirmiers à domicile/);
  });

  it("says opening hours in French", () => {
    expect(describeOpeningHours("Mo-Fr 09:00-12:00,14:00-17:30")).toBe("du lundi au vendredi, 9 h–12 h et 14 h–17 h 30");
    expect(describeOpeningHours("Tu,Th 14:00-17:00")).toBe("le mardi et le jeudi, 14 h–17 h");
    expect(describeOpeningHours("24/7")).toBe("24 h/24, 7 j/7");
    expect(describeOpeningHours("Mo-Fr 09:00-12:00; PH off")).toBe("du lundi au vendredi, 9 h–12 h ; fermé les jours fériés");
    expect(describeOpeningHours("week 1-53/2 Fr 09:00-12:00")).toBe("week 1-53/2 Fr 09:00-12:00");
  });

  it("keeps renderers free of any chat SDK, so they stay pure", () => {
    const dir = fileURLToPath(new URL("../../bot/render", import.meta.url));
    for (const file of readdirSync(dir)) {
      const source = readFileSync(join(dir, file), "utf8");
      expect(source, file).not.toMatch(/from "(?:@slack|matrix-js-sdk|telegraf|nodemailer)/);
    }
  });
});

describe("links per platform", () => {
  const contacts: Answer = {
    blocks: [
      { type: "note", tone: "warning", text: [{ text: "3114 — Prévention du suicide", href: "tel:3114" }] },
      {
        type: "services",
        items: [
          {
            id: "x",
            nom: [{ text: "Service" }],
            generaliste: false,
            resume: [{ text: "Résumé" }],
            raisons: [],
            contacts: [
              { kind: "telephone", label: "Téléphone", value: "01 99 00 70 14", href: "tel:+33199007014" },
              { kind: "courriel", label: "Courriel", value: "accueil@example.org", href: "mailto:accueil@example.org" },
              { kind: "site", label: "Site", value: "https://example.org/", href: "https://example.org/" },
            ],
          },
        ],
      },
    ],
  };

  it("writes e-mail addresses and phone numbers plain on Telegram, which links them itself, and keeps web links", () => {
    const html = renderTelegram(contacts).join("\n");
    expect(html).not.toMatch(/href="(?:mailto|tel):/);
    expect(html).toContain("01 99 00 70 14");
    expect(html).toContain("accueil@example.org");
    expect(html).toContain('<a href="https://example.org/">');
  });

  it("links e-mail addresses on Matrix but writes phone numbers plain (tel: is not in the spec's link schemes)", () => {
    const html = renderMatrix(contacts).map((c) => c.html).join("\n");
    expect(html).not.toContain('href="tel:');
    expect(html).toContain('<a href="mailto:accueil@example.org">');
    expect(html).toContain("01 99 00 70 14");
    expect(html).toContain("3114");
  });
});

describe("Telegram length", () => {
  it("counts an escaped character as one, as Telegram does, so a text full of « & » is not cut early", () => {
    const answer: Answer = { blocks: [{ type: "paragraph", text: [{ text: "&".repeat(3000) }] }] };
    const messages = renderTelegram(answer);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toBe("&amp;".repeat(3000));
  });

  it("still cuts a text that Telegram would find too long, between words", () => {
    const answer: Answer = { blocks: [{ type: "paragraph", text: [{ text: "a&b ".repeat(2000) }] }] };
    const messages = renderTelegram(answer);
    expect(messages.length).toBe(2);
    for (const message of messages) expect(message.replace(/<[^>]*>/g, "").replace(/&amp;/g, "&").length).toBeLessThanOrEqual(4096);
  });
});
