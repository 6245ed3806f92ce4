// Reads a failed SMTP exchange the way a mail server's queue would: was it the session (network,
// TLS, our credentials, our sender address) or this one recipient, and is it worth trying again?
// Only a recipient's own permanent refusal may suppress an address; a session problem blames
// nobody and pauses the send with the reason, in French, for the editor.

/** What nodemailer puts on the errors it rejects with. */
export interface SmtpFailure {
  message?: string;
  code?: string;
  /** The system error under nodemailer's code (ECONNREFUSED, ENOTFOUND…). */
  originalCode?: string;
  responseCode?: number;
  response?: string;
  /** The SMTP step that failed: « CONN », « AUTH PLAIN », « MAIL FROM », « RCPT TO », « DATA »… */
  command?: string;
}

export type FailureKind =
  /** The session cannot work for anyone until an operator acts: pause, blame nobody. */
  | { scope: "session"; permanent: true; reason: string; detail: string }
  /** The server or the network is unavailable for now: retry the same message later, blame nobody. */
  | { scope: "session"; permanent: false; reason: string; detail: string }
  /** This recipient's server refuses for now (greylisting, full mailbox): retry this one later. */
  | { scope: "recipient"; permanent: false; reason: string; detail: string }
  /** This recipient's address does not work: stop mailing it (suppress) when `suppress`. */
  | { scope: "recipient"; permanent: true; suppress: boolean; reason: string; detail: string };

/** Replaces e-mail addresses in a server's answer: reasons are stored and shown, addresses are not. */
export function withoutAddresses(text: string): string {
  return text.replace(/<?[^\s<>@"',;:()]+@[^\s<>@"',;:()]+\.[^\s<>@"',;:()]+>?/g, "<adresse>");
}

/** The server's answer on one line, without the message body nor any address: « 550 5.1.1 Boîte inconnue ». */
function describeFailure(error: SmtpFailure): string {
  const text = withoutAddresses((error.response ?? error.message ?? String(error)).split("\n")[0]!.slice(0, 200));
  if (error.responseCode) return `${error.responseCode} ${text.replace(/^\d{3}[\s-]*/, "")}`;
  return `${error.originalCode ?? error.code ?? "erreur"} : ${text}`;
}

const CONNECTION_CODES = new Set(["ECONNECTION", "ETIMEDOUT", "ESOCKET", "EDNS", "ECONNREFUSED", "ECONNRESET", "ENOTFOUND", "EHOSTUNREACH", "ENETUNREACH", "EPIPE", "EPROTOCOL", "EPROXY"]);

/** The enhanced status code (RFC 3463) of a reply, e.g. « 5.7.1 », when the server gave one. */
function enhancedStatus(error: SmtpFailure): string | undefined {
  return /^\d{3}[\s-]+([245]\.\d{1,3}\.\d{1,3})\b/.exec(error.response ?? "")?.[1];
}

const AFTER_FIX = "Aucun abonné n'a été mis en cause. Corrigez, puis relancez la même commande : l'envoi reprendra où il s'est arrêté, sans doublon.";

/**
 * Classifies a failed send of one message.
 * @example
 * classifySmtpFailure({ code: "EAUTH", responseCode: 535, command: "AUTH PLAIN", response: "535 5.7.8 Authentication failed" })
 * // → { scope: "session", permanent: true, reason: "Le serveur d'envoi refuse l'identifiant ou le mot de passe …" }
 */
