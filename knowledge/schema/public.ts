// A public (who a service is for), with the words that reveal it in a question.
import { z } from "zod";
import { idSchema, uniqueList, keysOf } from "./common.ts";
import { PUBLICS_DI } from "./data-inclusion.ts";

export const publicSchema = z
  .object({
    id: idSchema,
    libelle: z.string().min(3),
    synonymes: z.array(z.string().min(2)).default([]).describe("Mots qui désignent ce public dans une question (« papi », « senior »)."),
    age_min: z.number().int().min(0).max(120).optional().describe("Âge à partir duquel une personne fait partie de ce public."),
    age_max: z.number().int().min(0).max(120).optional(),
    data_inclusion: uniqueList(z.enum(keysOf(PUBLICS_DI))).optional().describe("Publics data·inclusion correspondants."),
  })
  .strict();

export type Public = z.infer<typeof publicSchema>;
