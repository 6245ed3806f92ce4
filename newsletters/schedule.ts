// At the configured cadence, the server prepares the next issue's draft (a YAML file with the
// number, date and a placeholder editorial) and tells the editors what it would announce.
// Nothing is published or sent: an editor completes the file and runs `newsletter send`, or sets
// its `envoi` time and approves it (`newsletter approuver`) for the server to send it then.
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Answer } from "../knowledge/answer/model.ts";
import type { Orienteur } from "../knowledge/orienteur.ts";
import { readArchive } from "./archive/store.ts";
import { composeIssue } from "./compose/compose-issue.ts";
import { CADENCES, type Cadence } from "./cadence.ts";
import { loadIssue } from "./load-issue.ts";


const MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"];

/** True when the next draft is due: no issue yet, or the cadence has elapsed since the last one. */
export function draftDue(lastIssueDate: string | undefined, cadence: Cadence, today: string): boolean {
  if (!lastIssueDate) return true;
  const due = new Date(`${lastIssueDate}T00:00:00Z`);
  due.setUTCMonth(due.getUTCMonth() + CADENCES[cadence]);
  return today >= due.toISOString().slice(0, 10);
}

export interface Draft {
  path: string;
  numero: number;
  message: Answer;
}

/** Writes the next draft if it is due and not written yet; returns it, or undefined. */
export async function prepareDraft(orienteur: Orienteur, options: { archiveDir: string; draftsDir: string; cadence: Cadence; today: string }): Promise<Draft | undefined> {
  const [last] = await readArchive(options.archiveDir);
  if (!draftDue(last?.model.date, options.cadence, options.today)) return undefined;
  const numero = (last?.model.numero ?? 0) + 1;
  const path = join(options.draftsDir, `${numero}.yaml`);
  if (existsSync(path)) return undefined;
  const [year, month] = options.today.split("-") as [string, string];
  mkdirSync(options.draftsDir, { recursive: true });
  writeFileSync(
    path,
    [
      `# Brouillon préparé automatiquement le ${options.today}. Complétez l'éditorial, ajoutez si besoin`,
      "# a_la_une, astuce, bon_a_savoir, services ou pratiques, puis :",
      `#   orienteur newsletter build ${path}   (aperçu)`,
      `#   orienteur newsletter send ${path}    (envoi aux abonnés)`,
      `# ou, pour un envoi programmé, décommentez « envoi » puis : orienteur newsletter approuver ${path}`,
      `numero: ${numero}`,
      `date: ${options.today}`,
      `titre: "Lettre de ${MONTHS[Number(month) - 1]} ${year}"`,
      "editorial: |",
      "  À rédiger : quelques lignes sur l'actualité du territoire et ce que cette lettre apporte.",
      `# envoi: ${options.today} 09:00`,
      "",
    ].join("\n"),
  );
  const { issue } = await loadIssue(path, orienteur);
  const model = composeIssue(issue, orienteur, last ? { since: last.model.date } : {});
  const count = (kind: string) => model.sections.find((s) => s.kind === kind)?.items.length ?? 0;
  const summary = `${count("nouveaux_services")} nouveau(x) service(s), ${count("services_mis_a_jour")} fiche(s) mise(s) à jour, ${count("pratiques")} bonne(s) pratique(s), ${count("agenda")} événement(s)`;
  return {
    path,
    numero,
    message: {
      blocks: [
        { type: "title", text: [{ text: `Brouillon de la lettre n° ${numero} prêt` }] },
        { type: "paragraph", text: [{ text: `Depuis la lettre précédente : ${summary}.` }] },
        { type: "paragraph", text: [{ text: `Complétez l'éditorial dans ${path}, vérifiez l'aperçu (orienteur newsletter build), puis envoyez (orienteur newsletter send) ou programmez l'envoi (champ « envoi », puis orienteur newsletter approuver). Rien n'est envoyé sans vous.` }] },
      ],
    },
  };
}