export function classifySmtpFailure(error: SmtpFailure): FailureKind {
  const detail = describeFailure(error);
  const code = error.responseCode;
  const command = (error.command ?? "").toUpperCase();

  if (error.code === "EAUTH" || code === 535 || code === 534 || code === 530 || command.startsWith("AUTH")) {
    return { scope: "session", permanent: true, detail, reason: `Le serveur d'envoi refuse l'identifiant ou le mot de passe (${detail}) : vérifiez l'utilisateur et le mot de passe dans SMTP_URL. ${AFTER_FIX}` };
  }
  if (error.code === "ETLS" || error.code === "EREQUIRETLS" || command === "STARTTLS" || /certificate|ssl|tls/i.test(error.originalCode ?? "")) {
    return { scope: "session", permanent: true, detail, reason: `La connexion chiffrée (TLS) avec le serveur d'envoi a échoué (${detail}) : vérifiez smtp:// ou smtps:// et le port dans SMTP_URL (587 pour smtp://, 465 pour smtps://). ${AFTER_FIX}` };
  }
  if (error.code === "EMESSAGE" && command === "MAIL FROM") {
    return { scope: "session", permanent: true, detail, reason: `La lettre dépasse la taille maximale que le serveur d'envoi accepte (${detail}) : allégez-la (moins d'images ou de rubriques), puis relancez. ${AFTER_FIX}` };
  }
  if (error.code === "EENVELOPE" && command === "API") {
    // Refused by nodemailer before any exchange: a malformed address in our own data.
    if (/sender/i.test(error.message ?? "")) {
      return { scope: "session", permanent: true, detail, reason: `L'adresse d'expéditeur est invalide (${detail}) : corrigez MAIL_FROM (ex. Orienteur <lettre@example.org>). ${AFTER_FIX}` };
    }
    return { scope: "recipient", permanent: true, suppress: true, detail, reason: `adresse de destinataire invalide (${detail})` };
  }
  if (command === "MAIL FROM") {
    if (code && code >= 500) {
      return { scope: "session", permanent: true, detail, reason: `Le serveur d'envoi refuse l'expéditeur (${detail}, à l'étape MAIL FROM) : vérifiez MAIL_FROM, qui doit être une adresse que ce serveur vous autorise à utiliser. ${AFTER_FIX}` };
    }
    return { scope: "session", permanent: false, detail, reason: `Le serveur d'envoi refuse l'expéditeur pour le moment (${detail}, à l'étape MAIL FROM) : il limite peut-être le débit (ORIENTEUR_SEND_RATE) ou votre quota est atteint.` };
  }
  if (code === 421 || (!code && CONNECTION_CODES.has(error.code ?? "")) || command === "CONN" || command === "EHLO" || command === "HELO" || command === "GREETING") {
    return { scope: "session", permanent: false, detail, reason: `Le serveur d'envoi est injoignable ou ferme la connexion (${detail}) : vérifiez l'adresse et le port de SMTP_URL, le réseau, et que le serveur fonctionne.` };
  }
  if (code !== undefined && code >= 500 && /relay/i.test(error.response ?? "")) {
    return { scope: "session", permanent: true, detail, reason: `Le serveur d'envoi refuse de relayer vers l'extérieur (${detail}) : il attend sans doute une authentification (utilisateur et mot de passe dans SMTP_URL). ${AFTER_FIX}` };
  }
  if (command === "RCPT TO" || command === "DATA" || command === "DATA END" || (code !== undefined && code >= 400)) {
    if (code !== undefined && code >= 500) {
      const status = enhancedStatus(error);
      // 5.7.x is policy (relaying denied, spam filter), 5.3.x/5.6.x the system or the message:
      // none of them says the address is dead, so this issue fails for them without suppressing.
      const addressDead = !status || status.startsWith("5.1.") || status.startsWith("5.2.");
      return {
        scope: "recipient",
        permanent: true,
        suppress: addressDead,
        detail,
        reason: addressDead ? `adresse refusée définitivement par le serveur du destinataire (${detail})` : `message refusé par le serveur du destinataire pour une raison de politique ou de contenu (${detail}) ; l'adresse n'est pas mise de côté`,
      };
    }
    return { scope: "recipient", permanent: false, detail, reason: `refus temporaire du serveur du destinataire (${detail}) : liste grise, boîte pleine ou serveur surchargé ; nouvel essai plus tard` };
  }
  return { scope: "session", permanent: false, detail, reason: `Erreur d'envoi inattendue (${detail}) : vérifiez le serveur d'envoi (SMTP_URL).` };
}
