// DKIM signing of every e-mail, from the checked environment: the key given as PEM or as the path
// of a file holding it. All three variables or none: a partial or unreadable setting is reported,
// and `newsletter send` then refuses to send unsigned.
import { readFileSync } from "node:fs";
import type { TransportOptions } from "../../../newsletters/send/transport.ts";
import type { Environment } from "./environment.ts";
import { pairingTexts } from "./texts.ts";

/** The DKIM settings, or `unusable` when some were given but cannot be used (the reason is in `problems`). */
export function dkimConfig(env: Environment, problems: string[]): { dkim?: TransportOptions["dkim"]; unusable?: true } {
  const { DKIM_DOMAIN: domainName, DKIM_SELECTOR: keySelector, DKIM_PRIVATE_KEY: key } = env;
  if (!domainName && !keySelector && !key) return {};
  if (!domainName || !keySelector || !key) {
    problems.push(pairingTexts.dkimTogether);
    return { unusable: true };
  }
  if (key.includes("BEGIN")) return { dkim: { domainName, keySelector, privateKey: key } };
  try {
    return { dkim: { domainName, keySelector, privateKey: readFileSync(key, "utf8") } };
  } catch (error) {
    problems.push(pairingTexts.dkimUnreadable((error as NodeJS.ErrnoException).code ?? (error as Error).message));
    return { unusable: true };
  }
}
