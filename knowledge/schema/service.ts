// A service or dispositif: who does what, for whom, where, and how to reach them.
// Field names follow data·inclusion v1 wherever the concept is the same, so that
// a base can be exported to (and imported from) the national directory.
import { z } from "zod";
import {
  codeZoneSchema,
  courrielSchema,
  dateSchema,
  idSchema,
  referentSchema,
  telephoneSchema,
  uniqueList,
  urlSchema,
  keysOf,
 } from "./common.ts";
import { FRAIS, MODES_ACCUEIL, MODES_MOBILISATION, PERSONNES_MOBILISATRICES, THEMATIQUES, TYPES_SERVICE } from "./data-inclusion.ts";

/** A commune of the zone covered only in part: the answer shows `precision` as a remark. */
const zonePartielleSchema = z
  .object({
    commune: z.string().regex(/^\d[\dAB]\d{3}$/, { message: "code INSEE de commune attendu (5 caractères, ex. 58086)" }).describe("Code INSEE de la commune couverte en partie."),
    precision: z.string().min(3).max(150).describe("La partie couverte, dite simplement (ex. « quartiers nord », « rive droite de la Loire »)."),
  })
  .strict();

export const serviceSchema = z
  .object({
    id: idSchema,
    nom: z.string().min(3).max(150).describe("Nom du service, tel que les professionnels le disent (3 à 150 caractères)."),
    sigle: z
      .string()
      .regex(/^[A-Z0-9][A-Za-z0-9&'’ -]{0,15}$/, { message: "sigle attendu en majuscules, sans points (ex. SSIAD)" })
      .optional()
      .describe("Sigle du service ou du type de dispositif (ex. SSIAD), sans points."),
    structure: z.string().min(2).optional().describe("Structure qui porte le service (association, CCAS, hôpital…)."),
    description_falc: z
      .string()
      .min(20)
      .max(300)
      .describe("Une ou deux phrases en Facile à lire et à comprendre (FALC) : ce que fait le service, pour qui."),
    description: z.string().min(20).describe("Description complète (data·inclusion `description`)."),
    type: z.enum(keysOf(TYPES_SERVICE)).optional().describe("Type de service selon data·inclusion."),
    besoins: uniqueList(idSchema).min(1).describe("Identifiants des besoins auxquels le service répond (voir besoins/)."),
    thematiques: uniqueList(z.enum(keysOf(THEMATIQUES)))
      .optional()
      .describe("Thématiques data·inclusion ; déduites des besoins si absentes."),
    publics: uniqueList(idSchema).min(1).describe("Identifiants des publics accueillis (voir publics/)."),
    age_min: z.number().int().min(0).max(120).optional().describe("Âge minimum des personnes accueillies."),
    age_max: z.number().int().min(0).max(120).optional().describe("Âge maximum des personnes accueillies."),
    publics_precisions: z.string().optional().describe("Précisions sur les publics."),
    zone_eligibilite: uniqueList(codeZoneSchema)
      .optional()
      .describe("Codes INSEE des communes, départements, SIREN des EPCI couverts, ou « france »."),
    territoires: uniqueList(idSchema).optional().describe("Territoires propres à la base couverts (voir territoires/)."),
    zone_partielle: z
      .array(zonePartielleSchema)
      .optional()
      .describe("Communes de la zone où le service n'intervient que sur une partie (quartiers, hameaux) : la réponse le signale."),
    point_entree: z
      .boolean()
      .default(false)
      .describe("Vrai pour une porte d'entrée généraliste (CCAS, France Services, maison des solidarités) proposée quand rien de plus précis ne répond."),
    telephone: telephoneSchema.optional(),
    courriel: courrielSchema.optional(),
    site_web: urlSchema.optional(),
    adresse: z.string().optional().describe("Numéro et voie."),
    complement_adresse: z.string().optional(),
    code_postal: z.string().regex(/^\d{5}$/, { message: "code postal attendu sur 5 chiffres (ex. 58500)" }).optional(),
    commune: z.string().optional().describe("Commune de l'adresse d'accueil."),
    code_insee: z.string().regex(/^\d[\dAB]\d{3}$/, { message: "code INSEE de commune attendu (5 caractères, ex. 58079)" }).optional(),
    horaires_accueil: z
      .string()
      .optional()
      .describe("Horaires d'accueil, en français (« du lundi au vendredi de 9h à 12h et de 14h à 17h ») ou au format OpenStreetMap opening_hours (« Mo-Fr 09:00-12:00,14:00-17:00 »)."),
    horaires_telephone: z
      .string()
      .optional()
      .describe("Horaires où l'on peut joindre le service au téléphone, quand ils diffèrent de l'accueil ; même écriture que `horaires_accueil`."),
    referent: referentSchema.optional(),
    conditions_acces: z.string().optional().describe("Conditions d'accès, justificatifs."),
    frais: z.enum(keysOf(FRAIS)).optional().describe("« gratuit » ou « payant »."),
    frais_precisions: z.string().optional(),
    modes_accueil: uniqueList(z.enum(keysOf(MODES_ACCUEIL))).optional(),
    modes_mobilisation: uniqueList(z.enum(keysOf(MODES_MOBILISATION)))
      .optional()
      .describe("Comment mobiliser le service (téléphoner, envoyer un courriel, se présenter, utiliser le lien)."),
    mobilisable_par: uniqueList(z.enum(keysOf(PERSONNES_MOBILISATRICES)))
      .optional()
      .describe("Qui peut orienter vers le service : « professionnels », « usagers »."),
    mobilisation_precisions: z.string().optional().describe("Comment orienter une personne : fiche de liaison, appel préalable…"),
    lien_mobilisation: urlSchema.optional(),
    lien_source: urlSchema.optional().describe("Page de la fiche chez le producteur d'où elle vient (data·inclusion `lien_source`), pour la revérifier."),
    mots_cles: z.array(z.string().min(2)).optional().describe("Autres mots qui doivent faire trouver ce service."),
    date_creation: dateSchema.optional().describe("Date d'ajout à la base (pour la lettre d'information)."),
    date_maj: dateSchema.describe("Date de la dernière vérification des informations."),
    frequence_maj_mois: z.number().int().min(1).max(60).optional().describe("Fréquence de vérification attendue, en mois (6 par défaut)."),
  })
  .strict()
  .refine((service) => (service.zone_eligibilite?.length ?? 0) + (service.territoires?.length ?? 0) > 0, {
    message: "zone vide : renseignez `zone_eligibilite` (codes INSEE) ou `territoires`, sinon le service ne sera jamais proposé",
    params: { code: "zone-vide" },
    path: ["zone_eligibilite"],
  })
  .refine((service) => service.age_min === undefined || service.age_max === undefined || service.age_min <= service.age_max, {
    message: "`age_min` est plus grand que `age_max`",
    path: ["age_min"],
  })
  .refine((service) => Boolean(service.telephone || service.courriel || service.site_web || service.adresse), {
    message: "aucun moyen de contact : renseignez au moins `telephone`, `courriel`, `site_web` ou `adresse`",
    path: ["telephone"],
  });

export type Service = z.infer<typeof serviceSchema>;
