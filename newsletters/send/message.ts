// Builds the message of one recipient from the rendered edition: per-recipient links and the
// list headers (List-Id, RFC 8058 one-click unsubscribe, a stable Message-ID).
import { createHash } from "node:crypto";
import { signToken } from "../subscribers/tokens.ts";
import type { Delivery } from "./deliveries.ts";
import type { OutgoingMessage } from "./send-loop.ts";

export interface RenderedEdition {
  subject: string;
  html: string;
  text: string;
}

export interface MessageSettings {
  /** Public address of the web server, for links (https://orienteur.example.org). */
  baseUrl: string;
  /** Secret used to sign links (ORIENTEUR_SECRET). */
  secret: string;
  /** Domain of the list: List-Id and Message-ID (lettre.example.org). */
  listDomain: string;
  /**
   * Mailbox that unsubscribes whoever writes to it with their token (desabonnement@example.org), for
   * the mailto: variant. Only advertised when someone reads it (the return mailbox is configured):
   * a mailto: that nothing reads would lose those unsubscriptions.
   */
  unsubscribeMailbox?: string | undefined;
}

/**
 * Returns the function that turns a delivery row into its message.
 * @param personalize substitutes the per-recipient values in an edition rendered once (escaping them).
 */
export function createMessageBuilder(
  issue: string,
  editions: ReadonlyMap<string, RenderedEdition>,
  personalize: (rendered: RenderedEdition, values: Record<string, string>) => RenderedEdition,
  firstNameOf: (subscriberId: number) => string | null,
  settings: MessageSettings,
): (delivery: Delivery) => OutgoingMessage {
  return (delivery) => {
    const edition = editions.get(delivery.edition) ?? editions.get("")!;
    const unsubscribeToken = signToken(settings.secret, "desabonner", delivery.subscriberId);
    const unsubscribeUrl = `${settings.baseUrl}/lettre/desabonnement?jeton=${encodeURIComponent(unsubscribeToken)}`;
    const preferencesUrl = `${settings.baseUrl}/lettre/preferences?jeton=${encodeURIComponent(signToken(settings.secret, "preferences", delivery.subscriberId))}`;
    const personal = personalize(edition, {
      lien_desinscription: unsubscribeUrl,
      lien_preferences: preferencesUrl,
      prenom: firstNameOf(delivery.subscriberId) ?? "",
    });
    const digest = createHash("sha256").update(`${issue}:${delivery.subscriberId}:${settings.secret}`).digest("hex").slice(0, 16);
    return {
      to: delivery.email,
      subject: personal.subject,
      html: personal.html,
      text: personal.text,
      messageId: `<lettre-${issue}.${delivery.subscriberId}.${digest}@${settings.listDomain}>`,
      headers: {
        "List-Id": `Lettre d'information d'Orienteur <lettre.${settings.listDomain}>`,
        "List-Unsubscribe": settings.unsubscribeMailbox
          ? `<${unsubscribeUrl}>, <mailto:${settings.unsubscribeMailbox}?subject=${encodeURIComponent(`desabonner ${unsubscribeToken}`)}>`
          : `<${unsubscribeUrl}>`,
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
      },
    };
  };
}
