// An acronym of the sector with every meaning it has, likeliest first.
import { z } from "zod";
import { idSchema } from "./common.ts";

const developpementSchema = z
  .object({
    forme_longue: z.string().min(3).describe("Ce que le sigle veut dire, en toutes lettres."),
    definition: z.string().min(10).describe("Une phrase simple qui explique à quoi cela sert."),
    domaine: z.string().min(3).optional().describe("Domaine (autonomie, handicap, santé, logement…)."),
    services: z.array(idSchema).optional().describe("Services de la base qui relèvent de ce sens."),
  })
  .strict();

export const sigleSchema = z
  .object({
    sigle: z
      .string()
      .regex(/^[A-Z0-9][A-Za-z0-9&'’-]{0,14}$/, { message: "sigle attendu en majuscules, sans points ni espaces (ex. SAAD)" })
      .describe("Le sigle, sans points (ex. SAAD)."),
    variantes: z.array(z.string().min(2)).optional().describe("Autres graphies (ex. « S.A.A.D. », « Saad »)."),
    developpements: z.array(developpementSchema).min(1).describe("Les sens du sigle, du plus courant au plus rare."),
  })
  .strict();

export type Sigle = z.infer<typeof sigleSchema>;
export type Developpement = z.infer<typeof developpementSchema>;
