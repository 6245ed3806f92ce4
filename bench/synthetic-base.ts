// Generates large, realistic knowledge bases for the benchmark: the demo base's besoins,
// publics, territoires, sigles and base.yaml are copied as they are, and services are drawn
// from the demo services as templates (new id, name, zone, needs, contacts). Each variant is
// an edited copy of the template's YAML document, so it keeps the editors' style (`>-` folded
// descriptions, quoted codes, flow lists). The demo services come first, unchanged, so the
// sigles that name them still resolve.
import { copyFile, cp, mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { basename, dirname, join, relative } from "node:path";
import { isMap, isNode, parse, parseDocument, type Document } from "yaml";
import { communesOfZone } from "../knowledge/places/coverage.ts";
import { getGeography, type Geography } from "../knowledge/places/geography.ts";

/** The folders and files taken unchanged from the demo base. */
const COPIED = ["base.yaml", "besoins", "publics", "territoires", "sigles"];
const DEPARTEMENT = "58";
const HEADER = "# Base SYNTHÉTIQUE générée par bench/synthetic-base.ts pour mesurer Orienteur — tout est fictif.\n";

export interface Template {
  /** Folder of the demo service below services/ (`sante`, `autonomie`…). */
  domaine: string;
  id: string;
  nom: string;
  document: Document.Parsed;
}

export interface GeneratedService {
  domaine: string;
  id: string;
  /** The service as a YAML mapping, without comments. */
  yaml: string;
}

interface Commune {
  code: string;
  nom: string;
  codePostal: string;
}

/** What the generator draws zones and needs from: the demo base and the official map. */
export interface Material {
  templates: Template[];
  besoins: string[];
  territoires: { id: string; nom: string; communes: string[] }[];
  communes: Commune[];
  epcis: { code: string; nom: string; communes: string[] }[];
}

/** Reads the demo base's services (as YAML documents), needs and territories, and the communes and EPCI of the Nièvre. */
export async function readMaterial(demoDir: string, geography: Geography = getGeography()): Promise<Material> {
  const templates: Template[] = [];
  for (const path of await listYaml(join(demoDir, "services"))) {
    const document = parseDocument(await readFile(path, "utf8"));
    // The demo's « FICTIVE » header comment belongs to the file, not to the service.
    const first = isMap(document.contents) ? document.contents.items[0]?.key : undefined;
    if (isNode(first)) first.commentBefore = null;
    const { id, nom } = document.toJS() as { id: string; nom: string };
    templates.push({ domaine: basename(dirname(path)), id, nom, document });
  }
  const besoins: string[] = [];
  for (const path of await listYaml(join(demoDir, "besoins"))) {
    for (const besoin of parse(await readFile(path, "utf8")) as { id: string }[]) besoins.push(besoin.id);
  }
  const territoires: Material["territoires"] = [];
  for (const path of await listYaml(join(demoDir, "territoires"))) {
    for (const t of parse(await readFile(path, "utf8")) as { id: string; nom: string; zone: string[] }[]) {
      territoires.push({ id: t.id, nom: t.nom, communes: communesOfZone(geography, t.zone) });
    }
  }
  const codes = geography.communesOfDepartement(DEPARTEMENT);
  const inDepartement = new Set(codes);
  const communes = codes.map((code) => {
    const commune = geography.communes.get(code)!;
    return { code, nom: commune.nom, codePostal: commune.codesPostaux[0] ?? "58000" };
  });
  // An EPCI « of the 58 » has most of its member communes in the Nièvre.
  const epcis = [...geography.epcis.values()]
    .map((epci) => ({ code: epci.code, nom: epci.nom, communes: epci.membres.filter((m) => inDepartement.has(m)) }))
    .filter((epci) => epci.communes.length * 2 > (geography.epcis.get(epci.code)?.membres.length ?? 0));
  return { templates, besoins, territoires, communes, epcis };
}

/** A small seeded generator (mulberry32): the same seed gives the same base. */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Draws `count` services: the demo services first, unchanged, then variants of random demo
 * services. A prefix of the result is itself a realistic smaller base.
 */
export function generateServices(material: Material, count: number, seed = 58): GeneratedService[] {
  const random = createRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const pair = () => String(Math.floor(random() * 100)).padStart(2, "0");
  const phone = () => `01 99 00 ${pair()} ${pair()}`;
  const communes = new Map(material.communes.map((c) => [c.code, c]));
  const communeOf = (code: string) => communes.get(code) ?? pick(material.communes);
  const toYaml = (document: Document) => document.toString({ lineWidth: 100 });

  const result: GeneratedService[] = material.templates.slice(0, count).map((t) => ({ domaine: t.domaine, id: t.id, yaml: toYaml(t.document) }));
  for (let n = result.length; n < count; n++) {
    const template = pick(material.templates);
    const doc = template.document.clone();
    const id = `${template.id}-${n.toString(36)}`;
    doc.set("id", id);

    // Zone: a commune, an EPCI, a territoire d'action sociale, or the whole département.
    doc.delete("zone_eligibilite");
    doc.delete("territoires");
    const draw = random();
    let label: string;
    let address: Commune;
    if (draw < 0.4) {
      address = pick(material.communes);
      label = address.nom;
      doc.set("zone_eligibilite", flowList(doc, [address.code]));
    } else if (draw < 0.65) {
      const epci = pick(material.epcis);
      label = epci.nom;
      address = communeOf(pick(epci.communes));
      doc.set("zone_eligibilite", flowList(doc, [epci.code]));
    } else if (draw < 0.85) {
      const territoire = pick(material.territoires);
      label = territoire.nom;
      address = communeOf(pick(territoire.communes));
      doc.set("territoires", flowList(doc, [territoire.id]));
    } else {
      label = "Nièvre";
      address = pick(material.communes);
      doc.set("zone_eligibilite", flowList(doc, [DEPARTEMENT]));
    }
    doc.set("nom", truncate(`${template.nom} (${label})`, 150));
    doc.set("commune", address.nom);
    doc.set("code_insee", address.code);
    doc.set("code_postal", address.codePostal);

    // Needs: one to three of the demo needs.
    const besoins = new Set<string>();
    const wanted = 1 + Math.floor(random() * 3);
    while (besoins.size < wanted) besoins.add(pick(material.besoins));
    doc.set("besoins", flowList(doc, [...besoins]));

    doc.set("telephone", phone());
    doc.set("courriel", `contact@${id}.example.org`);
    if (doc.has("site_web")) doc.set("site_web", `https://${id}.example.org`);
    if (doc.has("lien_mobilisation")) doc.set("lien_mobilisation", `https://${id}.example.org/orienter`);
    if (doc.hasIn(["referent", "telephone"])) doc.setIn(["referent", "telephone"], phone());
    if (doc.hasIn(["referent", "courriel"])) doc.setIn(["referent", "courriel"], `referent@${id}.example.org`);
    // Checked between September 2025 and November 2026, like the demo services.
    const month = 8 + Math.floor(random() * 15);
    doc.set("date_maj", `${2025 + Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, "0")}-${String(1 + Math.floor(random() * 28)).padStart(2, "0")}`);
    doc.delete("date_creation");
    result.push({ domaine: template.domaine, id, yaml: toYaml(doc) });
  }
  return result;
}

export type Layout = "lists" | "files";

export interface WrittenBase {
  dir: string;
  services: number;
  serviceFiles: number;
  bytes: number;
}

/**
 * Writes a base: the copied demo folders plus the services, either as YAML lists of
 * `perFile` services (`services/lot-0001.yaml`) or one file per service, as editors keep them
 * (`services/<domaine>/<id>.yaml`).
 */
export async function writeBase(demoDir: string, dir: string, services: readonly GeneratedService[], layout: Layout, perFile = 100): Promise<WrittenBase> {
  await mkdir(join(dir, "services"), { recursive: true });
  for (const name of COPIED) {
    const from = join(demoDir, name);
    if (name.endsWith(".yaml")) await copyFile(from, join(dir, name));
    else await cp(from, join(dir, name), { recursive: true });
  }
  let bytes = 0;
  let serviceFiles = 0;
  const write = async (path: string, text: string) => {
    await writeFile(path, text);
    bytes += Buffer.byteLength(text);
    serviceFiles++;
  };
  if (layout === "lists") {
    for (let start = 0; start < services.length; start += perFile) {
      const items = services.slice(start, start + perFile).map((s) => asListItem(s.yaml));
      await write(join(dir, "services", `lot-${String(start / perFile + 1).padStart(4, "0")}.yaml`), HEADER + items.join("\n"));
    }
  } else {
    for (const folder of new Set(services.map((s) => s.domaine))) await mkdir(join(dir, "services", folder), { recursive: true });
    // Written a few at a time: 10 000 files one after the other would mostly measure the disk's latency.
    const queue = [...services];
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        for (let next = queue.shift(); next; next = queue.shift()) {
          await write(join(dir, "services", next.domaine, `${next.id}.yaml`), HEADER + next.yaml);
        }
      }),
    );
  }
  return { dir, services: services.length, serviceFiles, bytes };
}

/** A list written inline, as editors write short lists: `["58079"]`. */
function flowList(doc: Document, values: string[]) {
  const node = doc.createNode(values);
  node.flow = true;
  return node;
}

/** A mapping's YAML turned into an item of a YAML list: `- ` before the first line, two spaces before the others. */
function asListItem(mapping: string): string {
  return mapping
    .trimEnd()
    .split("\n")
    .map((line, i) => (i === 0 ? `- ${line}` : line === "" ? line : `  ${line}`))
    .join("\n")
    .concat("\n");
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

async function listYaml(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && /\.ya?ml$/.test(e.name))
    .map((e) => join(e.parentPath, e.name))
    .sort((a, b) => relative(dir, a).localeCompare(relative(dir, b)));
}

