// One reading of the return mailbox with everything it needs from the store: the bounce counts,
// the suppressions, and the subscription service that honours unsubscribe mails. Shared by the
// server (every few minutes) and `orienteur abonnes retours` (once).
import type Database from "better-sqlite3";
import type { SubscriptionService } from "../subscribe/service.ts";
import { createBounceBook, type BounceOptions } from "./bounces.ts";
import { createDeliveryRepository } from "./deliveries.ts";
import { mailboxFromUrl, processReturnMailbox, type MailboxSummary } from "./return-mailbox.ts";

/** Reads the mailbox of `imapUrl` (ORIENTEUR_BOUNCE_IMAP_URL) once and applies what it says. */
export async function checkReturnMailbox(imapUrl: string, store: { readonly db: Database.Database }, subscriptions: Pick<SubscriptionService, "unsubscribe">, secret: string, bounceOptions: Partial<BounceOptions> = {}): Promise<MailboxSummary> {
  const settings = mailboxFromUrl(imapUrl);
  const bounces = createBounceBook(store.db, createDeliveryRepository(store.db), secret, bounceOptions);
  return processReturnMailbox(settings, bounces, (token) => subscriptions.unsubscribe(token).ok);
}

/** The summary of a reading, in French, for the editor. */
export function mailboxSummaryText(summary: MailboxSummary): string {
  if (summary.read === 0) return "Boîte des retours lue : aucun nouveau message.";
  return `Boîte des retours lue : ${summary.read} message(s) ; ${summary.suppressed} adresse(s) mise(s) de côté après des avis de non-remise, ${summary.counted} avis noté(s) sans atteindre le seuil, ${summary.unsubscribed} désabonnement(s) par courriel, ${summary.ignored} message(s) sans suite (réponses, jetons invalides).`;
}

