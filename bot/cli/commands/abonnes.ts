// `orienteur abonnes suppressions [--json]`, `orienteur abonnes lever <adresse>` (and `abonnes
// retours`, which reads the bounce mailbox once): what an editor needs to see and undo on the
// sending side, read from the server's store (ORIENTEUR_DB). No address is ever logged.
import { createDeliveryRepository } from "../../../newsletters/send/deliveries.ts";
import { normalizeEmail } from "../../../newsletters/subscribers/email.ts";
import { openStore } from "../../store/store.ts";
import type { CliIo } from "../main.ts";
import { configOf } from "./command-config.ts";
import { type CommandOptions } from "./options.ts";

/** For tests: the environment (ORIENTEUR_DB) and the clock. */
export interface SubscribersContext {
  env?: Record<string, string | undefined>;
}

const texts = {
  usage: `Utilisation :
  orienteur abonnes suppressions [--json]   Adresses qui ne reçoivent plus la lettre (refus définitif, retour, demande), et pourquoi.
  orienteur abonnes lever <adresse>         Rend une adresse à nouveau destinataire (après un refus à tort, une boîte réparée).
  orienteur abonnes retours                 Lit une fois la boîte des retours (ORIENTEUR_BOUNCE_IMAP_URL) : avis de non-remise, désabonnements par courriel.`,
  unknownSub: (sub: string) => `Sous-commande inconnue « abonnes ${sub} ».`,
  none: "Aucune adresse mise de côté : toutes les adresses abonnées reçoivent la lettre.",
  count: (n: number) => `${n} adresse(s) mise(s) de côté :`,
  line: (email: string, reason: string, at: number) => `  ${email} — depuis le ${new Date(at).toLocaleDateString("fr-FR", { timeZone: "Europe/Paris" })} : ${reason}`,
  hint: "Pour en rendre une destinataire : orienteur abonnes lever <adresse>",
  liftUsage: "Indiquez l'adresse à lever, par exemple : orienteur abonnes lever prenom.nom@example.org",
  badAddress: (input: string) => `« ${input} » n'est pas une adresse e-mail valide (ex. prenom.nom@example.org).`,
  lifted: (email: string) => `✓ ${email} n'est plus mise de côté : elle recevra les prochaines lettres si elle est abonnée (et les envois en attente d'une lettre en cours).`,
  notSuppressed: (email: string) => `${email} n'est pas dans les adresses mises de côté : rien à lever.`,
};

/** Runs `orienteur abonnes <sub> …`. Exit codes: 0 done, 1 nothing to do or failure, 2 malformed command. */
export async function runAbonnes(args: string[], options: CommandOptions, io: CliIo, context: SubscribersContext = {}): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === undefined) {
    io.err(texts.usage);
    return 2;
  }
  if (sub === "retours") {
    const { runBounceCheck } = await import("./abonnes-retours.ts");
    return runBounceCheck(io, configOf(options, context.env));
  }
  if (sub !== "suppressions" && sub !== "lever") {
    io.err(`${texts.unknownSub(sub)}\n\n${texts.usage}`);
    return 2;
  }
  let email: string | undefined;
  if (sub === "lever") {
    if (rest.length !== 1) {
      io.err(texts.liftUsage);
      return 2;
    }
    email = normalizeEmail(rest[0]!);
    if (!email) {
      io.err(texts.badAddress(rest[0]!));
      return 2;
    }
  }
  const config = configOf(options, context.env);
  const store = openStore(config.db);
  try {
    const deliveries = createDeliveryRepository(store.db);
    if (email) {
      if (!deliveries.liftSuppression(email)) {
        io.out(texts.notSuppressed(email));
        return 1;
      }
      io.out(texts.lifted(email));
      return 0;
    }
    const list = deliveries.suppressions();
    if (options.json) {
      io.out(JSON.stringify({ suppressions: list.map((s) => ({ adresse: s.email, raison: s.reason, depuis: new Date(s.at).toISOString() })) }, null, 2));
      return 0;
    }
    io.out(list.length === 0 ? texts.none : [texts.count(list.length), ...list.map((s) => texts.line(s.email, s.reason, s.at)), texts.hint].join("\n"));
    return 0;
  } finally {
    store.close();
  }
}
