// French messages of the local web server, in one place.

export const webTexts = {
  internalError: "Erreur interne : la réponse n'a pas pu être calculée. Réessayez ; si cela continue, prévenez l'équipe qui gère Orienteur.",
  notFound: "Page introuvable.",
  methodNotAllowed: "Méthode non autorisée pour cette adresse.",
  expectJson: "Envoyez le corps de la requête en JSON (en-tête Content-Type: application/json).",
  badJson: "Le corps de la requête n'est pas un objet JSON valide, par exemple {\"question\": \"portage de repas à Clamecy\"}.",
  tooLarge: (max: number) => `Requête trop volumineuse : ${Math.round(max / 1024)} Kio au plus.`,
  missingField: (name: string) => `Le champ « ${name} » est obligatoire.`,
  notAString: (name: string) => `Le champ « ${name} » doit être un texte.`,
  busy: "Le serveur est très sollicité en ce moment : réessayez dans une seconde.",
  badTarget: "Adresse de requête invalide : elle doit être un chemin comme /api/ask.",
  hostNotAllowed: (host: string) =>
    `Nom de serveur refusé : « ${host} ». Ce serveur local ne répond qu'à localhost et aux noms de ORIENTEUR_ALLOWED_HOSTS (protection contre le « DNS rebinding »).`,
  unknownPlace: (lieu: string) => `Lieu introuvable : « ${lieu} ». Donnez un nom de commune, un code postal ou un code INSEE.`,
};
