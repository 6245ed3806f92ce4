// The base's own description (base.yaml at the root of a knowledge-base folder).
import { z } from "zod";
import { courrielSchema, dateSchema } from "./common.ts";

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
  })
  .strict();

export type BaseInfo = z.infer<typeof baseInfoSchema>;
