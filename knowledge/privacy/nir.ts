// The French social security number (NIR, « numéro de sécurité sociale »): 13 characters and a
// 2-digit key. Checking the key tells a real NIR from any 15-digit number (1 chance in 97 otherwise).

/**
 * Whether 15 characters (spaces, dots, slashes and dashes ignored) form a NIR whose key is right.
 * Corsica's département codes 2A and 2B count as 19 and 18 in the key computation.
 * @example isValidNir("1 50 03 58 194 123 64") // → true
 */
export function isValidNir(typed: string): boolean {
  const compact = typed.replace(/[\s./-]/g, "").toUpperCase();
  if (!/^[1-478]\d{4}(?:\d{2}|2A|2B)\d{6}\d{2}$/.test(compact)) return false;
  const key = Number(compact.slice(13));
  return key === nirKey(compact.slice(0, 13));
}

/** The key of the first 13 characters of a NIR: 97 minus the number modulo 97. */
export function nirKey(body: string): number {
  const digits = body.toUpperCase().replace(/^(.{5})2A/, "$119").replace(/^(.{5})2B/, "$118");
  return 97 - Number(BigInt(digits) % 97n);
}
