// `orienteur newsletter build <issue>`: builds an issue of the newsletter into a preview folder.
// Sending is a separate step, and so is publishing: the web archive and feed only show issues
// that were sent (or published on purpose with `newsletter publish`).
import { join } from "node:path";
import { buildIssue, type BuildResult } from "../../../newsletters/build.ts";
import { frenchDate } from "../../../newsletters/compose/items.ts";
import { publishIssue, publishedIssue } from "../../../newsletters/archive/publish.ts";
import { archiveUrls } from "../../../newsletters/archive/store.ts";
import { composeIssueFile, PublishedIssueError } from "../../../newsletters/build.ts";
import { IssueError, loadIssue } from "../../../newsletters/load-issue.ts";
import type { CliIo } from "../main.ts";
import { configOf } from "./command-config.ts";
import { openOrienteur, type CommandOptions } from "./options.ts";

/** Output root of previews when `--out` is not given (`var/apercu/<numero>`); the archive is the server's (ORIENTEUR_ARCHIVE_DIR). */
export const DEFAULT_OUT_DIR = "var";
const DEFAULT_PUBLIC_URL = "http://localhost:8080";

const messages = {
  usage: `Utilisation : orienteur newsletter build|send|publish <fichier de la lettre> [--kb <dossier>] [--out <dossier>]
  orienteur newsletter build <fichier>    aperçu dans <dossier>/apercu/<numéro> ; rien n'est publié ni envoyé
  orienteur newsletter send <fichier>     envoi aux abonnés (--test <adresse>, --dry-run) ; publiée dans l'archive une fois parvenue à tous
  orienteur newsletter publish <fichier>  publie la lettre dans l'archive en ligne et le flux sans l'envoyer
  orienteur newsletter approuver <fichier>  programme l'envoi à l'heure du champ « envoi » (le serveur l'envoie alors, une fois)
  orienteur newsletter retirer <fichier>    retire cette approbation ; orienteur newsletter programmees : les envois en attente
  --out <dossier>  dossier de sortie : archive dans <dossier>/lettres, aperçu dans <dossier>/apercu/<numéro>
                   (par défaut : l'archive que sert le serveur, ORIENTEUR_ARCHIVE_DIR ou var/lettres ; aperçu dans var/apercu)
  L'adresse publique des liens « Voir en ligne » vient de ORIENTEUR_PUBLIC_URL (par défaut ${DEFAULT_PUBLIC_URL}).`,
  unknownSub: (sub: string) => `Sous-commande inconnue « newsletter ${sub} ». Possible : newsletter build, send, publish, approuver ou retirer <fichier>, newsletter programmees.`,
  published: (numero: number, url: string) => `✓ Lettre n° ${numero} publiée dans l'archive en ligne et le flux : ${url}\n  Elle n'a été envoyée à personne par cette commande.`,
  alreadyPublished: (numero: number, url: string) => `La lettre n° ${numero} est déjà publiée : ${url} (rien n'a changé).`,
  missingFile: "Indiquez le fichier YAML de la lettre, par exemple : orienteur newsletter build newsletters/issues/2026-12.yaml",
  built: (result: BuildResult, onlineUrl: string) => {
    const { model, since } = result;
    const count = (kind: string) => model.sections.find((s) => s.kind === kind)?.items.length ?? 0;
    const plural = (n: number, one: string, many: string) => `${n} ${n > 1 ? many : one}`;
    const origin =
      since.from === "archive"
        ? ` (date de la lettre n° ${since.numero}, déjà construite)`
        : since.from === "issue-folder"
          ? ` (date de la lettre n° ${since.numero}, dans le même dossier)`
          : since.from === "issue-file"
            ? " (champ « depuis » de la lettre)"
            : " (pas de lettre précédente)";
    return [
      `✓ Lettre n° ${model.numero} construite : « ${model.titre} »`,
      `  Nouveautés après le ${frenchDate(since.date)}${origin}.`,
      `  ${[
        plural(count("nouveaux_services"), "nouveau service", "nouveaux services"),
        plural(count("services_mis_a_jour"), "fiche mise à jour", "fiches mises à jour"),
        plural(count("pratiques"), "bonne pratique", "bonnes pratiques"),
        plural(count("agenda"), "événement", "événements"),
      ].join(", ")}.`,
      `  Aperçu : ${result.previewFiles.join(", ")}`,
      `  Rien n'est publié : l'archive en ligne et le flux (${onlineUrl}) ne la montreront qu'une fois envoyée (newsletter send) ou publiée (newsletter publish).`,
    ].join("\n");
  },
};

/**
 * Runs `orienteur newsletter <sub> …`. `args` are the words after `newsletter`.
 * Exit codes: 0 built, 1 invalid issue file or base, 2 malformed command.
 */
import { runNewsletterSend } from "./newsletter-send.ts";

export async function runNewsletter(args: string[], options: CommandOptions, io: CliIo, now: Date = new Date()): Promise<number> {
  const [sub, file] = args;
  if (sub === "send" || sub === "envoyer") return runNewsletterSend(file, options, io, now);
  const scheduling = { approuver: "approuver", approve: "approuver", retirer: "retirer", programmees: "programmees", "programmées": "programmees" } as const;
  if (sub !== undefined && sub in scheduling) {
    const { runNewsletterSchedule } = await import("./newsletter-schedule.ts");
    return runNewsletterSchedule(scheduling[sub as keyof typeof scheduling], file, options, io, now);
  }
  if (sub !== "build" && sub !== "publish" && sub !== "publier") {
    io.err(sub === undefined ? messages.usage : `${messages.unknownSub(sub)}\n\n${messages.usage}`);
    return 2;
  }
  if (!file) {
    io.err(messages.missingFile);
    return 2;
  }
  const config = configOf(options);
  // A wrong public address would go into every link of the issue: refused here, not replaced.
  const urlProblem = options.configProblems?.find((problem) => problem.startsWith("ORIENTEUR_PUBLIC_URL="));
  if (urlProblem) {
    io.err(urlProblem);
    return 2;
  }
  const baseUrl = config.newsletter.publicUrl;
  const out = options.out ?? DEFAULT_OUT_DIR;
  // The archive the server serves (ORIENTEUR_ARCHIVE_DIR), unless --out says otherwise.
  const archiveDir = options.out ? join(options.out, "lettres") : config.newsletter.archiveDir;
  try {
    const orienteur = await openOrienteur(options);
    // The preview folder is named after the issue's number: read the file once to know it.
    const { issue } = await loadIssue(file, orienteur);
    if (sub === "publish" || sub === "publier") {
      const url = archiveUrls(baseUrl).issue(issue.numero);
      if (await publishedIssue(archiveDir, issue.numero)) {
        io.out(messages.alreadyPublished(issue.numero, url));
        return 0;
      }
      const { model } = await composeIssueFile(file, orienteur, { archiveDir, baseUrl });
      await publishIssue(archiveDir, model, { baseUrl, now });
      io.out(messages.published(issue.numero, url));
      return 0;
    }
    const result = await buildIssue(file, orienteur, {
      archiveDir,
      previewDir: join(out, "apercu", String(issue.numero)),
      baseUrl,
      now,
    });
    io.out(messages.built(result, archiveUrls(baseUrl).issue(issue.numero)));
    return 0;
  } catch (error) {
    if (error instanceof IssueError || error instanceof PublishedIssueError) {
      io.err(error.message);
      return 1;
    }
    throw error;
  }
}
