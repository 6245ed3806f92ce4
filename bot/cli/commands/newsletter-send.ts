// `orienteur newsletter send <issue> [--dry-run] [--test <adresse>]`: sends an issue once to each
// confirmed subscriber, with a progress bar; killed and run again, it resumes where it stopped.
import { join } from "node:path";
import { linkSecret } from "../../server/secret.ts";
import { openStore } from "../../store/store.ts";
import { IssueError, loadIssue } from "../../../newsletters/load-issue.ts";
import { createDeliveryRepository } from "../../../newsletters/send/deliveries.ts";
import { createFileMailer } from "../../../newsletters/send/file-mailer.ts";
import { prepareIssue, previewSend, sendIssue } from "../../../newsletters/send/send-issue.ts";
import type { SendProgress } from "../../../newsletters/send/send-loop.ts";
import { sendTexts } from "../../../newsletters/send/texts.ts";
import { createSmtpMailer } from "../../../newsletters/send/transport.ts";
import { normalizeEmail } from "../../../newsletters/subscribers/email.ts";
import { createSubscriberRepository } from "../../../newsletters/subscribers/repository.ts";
import type { CliIo } from "../main.ts";
import { configOf } from "./command-config.ts";
import { openOrienteur, type CommandOptions } from "./options.ts";

export async function runNewsletterSend(file: string | undefined, options: CommandOptions, io: CliIo, now: Date): Promise<number> {
  if (!file) {
    io.err("Indiquez le fichier de la lettre, par exemple : orienteur newsletter send newsletters/issues/2026-12.yaml");
    return 2;
  }
  const testAddress = options.test === undefined ? undefined : normalizeEmail(options.test);
  if (options.test !== undefined && !testAddress) {
    io.err(`--test « ${options.test} » n'est pas une adresse e-mail valide (ex. prenom.nom@example.org).`);
    return 2;
  }
  const config = configOf(options);
  for (const problem of options.configProblems ?? []) io.err(problem);
  if (!options.dryRun && config.newsletter.dkimUnusable) {
    io.err("La lettre n'est pas envoyée : sans signature DKIM, elle finirait dans les indésirables. Corrigez les variables DKIM_ ci-dessus, ou retirez-les toutes pour envoyer sans signature.");
    return 1;
  }
  if (!options.dryRun && !config.newsletter.smtpUrl) {
    io.err("SMTP_URL n'est pas défini : indiquez le serveur d'envoi (ex. smtp://utilisateur:motdepasse@smtp.example.org:587), ou utilisez --dry-run pour écrire les messages dans des fichiers.");
    return 1;
  }
  const out = options.out ?? "var";
  const store = openStore(config.db);
  try {
    const orienteur = await openOrienteur(options);
    const { issue } = await loadIssue(file, orienteur);
    const message = {
      baseUrl: config.newsletter.publicUrl,
      secret: linkSecret(config, store, io.err),
      listDomain: config.newsletter.listDomain,
      ...(config.newsletter.unsubscribeMailbox ? { unsubscribeMailbox: config.newsletter.unsubscribeMailbox } : {}),
    };
    // The archive the server serves (ORIENTEUR_ARCHIVE_DIR), unless --out says otherwise.
    const archiveDir = options.out ? join(options.out, "lettres") : config.newsletter.archiveDir;
    const model = await prepareIssue(file, orienteur, { archiveDir, message });
    const subscribers = createSubscriberRepository(store.db);

    if (options.dryRun || testAddress) {
      const dir = join(out, "envois", String(issue.numero));
      const mailer = options.dryRun ? createFileMailer(dir, config.newsletter.from) : createSmtpMailer({ smtpUrl: config.newsletter.smtpUrl!, from: config.newsletter.from, maxConnections: 1, ...(config.newsletter.dkim ? { dkim: config.newsletter.dkim } : {}) });
      const recipients = testAddress ? [{ id: 0, email: testAddress, prenom: "Camille", territoire: null, themes: [] }] : subscribers.confirmed();
      const count = await previewSend(model, orienteur, recipients, mailer, message);
      mailer.close();
      io.out(testAddress ? `Lettre n° ${model.numero} envoyée pour essai à ${testAddress} (aucun abonné n'a rien reçu).` : `Essai à blanc : ${count} message(s) écrits dans ${dir} ; rien n'a été envoyé.`);
      return 0;
    }

    const deliveries = createDeliveryRepository(store.db);
    const mailer = createSmtpMailer({ smtpUrl: config.newsletter.smtpUrl!, from: config.newsletter.from, maxConnections: 4, ...(config.newsletter.dkim ? { dkim: config.newsletter.dkim } : {}) });
    const report = await sendIssue(model, orienteur, subscribers, deliveries, mailer, {
      message,
      archiveDir,
      now,
      send: { ratePerSecond: config.newsletter.sendRate, concurrency: 4, onProgress: progressBar(io) },
    });
    mailer.close();
    process.stderr.write(process.stderr.isTTY ? "\n" : "");
    if (report.busy) {
      io.err(report.busy);
      return 1;
    }
    if (report.alreadyDone) {
      io.out(`La lettre n° ${model.numero} a déjà été envoyée à tous ses destinataires : rien de nouveau n'est envoyé.`);
      return 0;
    }
    io.out(
      [
        `Lettre n° ${model.numero} « ${model.titre} » : ${report.sent} envoyée(s) pendant cette exécution, ${report.audience} destinataire(s) en tout, ${report.editions} édition(s).`,
        report.permanentFailures ? `${report.permanentFailures} échec(s) définitif(s) pour cette lettre (les adresses mises de côté : orienteur abonnes suppressions).` : "",
        report.cancelled ? `${report.cancelled} personne(s) désabonnée(s) depuis la préparation de l'envoi : rien ne leur a été envoyé.` : "",
        report.waiting && report.nextRetryAt && !report.paused ? sendTexts.nextRetry(report.waiting, report.nextRetryAt) : report.waiting && !report.paused ? `${report.waiting} message(s) en attente : relancez la même commande.` : "",
        report.published ? `La lettre est parvenue à tous : elle est publiée dans l'archive en ligne et le flux (${archiveDir}).` : "",
        report.paused ? `Envoi mis en pause : ${report.paused}` : "",
      ]
        .filter(Boolean)
        .join("\n"),
    );
    return report.paused ? 1 : 0;
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

/** A progress bar on a terminal; a line every tenth otherwise (logs, CI). */
function progressBar(io: CliIo): (progress: SendProgress) => void {
  let lastTenth = -1;
  return ({ sent, failed, total }) => {
    const done = sent + failed;
    if (process.stderr.isTTY) {
      const width = 30;
      const filled = total ? Math.round((done / total) * width) : width;
      process.stderr.write(`\r[${"#".repeat(filled)}${".".repeat(width - filled)}] ${done}/${total} (${failed} échec(s))`);
      return;
    }
    const tenth = total ? Math.floor((done / total) * 10) : 10;
    if (tenth > lastTenth) {
      lastTenth = tenth;
      io.err(`envoi : ${done}/${total} (${failed} échec(s))`);
    }
  };
}
