// Every answer links each service to its page on the web directory and says how recently it was
// checked: the web page by path (right whatever address it is reached by), the chats by full address.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { linkServicePages, type Answer } from "../../knowledge/answer/model.ts";
import { createConversation } from "../../bot/core/conversation.ts";
import { renderHtml } from "../../bot/render/html.ts";
import { renderMatrix } from "../../bot/render/matrix.ts";
import { renderSlack } from "../../bot/render/slack.ts";
import { renderTelegram } from "../../bot/render/telegram.ts";
import { renderText } from "../../bot/render/text.ts";
import type { Orienteur } from "../../knowledge/orienteur.ts";
import { demoOrienteur } from "../helpers/bases.ts";
import { startDirectoryServer, type DirectoryServer } from "./directory-server.ts";

const PUBLIC = "https://orienteur.example.org";
let orienteur: Orienteur;
let server: DirectoryServer;

beforeAll(async () => {
  orienteur = await demoOrienteur();
  server = await startDirectoryServer(orienteur);
});
afterAll(() => server?.close());

/** The answer to a question, as the core gives it (paths), then as the chats get it (full addresses). */
function answers(question: string): { web: Answer; chat: Answer } {
  const ask = () => createConversation(orienteur).handle({ conversation: "t", text: question }).answer;
  return { web: ask(), chat: linkServicePages(ask(), PUBLIC) };
}

describe("links from the answers to the service pages", () => {
  it("gives the web page a path to each service's page, with how recently it was checked", () => {
    const html = renderHtml(answers("portage de repas à Clamecy").web);
    expect(html).toMatch(/<a href="\/services\/portage-repas-haut-nivernais">Fiche complète<\/a> \(vérifiée en \S+ 20\d\d\)/);
  });

  it("gives every chat the full address of each page, once per service", () => {
    const { chat } = answers("portage de repas à Clamecy");
    const page = `${PUBLIC}/services/portage-repas-haut-nivernais`;
    const text = renderText(chat);
    expect(text).toMatch(new RegExp(`Fiche complète \\(vérifiée en \\S+ 20\\d\\d\\) : ${page.replace(/\./g, "\\.")}`));
    expect(text.split(page)).toHaveLength(2);
    expect(renderMatrix(chat).map((c) => c.html).join("")).toContain(`<a href="${page}">Fiche complète</a>`);
    expect(JSON.stringify(renderSlack(chat))).toContain(`<${page}|Fiche complète>`);
    expect(renderTelegram(chat).join("")).toContain(`<a href="${page}">Fiche complète</a>`);
  });

  it("says only how recently a service was checked where no full address can be given", () => {
    const text = renderText(answers("portage de repas à Clamecy").web);
    expect(text).toMatch(/Fiche vérifiée en \S+ 20\d\d/);
    expect(text).not.toContain("/services/");
  });

  it("leads from the web page's answer to a page that exists", async () => {
    const response = await fetch(`${server.url}/?q=${encodeURIComponent("portage de repas à Clamecy")}`);
    const html = await response.text();
    const path = /<a href="(\/services\/[^"]+)">Fiche complète<\/a>/.exec(html)?.[1];
    expect(path).toBeDefined();
    const page = await fetch(`${server.url}${path}`);
    expect(page.status).toBe(200);
  });
});
