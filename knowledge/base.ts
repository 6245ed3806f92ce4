// The validated content of a knowledge-base folder, as plain data.
import type { BaseInfo, Besoin, Evenement, Pratique, Public, Service, Sigle, Territoire } from "./schema/index.ts";

/** Where an entry was read from, for messages and in-place edits. */
export interface SourceRef {
  file: string;
  index: number;
}

export interface KnowledgeBase {
  /** Absolute path of the base folder. */
  dir: string;
  info: BaseInfo;
  services: readonly Service[];
  besoins: readonly Besoin[];
  publics: readonly Public[];
  territoires: readonly Territoire[];
  sigles: readonly Sigle[];
  pratiques: readonly Pratique[];
  agenda: readonly Evenement[];
  /** `kind:id` → where the entry lives (`services:ssiad-clamecy`). */
  sources: ReadonlyMap<string, SourceRef>;
}
