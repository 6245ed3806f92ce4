// The signed link of a campaign e-mail: `<request>.<expiry>.<signature>`, an HMAC over the request
// number, its service and the expiry, with the server's link secret. No account: whoever holds the
// link received the e-mail. The request row (SQLite) says which service and which address.
import { createHmac, timingSafeEqual } from "node:crypto";

const TOKEN = /^(\d{1,12})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/;

export type TokenCheck = { ok: true; requestId: number; expiresAt: number } | { ok: false; reason: "forge" | "expire" };

function signature(secret: string, requestId: number, serviceId: string, expiresAtSeconds: number): string {
  // The purpose prefix keeps a campaign signature from ever validating a newsletter link, and back.
  return createHmac("sha256", secret).update(`campagne:${requestId}:${serviceId}:${expiresAtSeconds}`).digest("base64url");
}

/** The token for request `requestId` about `serviceId`, valid until `expiresAt` (ms). */
export function signCampaignToken(secret: string, requestId: number, serviceId: string, expiresAt: number): string {
  const seconds = Math.floor(expiresAt / 1000);
  return `${requestId}.${seconds}.${signature(secret, requestId, serviceId, seconds)}`;
}

/**
 * Checks a token: `serviceOf` gives the service of a request (undefined when there is no such
 * request). A bad signature is « forge » (403); a good one past its expiry is « expire » (410).
 */
export function checkCampaignToken(secret: string, token: string, serviceOf: (requestId: number) => string | undefined, now = Date.now()): TokenCheck {
  const match = TOKEN.exec(token);
  if (!match) return { ok: false, reason: "forge" };
  const requestId = Number(match[1]);
  const seconds = Number(match[2]);
  const serviceId = serviceOf(requestId);
  if (serviceId === undefined) return { ok: false, reason: "forge" };
  const expected = Buffer.from(signature(secret, requestId, serviceId, seconds));
  const given = Buffer.from(match[3]!);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: "forge" };
  if (seconds * 1000 < now) return { ok: false, reason: "expire" };
  return { ok: true, requestId, expiresAt: seconds * 1000 };
}
