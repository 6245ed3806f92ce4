// Subscription logic: request with double opt-in, confirmation, unsubscription, preferences,
// export and erasure. No HTTP here (bot/server/newsletter-routes.ts translates), no SQL (repository).
// Answers never reveal whether an address is already subscribed: the confirmation e-mail leaves
// after the answer, and the answer is the same whether one is sent or not.
import type { Orienteur } from "../../knowledge/orienteur.ts";
import type { PlaceType } from "../../knowledge/places/place-index.ts";
import type { Mailer, OutgoingMessage } from "../send/send-loop.ts";
import { normalizeEmail } from "../subscribers/email.ts";
import type { Subscriber, SubscriberRepository } from "../subscribers/repository.ts";
import { signToken, tokenSubject, verifyToken, type TokenPurpose } from "../subscribers/tokens.ts";
import { subscribeTexts } from "./texts.ts";
import { createThrottle, type ThrottleOptions } from "./throttle.ts";

export interface SubscriptionSettings {
  secret: string;
  baseUrl: string;
  listDomain: string;
  /** How long a confirmation link stays valid (7 days). */
  confirmationTtlMs: number;
  now: () => number;
  /** How long the export and erasure links of the preferences page stay valid (1 hour). */
  pageLinkTtlMs?: number;
  /** Confirmation e-mails per address (3 an hour): more requests get the same answer and no e-mail. */
  addressThrottle?: ThrottleOptions;
  /** Told when a confirmation e-mail could not leave (never with the address). */
  onMailError?: (error: Error) => void;
}

const defaultAddressThrottle: ThrottleOptions = { limit: 3, windowMs: 60 * 60 * 1000, maxKeys: 10_000 };

type Outcome<T = undefined> = { ok: true; message: string; value?: T } | { ok: false; message: string };

interface Preferences {
  prenom?: string | undefined;
  territoire?: string | undefined;
  themes?: string[] | undefined;
}

/** Short-lived tokens for the buttons of the preferences page. */
interface PageTokens {
  export: string;
  erase: string;
}

export interface SubscriptionService {
  /** Records a pending subscription and e-mails the confirmation link (not if already confirmed). Same answer either way. */
  request(email: string, preferences: Preferences, source: string): Promise<Outcome>;
  /** Confirms once: a link already used, or from before an unsubscription, does nothing. */
  confirm(token: string): Outcome;
  /** The subscriber a link designates, to show a page before acting (GET never acts). */
  subscriberFor(purpose: TokenPurpose, token: string): Subscriber | undefined;
  /** Fresh export and erasure tokens for the subscriber of a preferences link. */
  pageTokens(subscriber: Subscriber): PageTokens;
  unsubscribe(token: string): Outcome;
  updatePreferences(token: string, preferences: Preferences): Outcome;
  /** Everything stored about the subscriber of this link (export token), as plain data. */
  exportData(token: string): Outcome<Record<string, unknown>>;
  /** Erases the subscriber of this link (erasure token). */
  erase(token: string): Outcome;
  /** The themes a subscriber may choose: the base's domains. */
  themes(): string[];
  /** The name of a subscriber's territory as people say it (« Clamecy »), not its code; "" without one. */
  territoryName(subscriber: Pick<Subscriber, "territoire">): string;
  /** Where the links of e-mails point (ORIENTEUR_PUBLIC_URL). */
  readonly baseUrl: string;
  /** Resolves once the confirmation e-mails already asked for have left (or failed). */
  idle(): Promise<void>;
}

const MAX_TYPED_PLACE = 120;

