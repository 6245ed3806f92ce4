// The secret that signs links in e-mails: ORIENTEUR_SECRET, or a random one kept in the store so
// that links stay valid across restarts (with a warning: production should set its own).
import { randomBytes } from "node:crypto";
import type { Store } from "../store/store.ts";
import type { Config } from "./config.ts";

export function linkSecret(config: Config, store: Store, report: (message: string) => void): string {
  if (config.newsletter.secret) return config.newsletter.secret;
  let secret = store.getValue("secret:liens");
  if (!secret) {
    secret = randomBytes(32).toString("hex");
    store.setValue("secret:liens", secret);
    report(`ORIENTEUR_SECRET n'est pas défini : un secret aléatoire a été créé et gardé dans ${config.db}. En production, définissez ORIENTEUR_SECRET (32 caractères aléatoires ou plus).`);
  }
  return secret;
}
