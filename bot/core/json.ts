// The stable JSON shapes other tools read (`ask --json`, `sigles --json`, the web endpoint).
// Keys are part of the public contract: add, never rename.
import type { Orientation } from "../../knowledge/search/orient.ts";
import type { SiglesInText } from "../../knowledge/sigles/glossary.ts";

export interface OrientationJson {
  question: string;
  lieu: { code: string; nom: string; type: string } | null;
  besoins: { id: string; libelle: string }[];
  publics: { id: string; libelle: string }[];
  resultats: { id: string; nom: string; score: number; raisons: string[]; generaliste: boolean }[];
  sigles: { sigle: string; developpements: { forme_longue: string; definition: string }[] }[];
  clarification: string | null;
  situation: Orientation["situation"];
  remarques: string[];
  urgences: { danger: string; lignes: { numero: string; nom: string }[] }[];
  groupes: { besoin: string; resultats: string[] }[];
  lieux_possibles: { code: string; nom: string; type: string }[];
}

export function orientationToJson(orientation: Orientation): OrientationJson {
  return {
    question: orientation.question,
    lieu: orientation.lieu ? { code: orientation.lieu.code, nom: orientation.lieu.nom, type: orientation.lieu.type } : null,
    besoins: orientation.besoins.map((b) => ({ id: b.id, libelle: b.libelle })),
    publics: orientation.publics.map((p) => ({ id: p.id, libelle: p.libelle })),
    resultats: orientation.resultats.map((r) => ({ id: r.service.id, nom: r.service.nom, score: r.score, raisons: r.raisons, generaliste: r.generaliste })),
    sigles: siglesToJson({ trouves: orientation.sigles, inconnus: [] }).sigles,
    clarification: orientation.clarification,
    situation: orientation.situation,
    remarques: orientation.remarques,
    urgences: orientation.urgences.map((u) => ({ danger: u.danger.danger, lignes: u.lignes.map((l) => ({ numero: l.numero, nom: l.nom })) })),
    groupes: orientation.groupes.map((g) => ({ besoin: g.besoin.id, resultats: g.resultats.map((r) => r.service.id) })),
    lieux_possibles: orientation.lieuxPossibles.map((p) => ({ code: p.code, nom: p.nom, type: p.type })),
  };
}

export interface SiglesJson {
  sigles: { sigle: string; developpements: { forme_longue: string; definition: string; domaine?: string }[]; services: string[] }[];
  inconnus: string[];
  suggestions?: string[];
}

export function siglesToJson(found: SiglesInText, suggestions?: string[]): SiglesJson {
  return {
    sigles: found.trouves.map((info) => ({
      sigle: info.sigle,
      developpements: info.developpements.map((d) => ({ forme_longue: d.forme_longue, definition: d.definition, ...(d.domaine ? { domaine: d.domaine } : {}) })),
      services: [...info.services],
    })),
    inconnus: found.inconnus,
    ...(suggestions && suggestions.length > 0 ? { suggestions } : {}),
  };
}