export function createSubscriptionService(
  repository: SubscriberRepository,
  mailer: Mailer,
  orienteur: () => Orienteur,
  settings: SubscriptionSettings,
): SubscriptionService {
  const pageLinkTtlMs = settings.pageLinkTtlMs ?? 60 * 60 * 1000;
  const perAddress = createThrottle(settings.addressThrottle ?? defaultAddressThrottle);
  let outbox: Promise<void> = Promise.resolve();

  const link = (path: string, purpose: TokenPurpose, subscriber: Subscriber, ttl: number) =>
    `${settings.baseUrl}${path}?jeton=${encodeURIComponent(signToken(settings.secret, purpose, subscriber.id, settings.now() + ttl, subscriber.confirmationNonce ?? ""))}`;

  const verify = (purpose: TokenPurpose, token: string): Subscriber | undefined => {
    const id = tokenSubject(token);
    const subscriber = id === undefined ? undefined : repository.byId(id);
    if (!subscriber) return undefined; // erased, or never existed: the link designates nobody
    const binding = purpose === "confirmer" ? subscriber.confirmationNonce : "";
    if (binding === null) return undefined; // confirmation already used, or unsubscribed since
    return verifyToken(settings.secret, purpose, token, settings.now(), binding) === subscriber.id ? subscriber : undefined;
  };

  const themes = () => [...new Set(orienteur().base.besoins.map((b) => b.domaine))].sort((a, b) => a.localeCompare(b, "fr"));
  /** Only the base's themes, once each: anything else in a form was not offered, so it is dropped. */
  const knownThemes = (chosen: readonly string[] | undefined) => {
    const allowed = new Set(themes());
    return [...new Set(chosen ?? [])].filter((theme) => allowed.has(theme));
  };

  const territoryName = (subscriber: Pick<Subscriber, "territoire">) =>
    subscriber.territoire ? (orienteur().places.byRef(subscriber.territoire.type as PlaceType, subscriber.territoire.code)?.nom ?? subscriber.territoire.code) : "";

  /** The place typed; the current one when the page's own value comes back unchanged. */
  function territory(typed: string | undefined, current?: Pick<Subscriber, "territoire">): { type: string; code: string } | undefined | false {
    if (!typed?.trim()) return undefined;
    if (current?.territoire && typed.trim() === territoryName(current)) return current.territoire;
    if (typed.length > MAX_TYPED_PLACE) return false;
    const place = orienteur().places.resolve(typed);
    return place && place.type !== "code_postal" ? { type: place.type, code: place.code } : false;
  }

  function mailLater(message: OutgoingMessage): void {
    outbox = outbox
      .then(() => mailer.send(message))
      .then(
        () => undefined,
        (error: unknown) => settings.onMailError?.(error instanceof Error ? error : new Error(String(error))),
      );
  }

  return {
    async request(emailTyped, preferences, source) {
      const email = normalizeEmail(emailTyped);
      if (!email) return { ok: false, message: subscribeTexts.invalidEmail };
      const place = territory(preferences.territoire);
      if (place === false) return { ok: false, message: subscribeTexts.unknownPlace(preferences.territoire ?? "") };
      const before = repository.byEmail(email);
      const subscriber = repository.request({ email, prenom: preferences.prenom, territoire: place, themes: knownThemes(preferences.themes), source }, settings.now());
      if (before?.status !== "confirme" && perAddress.allow(email, settings.now())) {
        const confirmLink = link("/lettre/confirmation", "confirmer", subscriber, settings.confirmationTtlMs);
        mailLater({
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
      if (!subscriber || !repository.confirmPending(subscriber.id, subscriber.confirmationNonce ?? "", settings.now())) return { ok: false, message: subscribeTexts.badLink };
      return { ok: true, message: subscribeTexts.confirmed };
    },
    subscriberFor: (purpose, token) => verify(purpose, token),
    pageTokens: (subscriber) => ({
      export: signToken(settings.secret, "donnees", subscriber.id, settings.now() + pageLinkTtlMs),
      erase: signToken(settings.secret, "effacer", subscriber.id, settings.now() + pageLinkTtlMs),
    }),
    unsubscribe(token) {
      const subscriber = verify("desabonner", token) ?? verify("preferences", token);
      if (!subscriber) return { ok: false, message: subscribeTexts.badLink };
      repository.unsubscribe(subscriber.id, settings.now());
      return { ok: true, message: subscribeTexts.unsubscribed };
    },
    updatePreferences(token, preferences) {
      const subscriber = verify("preferences", token);
      if (!subscriber) return { ok: false, message: subscribeTexts.badLink };
      const place = territory(preferences.territoire, subscriber);
      if (place === false) return { ok: false, message: subscribeTexts.unknownPlace(preferences.territoire ?? "") };
      repository.updatePreferences(subscriber.id, { prenom: preferences.prenom, territoire: place, themes: knownThemes(preferences.themes) }, settings.now());
      return { ok: true, message: subscribeTexts.preferencesSaved };
    },
    exportData(token) {
      const subscriber = verify("donnees", token);
      if (!subscriber) return { ok: false, message: subscribeTexts.pageLinkInvalid };
      const history = repository.history(subscriber.id);
      const date = (ms: number | null) => (ms ? new Date(ms).toISOString() : null);
      // An allow-list: what is written here is what we hold, field by field, and nothing internal.
      return {
        ok: true,
        message: "",
        value: {
          courriel: subscriber.email,
          prenom: subscriber.prenom,
          territoire: subscriber.territoire ? { ...subscriber.territoire, nom: territoryName(subscriber) } : null,
          themes: subscriber.themes,
          statut: subscriber.status,
          consentement: { source: subscriber.consentSource, date: date(subscriber.consentAt) },
          inscription: new Date(subscriber.createdAt).toISOString(),
          envois: history.deliveries.map((d) => ({ lettre: d.issue, statut: d.status, tentatives: d.attempts, envoyee_le: date(d.sentAt), derniere_erreur: d.lastError })),
          envois_bloques: history.suppression ? { raison: history.suppression.reason, depuis: date(history.suppression.at) } : null,
        },
      };
    },
    erase(token) {
      const subscriber = verify("effacer", token);
      if (!subscriber) return { ok: false, message: subscribeTexts.pageLinkInvalid };
      repository.erase(subscriber.id);
      return { ok: true, message: subscribeTexts.erased };
    },
    themes,
    territoryName,
    baseUrl: settings.baseUrl,
    idle: () => outbox,
  };
}
