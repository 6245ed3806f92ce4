// The kinds of entries a knowledge base holds, each with the folder it lives in and its schema.
import type { z } from "zod";
import { besoinSchema } from "./besoin.ts";
import { evenementSchema } from "./evenement.ts";
import { pratiqueSchema } from "./pratique.ts";
import { publicSchema } from "./public.ts";
import { serviceSchema } from "./service.ts";
import { sigleSchema } from "./sigle.ts";
import { territoireSchema } from "./territoire.ts";

export { baseInfoSchema, type BaseInfo } from "./base.ts";
export type { Besoin } from "./besoin.ts";
export type { Evenement } from "./evenement.ts";
export type { Pratique } from "./pratique.ts";
export type { Public } from "./public.ts";
export type { Service } from "./service.ts";
export type { Developpement, Sigle } from "./sigle.ts";
export type { Territoire } from "./territoire.ts";

/** Every kind, keyed by the folder that holds its YAML files. */
export const KINDS = {
  services: { schema: serviceSchema, label: "service", key: "id" },
  besoins: { schema: besoinSchema, label: "besoin", key: "id" },
  publics: { schema: publicSchema, label: "public", key: "id" },
  territoires: { schema: territoireSchema, label: "territoire", key: "id" },
  sigles: { schema: sigleSchema, label: "sigle", key: "sigle" },
  pratiques: { schema: pratiqueSchema, label: "pratique", key: "id" },
  agenda: { schema: evenementSchema, label: "événement", key: "id" },
} as const satisfies Record<string, { schema: z.ZodTypeAny; label: string; key: string }>;

export type KindName = keyof typeof KINDS;
export const KIND_NAMES = Object.keys(KINDS) as KindName[];
