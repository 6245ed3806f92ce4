// What a place probe checks (test/knowledge/place-probes.yaml): the place an orientation read, as the
// evaluation writes it (INSEE code, "epci:…", "territoire:…", "dep:…", "cp:…"), and the communes asked back.
import type { Orienteur } from "../../knowledge/orienteur.ts";

/** One probe: the place expected, or the communes to be asked back. */
export interface PlaceProbe {
  base: string;
  question: string;
  lieu?: string | null;
  demander?: string[];
}

const PREFIX: Record<string, string> = { epci: "epci:", departement: "dep:", territoire: "territoire:", code_postal: "cp:", commune: "" };

/** The place read from a question and the communes asked back, as a probe states them. */
export function placeRead(orienteur: Orienteur, question: string): { place: string | null; asked: string[] } {
  const orientation = orienteur.orient({ question });
  const place = orientation.lieu ? `${PREFIX[orientation.lieu.type] ?? `${orientation.lieu.type}:`}${orientation.lieu.code}` : null;
  return { place, asked: orientation.lieuxPossibles.map((p) => p.code) };
}
