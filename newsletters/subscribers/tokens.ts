// Signed tokens for links in e-mails and pages (confirm, unsubscribe, preferences, export, erase):
// HMAC-SHA256 with a secret from the environment, so nobody can forge a link for someone else's
// address. A token names a subscriber by a random id that is never given to anyone else (see
// repository.ts): once the person is erased, every link they ever received designates nobody.
// A token can also be bound to a value stored in the row (the pending confirmation's nonce),
// so that it dies as soon as that value changes: confirmation links work once.
import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * What a link may do. « donnees » and « effacer » are minted on the preferences page, short-lived;
 * « desabonner » and « preferences » are in every newsletter and never expire (RFC 8058).
 */
export type TokenPurpose = "confirmer" | "desabonner" | "preferences" | "donnees" | "effacer";

/**
 * Signs `subscriberId` for `purpose`, valid until `expiresAt` (ms; 0 = no expiry, as one-click
 * unsubscribe links must keep working in old e-mails), bound to `binding` when given.
 */
export function signToken(secret: string, purpose: TokenPurpose, subscriberId: number, expiresAt = 0, binding = ""): string {
  const payload = `${purpose}.${subscriberId.toString(36)}.${expiresAt.toString(36)}`;
  return `${payload}.${mac(secret, payload, binding)}`;
}

/** The subscriber a token names, before checking its signature (to find the row it is bound to). */
export function tokenSubject(token: string): number | undefined {
  const parts = token.split(".");
  if (parts.length !== 4 || !/^[0-9a-z]{1,12}$/.test(parts[1]!)) return undefined;
  const subscriberId = parseInt(parts[1]!, 36);
  return Number.isSafeInteger(subscriberId) && subscriberId > 0 ? subscriberId : undefined;
}

/** The subscriber id of a valid, unexpired token for this purpose and binding; undefined otherwise. */
export function verifyToken(secret: string, purpose: TokenPurpose, token: string, now = Date.now(), binding = ""): number | undefined {
  const parts = token.split(".");
  if (parts.length !== 4) return undefined;
  const [tokenPurpose, id, expires, signature] = parts as [string, string, string, string];
  const expected = mac(secret, `${tokenPurpose}.${id}.${expires}`, binding);
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, Buffer.from(expected))) return undefined;
  if (tokenPurpose !== purpose) return undefined;
  const expiresAt = parseInt(expires, 36);
  if (!Number.isFinite(expiresAt) || (expiresAt !== 0 && now > expiresAt)) return undefined;
  return tokenSubject(token);
}

function mac(secret: string, payload: string, binding: string): string {
  // The binding is signed but never shown: the link alone does not reveal it.
  return createHmac("sha256", secret).update(binding ? `${payload}\n${binding}` : payload).digest("base64url");
}
