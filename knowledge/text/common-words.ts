// Ordinary French words that are also place names (« Cours », « Poil », « Maux », « Armes »…).
// A place spelt like one of these counts only after « à », « sur », « dans »…

export const COMMON_WORDS: ReadonlySet<string> = new Set(
  (
    "armes biches bona cours fours limon lys maux poil talon charge mars vue pont bois plan mont lac sainte saint " +
    "bourg ville port foret val vallee plaine croix chapelle eglise moulin moulins chateau champ champs roche fontaine " +
    "aide aides repas soins soin enfant enfants famille jeune jeunes travail emploi logement foyer maison maisons centre " +
    "accueil service services point relais mission ecole college lycee hopital clinique garde dette dettes argent budget " +
    "sante medecin infirmier infirmiere psy alcool drogue tabac jeu jeux violence violences femme femmes homme hommes " +
    "pere mere fils fille bebe papa maman papi mamie grand grande petit petite vieux vieille seul seule isole isolee " +
    "urgent urgence nuit jour jours semaine mois an ans matin soir midi rue route gare marche lundi mardi mercredi jeudi vendredi samedi dimanche"
  ).split(" "),
);
