// A national (or base-wide) emergency line, shown first when a question describes a danger.
import { z } from "zod";

export const ligneSchema = z
  .object({
    numero: z.string().regex(/^\d{2,6}$/, { message: "numéro court attendu (ex. 3114)" }),
    nom: z.string().min(3),
    quand: z.string().optional().describe("Quand appeler (« 24 h/24, 7 j/7, appel gratuit »)."),
    pour: z.string().optional().describe("Pour qui, pour quoi."),
    dangers: z.array(z.string().regex(/^[a-z0-9-]+$/)).min(1).describe("Situations de danger (voir knowledge/lexique/dangers.yaml) où cette ligne est donnée."),
  })
  .strict();

export type Ligne = z.infer<typeof ligneSchema>;
