// Signed tokens for links in e-mails (confirm, unsubscribe, preferences): HMAC-SHA256 with a secret
// from the environment, so nobody can forge a link for someone else's address.
import { createHmac, timingSafeEqual } from "node:crypto";

export type TokenPurpose = "confirmer" | "desabonner" | "preferences";

/**
 * Signs `subscriberId` for `purpose`, valid until `expiresAt` (ms; 0 = no expiry, as one-click
 * unsubscribe links must keep working in old e-mails).
 */
export function signToken(secret: string, purpose: TokenPurpose, subscriberId: number, expiresAt = 0): string {
  const payload = `${purpose}.${subscriberId.toString(36)}.${expiresAt.toString(36)}`;
  return `${payload}.${mac(secret, payload)}`;
}

/** The subscriber id of a valid, unexpired token for this purpose; undefined otherwise. */
export function verifyToken(secret: string, purpose: TokenPurpose, token: string, now = Date.now()): number | undefined {
  const parts = token.split(".");
  if (parts.length !== 4) return undefined;
  const [tokenPurpose, id, expires, signature] = parts as [string, string, string, string];
  const expected = mac(secret, `${tokenPurpose}.${id}.${expires}`);
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, Buffer.from(expected))) return undefined;
  if (tokenPurpose !== purpose) return undefined;
  const expiresAt = parseInt(expires, 36);
  if (expiresAt !== 0 && now > expiresAt) return undefined;
  const subscriberId = parseInt(id, 36);
  return Number.isSafeInteger(subscriberId) && subscriberId > 0 ? subscriberId : undefined;
}

function mac(secret: string, payload: string): string {
  return createHmac("sha256", secret).update(payload).digest("base64url");
}
