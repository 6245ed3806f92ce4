// Every French sentence of the data·inclusion import that an editor reads: in the report, and
// in the comments of the YAML files written. Kept together so the wording can be reviewed as a whole.

const list = (values: readonly string[]) => values.map((v) => `« ${v} »`).join(", ");

export const IMPORT_TEXTS = {
  // Header of every imported file.
  header: (date: string, fichier: string) => `Importé de data·inclusion le ${date} depuis ${fichier} : à relire.`,
  headerSource: (id: string, structureId: string | undefined) =>
    `Identifiant data·inclusion : ${id}${structureId ? ` (structure ${structureId})` : ""}.`,
  headerNotes: "Non repris ou modifié à l'import :",
  falcComment: "Repris du début de la description : à réécrire en Facile à lire et à comprendre (FALC).",
  besoinsComment: (thematiques: readonly string[]) => `Besoins déduits des thématiques ${list(thematiques)} : gardez ceux qui conviennent.`,
  zoneFallbackComment: "Zone d'éligibilité absente de data·inclusion : limitée à la commune de l'adresse, à vérifier.",

  // Reasons a service is not imported.
  notAnObject: "l'enregistrement n'est pas un ensemble de champs : ignoré",
  noId: "pas d'identifiant (`id`) : impossible de suivre ce service d'un import à l'autre",
  noNom: "pas de nom (`nom`, 3 caractères au moins)",
  badId: (id: string) => `l'identifiant « ${id} » ne donne aucun identifiant utilisable (lettres ou chiffres attendus)`,
  alreadyInBase: (id: string, file: string) =>
    `le service « ${id} » existe déjà dans la base (${file}) : laissé tel quel. Pour le réimporter, supprimez ce fichier puis relancez l'import`,
  noDescription: "description absente ou trop courte (20 caractères au moins, avec le nom)",
  noThematique: "aucune thématique reconnue : impossible de le rattacher à un besoin de la base. Ajoutez le service à la main, ou ses thématiques dans data·inclusion",
  noBesoin: (thematiques: readonly string[]) =>
    `aucun besoin de la base ne correspond aux thématiques ${list(thematiques)} : ajoutez l'une d'elles au champ \`thematiques\` du besoin qui convient (dossier besoins/), puis relancez l'import`,
  noPublic: "aucun public de la base ne convient et la base n'a pas de public « tous-publics » : créez-le dans publics/ (avec `data_inclusion: [tous-publics]`), puis relancez l'import",
  noZone: "zone d'éligibilité absente ou faite de codes inconnus (et, si absente, pas de code INSEE d'adresse) : on ne sait pas où proposer ce service. Ajoutez-le à la main avec sa zone",
  noContact: "aucun moyen de contact (téléphone, courriel, site web ou adresse), ni sur le service ni sur sa structure",
  invalidEntry: (field: string, message: string) => `la fiche produite est refusée par le schéma (champ « ${field} » : ${message})`,

  // What was dropped or guessed, for a service that is imported.
  nomCut: "nom de plus de 150 caractères : raccourci",
  descriptionCompleted: "description trop courte : précédée du nom du service",
  unknownThematiques: (values: readonly string[]) => `thématiques inconnues de data·inclusion v1, retirées : ${list(values)}`,
  unmatchedThematiques: (values: readonly string[]) =>
    `thématiques qu'aucun besoin de la base ne porte : ${list(values)} (ajoutez-les au champ \`thematiques\` d'un besoin si elles comptent)`,
  manyBesoins: (thematique: string, besoins: readonly string[]) =>
    `la thématique « ${thematique} » correspond à ${besoins.length} besoins (${besoins.join(", ")}) : gardez ceux qui conviennent`,
  unknownType: (value: string) => `type « ${value} » inconnu : retiré (types possibles : accompagnement, aide-financiere, aide-materielle, atelier, formation, information)`,
  unknownValues: (field: string, values: readonly string[]) => `valeurs inconnues de « ${field} », retirées : ${list(values)}`,
  unmatchedPublics: (values: readonly string[]) =>
    `publics data·inclusion qu'aucun public de la base ne porte dans \`data_inclusion\` : ${list(values)}`,
  publicsFallback: (id: string) => `public par défaut : « ${id} »`,
  unknownZoneCodes: (values: readonly string[]) =>
    `codes de zone inconnus ou hors du Code officiel géographique en vigueur, retirés : ${list(values)}`,
  zoneFallback: (code: string) => `zone d'éligibilité absente : limitée à la commune de l'adresse (${code}), à vérifier`,
  zoneOutsideBase: (departements: readonly string[]) =>
    `la zone ne touche aucun des départements de la base (${departements.join(", ")}) : le service ne sera proposé que pour des lieux hors base`,
  badPhone: (value: string) => `téléphone « ${value} » illisible : retiré (10 chiffres, +33 suivi de 9 chiffres, ou numéro court)`,
  firstPhone: (value: string, kept: string) => `téléphone « ${value} » : seul le numéro ${kept} est repris`,
  badEmail: (value: string) => `adresse e-mail « ${value} » invalide : retirée`,
  badUrl: (field: string, value: string) => `adresse web « ${value} » (${field}) invalide : retirée`,
  badCodePostal: (value: string) => `code postal « ${value} » invalide : retiré`,
  badCodeInsee: (value: string) => `code INSEE « ${value} » inconnu : retiré`,
  badHoraires: (value: string, reason: string) => `horaires « ${value} » retirés (${reason})`,
  badDate: (value: string, today: string) => `date de mise à jour « ${value} » invalide : remplacée par la date de l'import (${today})`,
  missingStructure: (id: string) => `structure « ${id} » absente du fichier des structures`,
  fromStructure: (fields: readonly string[]) => `repris de la structure : ${fields.join(", ")}`,
  referentGuess: "`contact_nom_prenom` repris comme référent, avec la fonction « Contact du service » : précisez la fonction",
  notMapped: (fields: readonly string[]) => `champs sans équivalent, non repris : ${fields.join(", ")}`,
  renamed: (from: string, to: string) => `identifiant « ${from} » déjà pris par un autre service importé : devenu « ${to} »`,

  besoinsCreated: (besoins: readonly string[]) =>
    `aucun besoin de la base ne porte ces thématiques : besoin${besoins.length > 1 ? "s" : ""} créé${besoins.length > 1 ? "s" : ""} pour l'import, à relire : ${besoins.join(", ")}`,
  pointEntree: (reseaux: readonly string[]) =>
    `\`point_entree: true\` déduit du réseau porteur de la structure (${reseaux.join(", ")}) : vérifiez qu'il s'agit bien d'un accueil généraliste qui oriente quel que soit le besoin`,
  sigleFromName: (sigle: string) => `sigle « ${sigle} » repris du nom du service`,
  structureDescriptionComment: (text: string) => `Description de la structure dans data·inclusion : ${text}`,
  structureDescriptionKept: "description de la structure gardée en commentaire au-dessus du champ `structure`",
  transformed: (changes: readonly string[]) => `transformés : ${changes.join(" ; ")}`,
  droppedField: (field: string, value: string, reason: string) => `« ${field} » (${value}) non repris : ${reason}`,
  structureNotMapped: (fields: readonly string[]) => `de la structure, non repris : ${fields.join(" ; ")}`,
  reasonNoField: "aucun champ équivalent dans la base",
  reasonServiceOwn: "celui du service est gardé",
  reasonTooShort: "trop court pour un nom (3 caractères au moins)",
  reasonNotEntryPoint: "aucun de ces réseaux n'est une porte d'entrée généraliste (CCAS/CIAS, département, France Services, maison des solidarités)",
  reasonServiceDate: "la date de mise à jour du service compte",
  reasonFromStructure: "les coordonnées de la structure ne servent que quand le service n'en a pas",

  // Needs created or proposed for the import.
  besoinHeader: (date: string) => `Besoin créé à l'import data·inclusion le ${date} : à relire.`,
  besoinFromConcept: (concept: string) => `Repris du concept « ${concept} » du lexique intégré d'Orienteur (knowledge/lexique/besoins/), qui apporte ses expressions du quotidien.`,
  besoinFromThematique: (thematique: string) =>
    `Proposé d'après la thématique data·inclusion « ${thematique} », que ni la base ni le lexique intégré ne portent : complétez le libellé et les synonymes.`,
  besoinDomaineUnknown: "À classer",
  besoinsTitle: "Besoins créés pour les services importés (à relire : libellé, domaine, synonymes) :",
  besoinLine: (id: string, libelle: string, origin: string | undefined, services: number) =>
    `${id} « ${libelle} » : ${origin ? `d'après le concept « ${origin} » du lexique intégré` : "proposé d'après la thématique, à compléter"} (${services} service${services > 1 ? "s" : ""})`,

  // General remarks.
  noStructuresFile: "Pas de fichier des structures (--structures) : le champ `structure` des services reste vide.",
  unknownFields: (fields: readonly string[]) => `Champs inconnus du schéma data·inclusion v1, ignorés : ${fields.join(", ")}.`,
  notAList: "le fichier ne contient pas une liste de services data·inclusion (une liste JSON `[...]`, ou un objet avec `items` ou `services`)",
  structuresNotAList: "Le fichier des structures ne contient pas une liste de structures : il est ignoré.",

  // The report.
  summary: (fichier: string, read: number, imported: number, rejected: number, notes: number) =>
    `Import data·inclusion depuis ${fichier} : ${read} service${read > 1 ? "s" : ""} lu${read > 1 ? "s" : ""}, ${imported} importé${imported > 1 ? "s" : ""}, ${rejected} non importé${rejected > 1 ? "s" : ""}` +
    (notes > 0 ? ` ; ${notes} remarque${notes > 1 ? "s" : ""} sur des champs non repris ou transformés, détaillée${notes > 1 ? "s" : ""} ci-dessous.` : " ; tous les champs ont été repris tels quels."),
  rejectedTitle: "Non importés :",
  notesTitle: "À vérifier dans les fiches importées :",
  generalTitle: "Remarques :",
} as const;
