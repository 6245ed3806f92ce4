// A territory the base defines itself (a « site d'action médico-sociale », a « bassin de vie »):
// institutions cut the map in their own ways, and services are often organised by them.
import { z } from "zod";
import { codeZoneSchema, idSchema, uniqueList } from "./common.ts";

export const territoireSchema = z
  .object({
    id: idSchema,
    nom: z.string().min(3),
    type: z.string().min(3).describe("Nature du découpage (ex. « site d'action médico-sociale »)."),
    synonymes: z.array(z.string().min(2)).default([]).describe("Autres noms par lesquels on le désigne."),
    zone: uniqueList(codeZoneSchema).min(1).describe("Communes, EPCI ou départements qui le composent."),
    description: z.string().optional(),
  })
  .strict();

export type Territoire = z.infer<typeof territoireSchema>;
