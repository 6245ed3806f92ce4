// Dates written as French readers expect them, for every part of Orienteur (checks, newsletter,
// answers): « 1er septembre 2026 », « 17 mars 2026 ».

const MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"];

/** `2026-03-17` (or `2026-03-17T14:00`) → « 17 mars 2026 », `2026-09-01` → « 1er septembre 2026 ». */
export function frenchDate(isoDate: string): string {
  const [year, month, day] = isoDate.slice(0, 10).split("-").map(Number) as [number, number, number];
  return `${day === 1 ? "1er" : day} ${MONTHS[month - 1] ?? "?"} ${year}`;
}

/** `2026-03-17` → « mars 2026 »: how recently something was checked, said short. */
export function frenchMonth(isoDate: string): string {
  const [year, month] = isoDate.slice(0, 7).split("-").map(Number) as [number, number];
  return `${MONTHS[month - 1] ?? "?"} ${year}`;
}
