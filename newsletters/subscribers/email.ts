// E-mail addresses as people type them, reduced to one form so nobody is ever subscribed twice.

/** Lowercased, trimmed, without a trailing dot; undefined when it is not an address. */
export function normalizeEmail(input: string): string | undefined {
  const email = input.trim().replace(/\.$/, "").toLowerCase();
  if (email.length > 254) return undefined;
  // Deliberately simple: one @, a dot in the domain, no spaces or angle brackets.
  return /^[^\s@<>()",;:]+@[^\s@<>()",;:]+\.[a-z]{2,}$/.test(email) ? email : undefined;
}
