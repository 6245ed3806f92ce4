// HTML escaping and the link targets we agree to render, shared by the chat renderers, the web
// page and the newsletter: one place decides what is safe in HTML.

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

/** Link schemes each place can open: a page or an e-mail opens them all; Matrix's HTML subset has no tel:; Telegram keeps only web links. */
export const LINK_SCHEMES = {
  web: ["https", "http", "mailto", "tel"],
  matrix: ["https", "http", "mailto"],
  telegram: ["https", "http"],
} as const;

/**
 * A link target we are willing to render, among `schemes`; anything else (javascript:, data:, or a
 * scheme the platform cannot open) is dropped and the text stays plain.
 * @example safeHref("tel:+33199007014", LINK_SCHEMES.matrix) // → undefined
 */
export function safeHref(href: string | undefined, schemes: readonly string[] = LINK_SCHEMES.web): string | undefined {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(href ?? "")?.[1]?.toLowerCase();
  if (!href || !scheme || !schemes.includes(scheme)) return undefined;
  return scheme === "http" || scheme === "https" ? (/^https?:\/\//i.test(href) ? href : undefined) : href;
}

/**
 * The `tel:` target of a French phone number as written in a base (« 01 99 00 12 34 » → +33199001234;
 * a short number such as 3114 stays as it is).
 */
export function telHref(phone: string): string {
  const digits = phone.replace(/[^\d+]/g, "");
  return digits.startsWith("0") && digits.length === 10 ? `+33${digits.slice(1)}` : digits;
}
