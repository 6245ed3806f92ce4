// The base's own description (base.yaml at the root of a knowledge-base folder).
import { z } from "zod";
import { courrielSchema, dateSchema } from "./common.ts";
import { ligneSchema } from "./ligne.ts";

export const baseInfoSchema = z
  .object({
    nom: z.string().min(3),
    description: z.string().optional(),
    fictif: z.boolean().default(false).describe("Vrai pour une base de démonstration : chaque réponse le rappelle."),
    departements: z
      .array(z.string().regex(/^(?:\d[\dAB]|97\d)$/, { message: "code département attendu (ex. 58)" }))
      .min(1)
      .describe("Départements couverts : les noms de communes y sont reconnus en priorité."),
    contact_editeurs: courrielSchema.optional(),
    date_maj: dateSchema.optional(),
    lexique: z
      .boolean()
      .default(true)
      .describe("Faux pour ne pas ajouter aux besoins de la base les expressions du lexique intégré d'Orienteur (knowledge/lexique/)."),
    lignes_nationales: z
      .boolean()
      .default(true)
      .describe("Faux pour ne pas commencer les réponses aux situations de danger par les lignes nationales (3114, 3919, 119, 3977, 115, 15, 17…)."),
    lignes: z.array(ligneSchema).optional().describe("Lignes d'urgence ajoutées par la base (même format que knowledge/lexique/lignes-nationales.yaml)."),
  })
  .strict();

export type BaseInfo = z.infer<typeof baseInfoSchema>;
