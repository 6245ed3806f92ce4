// `orienteur newsletter approuver <fichier>` / `retirer <fichier>` / `programmees`: an editor
// approves an issue that carries a send time (`envoi`), and the running server sends it then, once.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { userInfo } from "node:os";
import { publishedIssue } from "../../../newsletters/archive/publish.ts";
import { IssueError, loadIssue } from "../../../newsletters/load-issue.ts";
import { createApprovalRepository, fingerprintOf, parisTime } from "../../../newsletters/send/approvals.ts";
import { createDeliveryRepository } from "../../../newsletters/send/deliveries.ts";
import { openStore } from "../../store/store.ts";
import type { CliIo } from "../main.ts";
import { configOf } from "./command-config.ts";
import { openOrienteur, type CommandOptions } from "./options.ts";

const when = (ms: number) => new Date(ms).toLocaleString("fr-FR", { timeZone: "Europe/Paris", dateStyle: "full", timeStyle: "short" });

const texts = {
  missingFile: (sub: string) => `Indiquez le fichier de la lettre, par exemple : orienteur newsletter ${sub} newsletters/issues/2026-12.yaml`,
  noSendTime: (path: string) => `${path} n'a pas d'heure d'envoi : ajoutez par exemple « envoi: 2026-12-15 09:00 » (heure de Paris), puis approuvez-la à nouveau.`,
  badSendTime: (value: string) => `« envoi: ${value} » n'est pas une date et une heure qui existent : écrivez par exemple « envoi: 2026-12-15 09:00 » (heure de Paris).`,
  past: (at: number) => `L'heure d'envoi (${when(at)}) est déjà passée : choisissez une heure à venir, ou envoyez tout de suite avec « orienteur newsletter send ».`,
  alreadySent: (numero: number) => `La lettre n° ${numero} a déjà été envoyée : il n'y a rien à programmer.`,
  approved: (numero: number, at: number, path: string) =>
    `✓ Lettre n° ${numero} approuvée : le serveur (npm start) l'enverra le ${when(at)} (heure de Paris), une seule fois, et préviendra les salons des éditeurs.\n  Toute modification du fichier suspend l'envoi jusqu'à une nouvelle approbation. Pour retirer l'approbation : orienteur newsletter retirer ${path}`,
  withdrawn: (numero: number) => `✓ Approbation de la lettre n° ${numero} retirée : elle ne partira pas seule.`,
  notWithdrawn: (numero: number) => `La lettre n° ${numero} n'a pas d'envoi programmé en attente (jamais approuvée, ou son envoi a déjà commencé).`,
  none: "Aucun envoi programmé en attente.",
  pending: (numero: string, at: number, by: string) => `  n° ${numero} — le ${when(at)}, approuvée par ${by}`,
};

/** Runs `newsletter approuver|retirer <fichier>` and `newsletter programmees`. Exit codes as the other commands. */
export async function runNewsletterSchedule(sub: "approuver" | "retirer" | "programmees", file: string | undefined, options: CommandOptions, io: CliIo, now: Date): Promise<number> {
  if (sub !== "programmees" && !file) {
    io.err(texts.missingFile(sub));
    return 2;
  }
  const config = configOf(options);
  const store = openStore(config.db);
  try {
    const approvals = createApprovalRepository(store.db);
    if (sub === "programmees") {
      const pending = approvals.pending();
      io.out(pending.length === 0 ? texts.none : ["Envois programmés :", ...pending.map((a) => texts.pending(a.issue, a.sendAt, a.approvedBy))].join("\n"));
      return 0;
    }
    const orienteur = await openOrienteur(options);
    const { issue, path } = await loadIssue(file!, orienteur);
    if (sub === "retirer") {
      const withdrawn = approvals.withdraw(String(issue.numero));
      io.out(withdrawn ? texts.withdrawn(issue.numero) : texts.notWithdrawn(issue.numero));
      return withdrawn ? 0 : 1;
    }
    if (!issue.envoi) {
      io.err(texts.noSendTime(file!));
      return 1;
    }
    const sendAt = parisTime(issue.envoi);
    if (sendAt === undefined) {
      io.err(texts.badSendTime(issue.envoi));
      return 1;
    }
    if (sendAt < now.getTime()) {
      io.err(texts.past(sendAt));
      return 1;
    }
    const archiveDir = options.out ? join(options.out, "lettres") : config.newsletter.archiveDir;
    if ((await publishedIssue(archiveDir, issue.numero)) || createDeliveryRepository(store.db).state(String(issue.numero))?.state === "termine") {
      io.err(texts.alreadySent(issue.numero));
      return 1;
    }
    approvals.approve({ issue: String(issue.numero), path, fingerprint: fingerprintOf(readFileSync(path)), sendAt, approvedBy: userInfo().username }, now.getTime());
    io.out(texts.approved(issue.numero, sendAt, file!));
    return 0;
  } catch (error) {
    if (error instanceof IssueError) {
      io.err(error.message);
      return 1;
    }
    throw error;
  } finally {
    store.close();
  }
}
