// An event of the agenda: meetings, trainings, forums where professionals meet.
import { z } from "zod";
import { codeZoneSchema, courrielSchema, dateSchema, dateTimeSchema, idSchema, telephoneSchema, uniqueList, urlSchema } from "./common.ts";

export const evenementSchema = z
  .object({
    id: idSchema,
    titre: z.string().min(5),
    description: z.string().min(10),
    debut: dateTimeSchema,
    fin: dateTimeSchema.optional(),
    lieu: z.string().optional().describe("Salle et adresse, si l'événement a lieu en présentiel."),
    code_insee: z.string().regex(/^\d[\dAB]\d{3}$/, { message: "code INSEE de commune attendu (ex. 58194)" }).optional(),
    lien_visio: urlSchema.optional().describe("Lien de connexion si l'événement est en ligne."),
    public: z.string().min(3).describe("À qui il s'adresse (ex. « professionnels du domicile »)."),
    zone: uniqueList(codeZoneSchema).optional().describe("Territoire concerné (pour l'agenda d'un salon)."),
    inscription: z
      .object({
        url: urlSchema.optional(),
        courriel: courrielSchema.optional(),
        telephone: telephoneSchema.optional(),
        date_limite: dateSchema.optional(),
        gratuit: z.boolean().optional(),
      })
      .strict()
      .optional(),
    tags: z.array(z.string().min(2)).default([]),
  })
  .strict()
  .refine((event) => Boolean(event.lieu || event.lien_visio), {
    message: "indiquez où a lieu l'événement : `lieu` (présentiel) ou `lien_visio` (en ligne)",
    path: ["lieu"],
  })
  .refine((event) => !event.fin || comparable(event.fin, "23:59") >= comparable(event.debut, "00:00"), { message: "`fin` est avant `debut`", path: ["fin"] });

/** « 2026-12-01 », « 2026-12-01 14:00 » and « 2026-12-01T14:00 » as comparable strings; a date alone stands for `time`. */
function comparable(value: string, time: string): string {
  const [date, clock] = value.split(/[T ]/);
  return `${date}T${clock ?? time}`;
}

export type Evenement = z.infer<typeof evenementSchema>;
