// How often the newsletter comes out: the values of ORIENTEUR_LETTRE_CADENCE, in months. Apart from
// the draft writer (schedule.ts) so that reading the configuration loads no newsletter code.

export const CADENCES = { mensuelle: 1, bimestrielle: 2, trimestrielle: 3 } as const;
export type Cadence = keyof typeof CADENCES;
