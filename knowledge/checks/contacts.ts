// Contact details the schema accepts but editors should look at again (the schema already
// rejects malformed numbers, e-mails and URLs, and the loader checks opening hours):
// - a premium-rate number (08 9x) costs a lot to the people the bot orients → avertissement;
// - a link in plain http:// is flagged by browsers as unsafe → avertissement.
import type { KindName } from "../schema/index.ts";
import type { CodedProblem } from "./codes.ts";
import { problemAt, type CheckContext } from "./context.ts";
import { phoneKey } from "./duplicates.ts";
import { checkMessages } from "./messages.ts";

interface Field {
  kind: KindName;
  id: string;
  path: (string | number)[];
  value: string | undefined;
}

export function checkContacts(context: CheckContext): CodedProblem[] {
  const { base } = context;
  const phones: Field[] = [];
  const urls: Field[] = [];
  for (const s of base.services) {
    phones.push({ kind: "services", id: s.id, path: ["telephone"], value: s.telephone }, { kind: "services", id: s.id, path: ["referent", "telephone"], value: s.referent?.telephone });
    urls.push({ kind: "services", id: s.id, path: ["site_web"], value: s.site_web }, { kind: "services", id: s.id, path: ["lien_mobilisation"], value: s.lien_mobilisation });
  }
  for (const p of base.pratiques) {
    phones.push({ kind: "pratiques", id: p.id, path: ["contact", "telephone"], value: p.contact.telephone });
    urls.push({ kind: "pratiques", id: p.id, path: ["lien"], value: p.lien });
  }
  for (const e of base.agenda) {
    phones.push({ kind: "agenda", id: e.id, path: ["inscription", "telephone"], value: e.inscription?.telephone });
    urls.push({ kind: "agenda", id: e.id, path: ["lien_visio"], value: e.lien_visio }, { kind: "agenda", id: e.id, path: ["inscription", "url"], value: e.inscription?.url });
  }

  const problems: CodedProblem[] = [];
  for (const { kind, id, path, value } of phones) {
    if (value !== undefined && phoneKey(value).startsWith("089")) {
      problems.push(problemAt(context, "avertissement", "telephone-surtaxe", kind, id, path, checkMessages.premiumRate(value)));
    }
  }
  for (const { kind, id, path, value } of urls) {
    if (value !== undefined && /^http:\/\//i.test(value)) {
      problems.push(problemAt(context, "avertissement", "lien-http", kind, id, path, checkMessages.plainHttp(value)));
    }
  }
  return problems;
}
