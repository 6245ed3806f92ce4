// A good cooperation practice, told by the people who run it, with someone to call.
import { z } from "zod";
import { codeZoneSchema, dateSchema, idSchema, referentSchema, uniqueList, urlSchema } from "./common.ts";

export const pratiqueSchema = z
  .object({
    id: idSchema,
    titre: z.string().min(5),
    resume: z.string().min(20).describe("Ce qui est fait, par qui, ce que cela change (quelques phrases simples)."),
    partenaires: z.array(z.string().min(2)).min(1),
    zone: uniqueList(codeZoneSchema).optional().describe("Où la pratique a cours (codes INSEE)."),
    territoires: uniqueList(idSchema).optional(),
    contact: referentSchema,
    date: dateSchema.describe("Date de publication dans la base."),
    tags: z.array(z.string().min(2)).default([]),
    services: z.array(idSchema).optional().describe("Services de la base impliqués."),
    lien: urlSchema.optional(),
  })
  .strict();

export type Pratique = z.infer<typeof pratiqueSchema>;
