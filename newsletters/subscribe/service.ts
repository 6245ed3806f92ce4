// Subscription logic: request with double opt-in, confirmation, unsubscription, preferences,
// export and erasure. No HTTP here (bot/server/newsletter-routes.ts translates), no SQL (repository).
// Answers never reveal whether an address is already subscribed.
import type { Orienteur } from "../../knowledge/orienteur.ts";
import type { Mailer } from "../send/send-loop.ts";
import { normalizeEmail } from "../subscribers/email.ts";
import type { Subscriber, SubscriberRepository } from "../subscribers/repository.ts";
import { signToken, verifyToken, type TokenPurpose } from "../subscribers/tokens.ts";
import { subscribeTexts } from "./texts.ts";

export interface SubscriptionSettings {
  secret: string;
  baseUrl: string;
  listDomain: string;
  /** How long a confirmation link stays valid (7 days). */
  confirmationTtlMs: number;
  now: () => number;
}

export type Outcome<T = undefined> = { ok: true; message: string; value?: T } | { ok: false; message: string };

export interface Preferences {
  prenom?: string | undefined;
  territoire?: string | undefined;
  themes?: string[] | undefined;
}

export interface SubscriptionService {
  /** Records a pending subscription and e-mails the confirmation link (not if already confirmed). Same answer either way. */
  request(email: string, preferences: Preferences, source: string): Promise<Outcome>;
  confirm(token: string): Outcome;
  /** The subscriber a link designates, to show a page before acting (GET never acts). */
  subscriberFor(purpose: TokenPurpose, token: string): Subscriber | undefined;
  unsubscribe(token: string): Outcome;
  updatePreferences(token: string, preferences: Preferences): Outcome;
  /** Everything stored about the subscriber of this link, as plain data. */
  exportData(token: string): Outcome<Record<string, unknown>>;
  erase(token: string): Outcome;
}

export function createSubscriptionService(
  repository: SubscriberRepository,
  mailer: Mailer,
  orienteur: () => Orienteur,
  settings: SubscriptionSettings,
): SubscriptionService {
  const link = (path: string, purpose: TokenPurpose, id: number, ttl = 0) =>
    `${settings.baseUrl}${path}?jeton=${encodeURIComponent(signToken(settings.secret, purpose, id, ttl ? settings.now() + ttl : 0))}`;

  const verify = (purpose: TokenPurpose, token: string) => {
    const id = verifyToken(settings.secret, purpose, token, settings.now());
    return id === undefined ? undefined : repository.byId(id);
  };

  function territory(typed: string | undefined): { type: string; code: string } | undefined | false {
    if (!typed?.trim()) return undefined;
    const place = orienteur().places.resolve(typed);
    return place && place.type !== "code_postal" ? { type: place.type, code: place.code } : false;
  }

  return {
    async request(emailTyped, preferences, source) {
      const email = normalizeEmail(emailTyped);
      if (!email) return { ok: false, message: subscribeTexts.invalidEmail };
      const place = territory(preferences.territoire);
      if (place === false) return { ok: false, message: subscribeTexts.unknownPlace(preferences.territoire ?? "") };
      const before = repository.byEmail(email);
      const subscriber = repository.request({ email, prenom: preferences.prenom, territoire: place, themes: preferences.themes, source }, settings.now());
      if (before?.status !== "confirme") {
        const confirmLink = link("/lettre/confirmation", "confirmer", subscriber.id, settings.confirmationTtlMs);
        await mailer.send({
          to: email,
          subject: subscribeTexts.confirmSubject,
          text: subscribeTexts.confirmText(confirmLink),
          html: `<p>${subscribeTexts.confirmText(`<a href="${confirmLink}">${confirmLink}</a>`).split("\n").join("<br>")}</p>`,
          messageId: `<confirmation-${subscriber.id}-${settings.now()}@${settings.listDomain}>`,
          headers: {},
        });
      }
      return { ok: true, message: subscribeTexts.requested };
    },
    confirm(token) {
      const subscriber = verify("confirmer", token);
      if (!subscriber) return { ok: false, message: subscribeTexts.badLink };
      repository.confirm(subscriber.id, settings.now());
      return { ok: true, message: subscribeTexts.confirmed };
    },
    subscriberFor: (purpose, token) => verify(purpose, token),
    unsubscribe(token) {
      const subscriber = verify("desabonner", token) ?? verify("preferences", token);
      if (!subscriber) return { ok: false, message: subscribeTexts.badLink };
      repository.unsubscribe(subscriber.id, settings.now());
      return { ok: true, message: subscribeTexts.unsubscribed };
    },
    updatePreferences(token, preferences) {
      const subscriber = verify("preferences", token);
      if (!subscriber) return { ok: false, message: subscribeTexts.badLink };
      const place = territory(preferences.territoire);
      if (place === false) return { ok: false, message: subscribeTexts.unknownPlace(preferences.territoire ?? "") };
      repository.updatePreferences(subscriber.id, { prenom: preferences.prenom, territoire: place, themes: preferences.themes }, settings.now());
      return { ok: true, message: subscribeTexts.preferencesSaved };
    },
    exportData(token) {
      const subscriber = verify("preferences", token);
      if (!subscriber) return { ok: false, message: subscribeTexts.badLink };
      return {
        ok: true,
        message: "",
        value: {
          courriel: subscriber.email,
          prenom: subscriber.prenom,
          territoire: subscriber.territoire,
          themes: subscriber.themes,
          statut: subscriber.status,
          consentement: { source: subscriber.consentSource, date: subscriber.consentAt ? new Date(subscriber.consentAt).toISOString() : null },
          inscription: new Date(subscriber.createdAt).toISOString(),
        },
      };
    },
    erase(token) {
      const subscriber = verify("preferences", token) ?? verify("desabonner", token);
      if (!subscriber) return { ok: false, message: subscribeTexts.badLink };
      repository.erase(subscriber.id);
      return { ok: true, message: subscribeTexts.erased };
    },
  };
}
