// `orienteur abonnes retours`: reads the return mailbox (ORIENTEUR_BOUNCE_IMAP_URL) once — what the
// server does every few minutes — and says what it did, without naming anyone.
import { checkReturnMailbox, mailboxSummaryText } from "../../../newsletters/send/return-mailbox-run.ts";
import { createFileMailer } from "../../../newsletters/send/file-mailer.ts";
import { createSubscriptionService } from "../../../newsletters/subscribe/service.ts";
import { createSubscriberRepository } from "../../../newsletters/subscribers/repository.ts";
import type { Config } from "../../server/config.ts";
import { linkSecret } from "../../server/secret.ts";
import { openStore } from "../../store/store.ts";
import type { CliIo } from "../main.ts";

export async function runBounceCheck(io: CliIo, config: Config): Promise<number> {
  const imapUrl = config.newsletter.bounces.imapUrl;
  if (!imapUrl) {
    io.err("ORIENTEUR_BOUNCE_IMAP_URL n'est pas défini : indiquez la boîte qui reçoit les retours et les désabonnements par courriel, par exemple imaps://retours%40example.org:motdepasse@imap.example.org/INBOX");
    return 1;
  }
  const store = openStore(config.db);
  try {
    const secret = linkSecret(config, store, io.err);
    // Unsubscribing sends no e-mail and reads no base: neither is needed here.
    const subscriptions = createSubscriptionService(createSubscriberRepository(store.db), createFileMailer(config.newsletter.mailDir, config.newsletter.from), () => {
      throw new Error("la base n'est pas nécessaire pour lire la boîte des retours");
    }, { secret, baseUrl: config.newsletter.publicUrl, listDomain: config.newsletter.listDomain, confirmationTtlMs: 7 * 24 * 60 * 60 * 1000, now: () => Date.now() });
    const summary = await checkReturnMailbox(imapUrl, store, subscriptions, secret, config.newsletter.bounces.options);
    io.out(mailboxSummaryText(summary));
    return 0;
  } catch (error) {
    const e = error as Error & { authenticationFailed?: boolean; code?: string };
    io.err(
      e.authenticationFailed
        ? "La boîte des retours refuse l'utilisateur ou le mot de passe de ORIENTEUR_BOUNCE_IMAP_URL : vérifiez-les (encodez « @ » en %40)."
        : e.message.startsWith("ORIENTEUR_BOUNCE_IMAP_URL")
          ? e.message
          : `La boîte des retours n'a pas pu être lue (${e.code ?? e.name}) : vérifiez l'adresse, le port et le chiffrement (imap:// ou imaps://) de ORIENTEUR_BOUNCE_IMAP_URL.`,
    );
    return 1;
  } finally {
    store.close();
  }
}
