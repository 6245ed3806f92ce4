// Every sentence the orientation engine writes for a person, in one place so it can be reviewed as a whole.
import type { Place } from "../places/place-index.ts";

export const wording = {
  reasonNeed: (libelle: string) => `répond au besoin « ${libelle} »`,
  reasonPublic: (libelle: string) => `s'adresse aux ${libelle.toLowerCase()}`,
  reasonAllPublics: () => "ouvert à tous les publics",
  reasonAge: (age: number) => `accueille les personnes de ${age} ans`,
  reasonZone: (place: Place) => `intervient ${placePhrase(place)}`,
  reasonWholeScope: (scopeName: string) => `couvre ${scopeName}`,
  reasonNational: () => "service national, joignable de partout",
  reasonSigle: (sigle: string) => `correspond au sigle ${sigle} de votre question`,
  reasonName: () => "son nom correspond à votre question",
  reasonEntryPoint: () => "porte d'entrée généraliste : l'équipe peut évaluer la situation et orienter vers le bon interlocuteur",

  askPlace: (besoins: string) =>
    `Dans quelle commune vit la personne ? Pour « ${besoins} », les services ne sont pas les mêmes partout. Écrivez par exemple « à Clamecy » ou un code postal.`,
  askNeed: () =>
    "Je n'ai pas reconnu le besoin. Pouvez-vous le décrire en quelques mots ? Par exemple : « portage de repas pour une personne âgée à Clamecy », « hébergement d'urgence à Nevers », « aide pour un dossier MDPH ».",
  outOfScope: (place: Place, scopeLabel: string) =>
    `${place.nom} est hors du territoire de cette base (${scopeLabel}) : seuls les services qui interviennent aussi là-bas sont proposés.`,
  askWhichPlace: (places: readonly string[]) =>
    `Plusieurs communes portent ce nom : ${places.slice(0, -1).join(", ")} ou ${places.at(-1)} ? Précisez la commune (ou son code postal) pour que je cherche au bon endroit.`,
  noServiceForNeed: (labels: readonly string[], place: Place | null) =>
    `J'ai compris : ${labels.map((l) => `« ${l} »`).join(" et ")}. Cette base ne recense aucun service pour ce besoin. ${
      place ? `Les accueils généralistes ci-dessous, qui interviennent ${placePhrase(place)}, peuvent orienter la personne.` : "Un accueil social généraliste (CCAS, France Services, service social du département) peut orienter la personne : précisez sa commune pour les voir."
    }`,
  askNewNeed: () =>
    "Je n'ai pas reconnu ce que vous cherchez cette fois-ci. Pouvez-vous le dire autrement ? Par exemple : « aide à domicile », « hébergement d'urgence », « dossier MDPH ».",
  formerCommune: (former: string, today: string) => `${former} fait aujourd'hui partie de la commune de ${today} : je cherche pour ${today}.`,
  placeForLocalServices: () => "Pour voir aussi les services près de la personne, précisez sa commune (par exemple « à Clamecy ») ou son code postal.",
  partialPlace: (place: Place) =>
    `Seuls les services qui couvrent tout ${placePhrase(place, "le territoire")} sont proposés. Précisez la commune pour voir aussi les services locaux.`,
};

/** « à Clamecy », « sur le territoire de la CC Sud Nivernais », « dans la Nièvre ». */
export function placePhrase(place: Place, prefix = ""): string {
  switch (place.type) {
    case "commune":
      return prefix ? `${prefix} de ${place.nom}` : `à ${place.nom}`;
    case "departement":
      return prefix ? `${prefix} (${place.nom})` : `dans le département ${place.nom} (${place.code})`;
    case "code_postal":
      return prefix ? `${prefix} du code postal ${place.nom}` : `sur le code postal ${place.nom}`;
    default:
      return prefix ? `${prefix} (${place.nom})` : `sur le territoire ${place.nom}`;
  }
}
