// Writes one service as a YAML file the way editors write them by hand (knowledge/README.md):
// a comment header, long texts folded under `>-`, zone codes quoted with the place name
// beside them, short lists of identifiers on one line.
import { Document, isMap, isPair, isScalar, isSeq, Scalar } from "yaml";

export interface YamlAnnotations {
  /** Lines of the comment at the top of the file. */
  header: readonly string[];
  /** A comment line above some fields, by field name. */
  comments: Partial<Record<string, string>>;
  /** Name of each zone code (`58194` → Nevers), written as a comment after the code. */
  zoneNames: ReadonlyMap<string, string>;
}

/** Fields whose lists hold short identifiers or values: written `[a, b]` on one line. */
const FLOW_LISTS = new Set(["besoins", "publics", "modes_accueil", "modes_mobilisation", "mobilisable_par"]);
const LINE_WIDTH = 100;

/** The YAML text of one entry, with its comments. */
export function serviceToYaml(entry: Record<string, unknown>, annotations: YamlAnnotations): string {
  const document = new Document(entry);
  document.commentBefore = annotations.header.map((line) => ` ${line}`).join("\n");
  const root = document.contents;
  if (!isMap(root)) return document.toString();
  for (const pair of root.items) {
    if (!isPair(pair) || !isScalar(pair.key)) continue;
    const field = String(pair.key.value);
    const comment = annotations.comments[field];
    if (comment !== undefined) pair.key.commentBefore = ` ${comment}`;
    const value = pair.value;
    if (isScalar(value) && typeof value.value === "string" && !value.value.includes("\n") && field.length + value.value.length + 2 > LINE_WIDTH) {
      value.type = Scalar.BLOCK_FOLDED;
    } else if (isSeq(value) && FLOW_LISTS.has(field)) {
      value.flow = true;
    } else if (isSeq(value) && field === "zone_eligibilite") {
      for (const item of value.items) {
        if (!isScalar(item)) continue;
        item.type = Scalar.QUOTE_DOUBLE;
        const name = annotations.zoneNames.get(String(item.value));
        if (name !== undefined) item.comment = ` ${name}`;
      }
    } else if (isScalar(value) && (field === "code_postal" || field === "code_insee")) {
      value.type = Scalar.QUOTE_DOUBLE;
    }
  }
  return document.toString({ lineWidth: LINE_WIDTH, flowCollectionPadding: false });
}
