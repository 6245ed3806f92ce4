// Questions as professionals type them in a chat, for the latency benchmark: missing accents,
// typos, small communes, postal codes, sigles, follow-ups, no place, nothing local, out of
// territory. A dialogue's later turns rely on what the earlier ones established.

export interface Dialogue {
  /** What the dialogue exercises, for the slowest-questions listing. */
  note: string;
  turns: readonly string[];
  /** The room's default place, as an adapter would pass it. */
  lieu?: string;
}

export const DIALOGUES: readonly Dialogue[] = [
  { note: "besoin + commune, sans accents", turns: ["portage de repas pour ma mere a clamecy"] },
  { note: "âge + commune", turns: ["aide menagere pour une dame de 85 ans a decize"] },
  { note: "sigle + commune courte", turns: ["ssiad cosne"] },
  { note: "phrase longue", turns: ["qui fait les soins infirmiers a domicile sur chateau chinon svp"] },
  { note: "urgence", turns: ["hebergement d'urgence nevers ce soir pour un monsieur a la rue"] },
  { note: "jeune + âge", turns: ["un jeune de 19 ans qui cherche une formation a la charite"] },
  { note: "sigle, sans lieu", turns: ["dossier mdph pour mon fils"] },
  { note: "petite commune", turns: ["violences conjugales a tannay"] },
  { note: "code postal", turns: ["besoin d'aide alimentaire 58200"] },
  { note: "code postal partagé", turns: ["precarite energetique 58300 facture edf impayee"] },
  { note: "sans lieu", turns: ["surendettement"] },
  { note: "accueil de jour, petite commune", turns: ["accueil de jour alzheimer premery"] },
  { note: "abréviation st", turns: ["teleassistance pour pers agee a st pierre le moutier"] },
  { note: "récit, sans mot-clé exact", turns: ["on ne s'en sort plus a la maison, mon pere a des troubles de memoire, on habite a luzy"] },
  { note: "EHPAD près d'une commune", turns: ["ehpad pres de varzy"] },
  { note: "aidants", turns: ["repit pour les aidants a imphy"] },
  { note: "nom de service", turns: ["cmp adulte clamecy"] },
  { note: "addiction, formulation indirecte", turns: ["mon fils boit trop, on est a donzy"] },
  { note: "logement", turns: ["impayes de loyer a fourchambault"] },
  { note: "garde d'enfants, nom complet", turns: ["cherche une creche a cosne cours sur loire"] },
  { note: "FLE", turns: ["apprendre le francais nevers"] },
  { note: "mobilité, petite commune", turns: ["aide au permis de conduire pour un jeune a saint saulge"] },
  { note: "handicap + logement", turns: ["adaptation du logement pour une personne handicapee a montsauche les settons"] },
  { note: "sans lieu", turns: ["mediation familiale"] },
  { note: "numérique, abréviation qqn", turns: ["qqn pour aider a faire les demarches en ligne a lormes"] },
  { note: "faute sur la commune", turns: ["pmi pour une maman enceinte a decise"] },
  { note: "faute sur le besoin", turns: ["portage repa a clamcy"] },
  { note: "département", turns: ["soins palliatifs a domicile dans la nievre"] },
  { note: "hors territoire", turns: ["aide à domicile à Dijon"] },
  { note: "rien à chercher", turns: ["bonjour"] },
  { note: "sigle seul", turns: ["c'est quoi un DAC ?"] },
  { note: "deux lieux", turns: ["le SAAD de Cosne pour une dame de Donzy"] },
  { note: "vague", turns: ["quelqu'un peut m'aider ?"] },
  { note: "rien de local", turns: ["ou trouver un kine a saint amand en puisaye"] },
  { note: "rien de local", turns: ["garde d'enfants en horaires decales a ouroux en morvan"] },
  { note: "protection juridique", turns: ["tutelle curatelle pour ma tante a clamecy"] },
  { note: "sans-abri", turns: ["sdf qui dort dans sa voiture a cosne"] },
  { note: "isolement, âge", turns: ["ma voisine de 90 ans est toute seule a cercy la tour"] },
  { note: "santé mentale, accents", turns: ["Dépression, besoin de voir un psy à Decize"] },
  { note: "sigles collés", turns: ["APA et PCH pour une personne de 62 ans a Nevers"] },
  { note: "suite : autre lieu", turns: ["portage de repas a clamecy", "et à Decize ?", "et a cosne"] },
  { note: "suite : lieu donné après", turns: ["aide menagere pour mon pere de 82 ans", "a varennes vauzelles"] },
  { note: "suite : autre public", turns: ["hebergement d'urgence a nevers", "et pour une femme avec enfants ?"] },
  { note: "suite : autre besoin", turns: ["ssiad lormes", "et l'accueil de jour ?"] },
  { note: "lieu par défaut du salon", turns: ["aide a domicile", "et le portage des repas ?"], lieu: "Clamecy" },
  { note: "lieu par défaut, autre lieu cité", turns: ["conseiller numerique a corbigny"], lieu: "Nevers" },
];

/** Every turn, in order: what one round of the benchmark asks. */
export function countTurns(dialogues: readonly Dialogue[] = DIALOGUES): number {
  return dialogues.reduce((sum, d) => sum + d.turns.length, 0);
}
