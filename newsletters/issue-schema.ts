// The YAML file an editor writes for one issue of the newsletter: number, date, title, editorial
// and a few optional blocks. Everything else (new services, practices, agenda) comes from the base.
import { z } from "zod";
import { dateSchema, idSchema, uniqueList, urlSchema } from "../knowledge/schema/common.ts";

const markdown = (min: number, what: string) =>
  z.string().trim().min(min, { message: `${what} trop court : au moins ${min} caractères attendus` }).describe(`${what} (Markdown : **gras**, *italique*, [lien](https://…), listes).`);

export const issueSchema = z
  .object({
    numero: z.number().int().min(1).describe("Numéro de la lettre (1, 2, 3…) : il donne l'adresse de la version en ligne."),
    date: dateSchema.describe("Date d'envoi prévue (AAAA-MM-JJ)."),
    titre: z.string().trim().min(5).max(120).describe("Titre de la lettre : il sert aussi d'objet du courriel."),
    preheader: z
      .string()
      .trim()
      .min(10)
      .max(150)
      .optional()
      .describe("Phrase d'aperçu affichée après l'objet dans la boîte de réception ; sinon, le début de l'éditorial."),
    envoi: z
      .string()
      .trim()
      .regex(/^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}$/, { message: "date et heure d'envoi attendues sous la forme AAAA-MM-JJ HH:MM (heure de Paris), par exemple 2026-12-15 09:00" })
      .optional()
      .describe("Envoi programmé (AAAA-MM-JJ HH:MM, heure de Paris) : le serveur envoie la lettre à ce moment, une fois, si un éditeur l'a approuvée (orienteur newsletter approuver)."),
    depuis: dateSchema.optional().describe("Annoncer ce qui a changé après cette date (par défaut : la date de la lettre précédente)."),
    editorial: markdown(20, "Éditorial"),
    a_la_une: z
      .object({
        titre: z.string().trim().min(3),
        texte: markdown(10, "Texte « à la une »"),
        lien: urlSchema.optional(),
        lien_texte: z.string().trim().min(3).optional().describe("Texte du lien (par défaut « En savoir plus »)."),
      })
      .strict()
      .optional(),
    astuce: markdown(10, "Astuce").optional(),
    bon_a_savoir: markdown(10, "Bon à savoir").optional(),
    services: uniqueList(idSchema).optional().describe("Services choisis par la rédaction, présentés « à la une » avec leurs contacts."),
    pratiques: uniqueList(idSchema).optional().describe("Bonnes pratiques choisies par la rédaction, présentées en premier."),
    exclure: uniqueList(idSchema).optional().describe("Services, pratiques ou événements à ne pas annoncer dans cette lettre."),
    agenda_semaines: z.number().int().min(1).max(26).optional().describe("Nombre de semaines d'agenda après la date de la lettre (6 par défaut)."),
  })
  .strict()
  .refine((issue) => !issue.depuis || issue.depuis < issue.date, { message: "`depuis` doit être avant la date de la lettre", path: ["depuis"] });

export type Issue = z.infer<typeof issueSchema>;

/** The fields of an issue file, for the message about an unknown field. */
export const ISSUE_FIELDS = Object.keys(issueSchema.shape);
