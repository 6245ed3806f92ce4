// A need, as a professional would phrase it, with the everyday words people use for it.
import { z } from "zod";
import { idSchema, uniqueList, keysOf } from "./common.ts";
import { THEMATIQUES } from "./data-inclusion.ts";

export const besoinSchema = z
  .object({
    id: idSchema,
    libelle: z.string().min(3).describe("Libellé court du besoin (ex. « Portage de repas à domicile »)."),
    domaine: z.string().min(3).describe("Grand domaine (ex. « Autonomie et vieillissement »)."),
    description: z.string().optional(),
    synonymes: z
      .array(z.string().min(2))
      .min(1)
      .describe("Mots et tournures du quotidien qui expriment ce besoin (« aide ménagère », « on ne s'en sort plus à la maison »)."),
    thematiques: uniqueList(z.enum(keysOf(THEMATIQUES))).optional().describe("Thématiques data·inclusion correspondantes."),
    concepts: uniqueList(z.string().regex(/^[a-z0-9-]+$/, { message: "identifiant de concept attendu (ex. portage-repas)" }))
      .optional()
      .describe("Concepts du lexique intégré (knowledge/lexique/besoins/) dont ce besoin reprend les expressions ; liste vide : aucun. Absent : choisis d'après les thématiques et le libellé."),
    echelle: z
      .enum(["commune"])
      .optional()
      .describe("« commune » pour un besoin auquel chaque commune répond elle-même (CCAS, mairie) : la vérification ne signale pas les communes sans service."),
    lieu_indifferent: z
      .boolean()
      .default(false)
      .describe("Vrai si le lieu ne change rien à la réponse (numéro national) : le bot ne demande alors pas la commune."),
  })
  .strict();

export type Besoin = z.infer<typeof besoinSchema>;
