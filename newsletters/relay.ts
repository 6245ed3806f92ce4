// After an issue has reached everyone, a short digest (title, headlines, link to the archive) is
// posted to the chat rooms configured for it. The server runs this; it remembers what it relayed.
import type { Answer, Text } from "../knowledge/answer/model.ts";
import type { IssueModel } from "./compose/model.ts";
import { archiveUrls } from "./archive/store.ts";

const plain = (rich: Text) => rich.map((span) => span.text).join("");

/** The digest of an issue as a chat answer: title, up to five headlines, the link. */
export function issueDigest(model: IssueModel, baseUrl: string, maxHeadlines = 5): Answer {
  const headlines: Text[] = [];
  for (const section of model.sections) {
    for (const item of section.items) {
      if (headlines.length >= maxHeadlines) break;
      const title = "nom" in item ? plain(item.nom) : plain(item.titre);
      headlines.push([{ text: `${section.titre} : `, bold: true }, { text: title }]);
    }
  }
  const url = archiveUrls(baseUrl).issue(model.numero);
  return {
    blocks: [
      { type: "title", text: [{ text: `Lettre d'information n° ${model.numero} : ${model.titre}` }] },
      ...(model.preheader ? [{ type: "paragraph" as const, text: [{ text: model.preheader }] }] : []),
      ...(headlines.length > 0 ? [{ type: "list" as const, items: headlines }] : []),
      { type: "paragraph", text: [{ text: "Lire la lettre : " }, { text: url, href: url }] },
    ],
  };
}
