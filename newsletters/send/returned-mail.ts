// What comes back to the list's return mailbox, read without any network: a delivery-status
// notification (RFC 3464, `multipart/report; report-type=delivery-status`) says which recipient
// failed and how (Action, Status), and a mail sent through the `mailto:` of List-Unsubscribe
// carries the signed unsubscribe token in its subject. Anything else is left alone.
import { simpleParser } from "mailparser";

export interface DeliveryStatusRecipient {
  /** The address that failed (Final-Recipient, else Original-Recipient), lowercased. */
  email: string;
  /** « failed », « delayed », « delivered », « relayed » or « expanded » (RFC 3464 §2.3.3). */
  action: string;
  /** The enhanced status code (RFC 3463), e.g. « 5.1.1 ». */
  status: string;
  /** The remote server's answer, when given (« smtp; 550 5.1.1 User unknown »), for the editor. */
  diagnostic?: string;
}

export type ReturnedMail =
  | { kind: "dsn"; recipients: DeliveryStatusRecipient[] }
  | { kind: "unsubscribe"; token: string }
  | { kind: "other" };

const REPORT_TYPES = new Set(["message/delivery-status", "message/global-delivery-status"]);

/** Reads the header-like fields of a delivery-status body: one group per blank-line separated block. */
function parseDeliveryStatus(body: string): DeliveryStatusRecipient[] {
  const blocks = body.replace(/\r\n/g, "\n").replace(/\n[ \t]+/g, " ").split(/\n\s*\n/);
  const recipients: DeliveryStatusRecipient[] = [];
  for (const block of blocks) {
    const fields = new Map<string, string>();
    for (const line of block.split("\n")) {
      const match = /^([A-Za-z-]+):\s*(.*)$/.exec(line.trim());
      if (match) fields.set(match[1]!.toLowerCase(), match[2]!.trim());
    }
    const address = fields.get("final-recipient") ?? fields.get("original-recipient");
    const action = fields.get("action")?.toLowerCase();
    const status = /\b([245]\.\d{1,3}\.\d{1,3})\b/.exec(fields.get("status") ?? "")?.[1];
    if (!address || !action || !status) continue;
    // « rfc822; someone@example.org » (or utf-8; … for RFC 6533).
    const email = address.replace(/^[^;]*;\s*/, "").replace(/^<|>$/g, "").trim().toLowerCase();
    if (!email.includes("@")) continue;
    const diagnostic = fields.get("diagnostic-code");
    recipients.push({ email, action, status, ...(diagnostic ? { diagnostic: diagnostic.slice(0, 200) } : {}) });
  }
  return recipients;
}

/** The token of an unsubscribe mail (« desabonner <jeton> » in the subject, or the body's first lines). */
function unsubscribeToken(subject: string, text: string): string | undefined {
  const pattern = /d[ée]sabonner\s+([A-Za-z0-9._~-]{16,300})/i;
  return pattern.exec(subject)?.[1] ?? pattern.exec(text.slice(0, 2000))?.[1];
}

/**
 * Classifies one raw message of the return mailbox.
 * @example
 * const mail = await readReturnedMail(rawBytes);
 * if (mail.kind === "dsn") for (const r of mail.recipients) console.log(r.action, r.status);
 */
export async function readReturnedMail(raw: Buffer | string): Promise<ReturnedMail> {
  const parsed = await simpleParser(raw, { skipHtmlToText: true, skipTextLinks: true });
  const type = parsed.headers.get("content-type") as { value?: string; params?: Record<string, string> } | undefined;
  const isReport = type?.value?.toLowerCase() === "multipart/report" && type.params?.["report-type"]?.toLowerCase() === "delivery-status";
  if (isReport) {
    // mailparser gives the message/delivery-status part as text (joined to the human-readable part)
    // or, for some encodings, as an attachment; only blocks with Final-Recipient, Action and Status count.
    const reports = parsed.attachments.filter((a) => REPORT_TYPES.has(a.contentType.toLowerCase())).map((a) => a.content.toString("utf8"));
    const recipients = [parsed.text ?? "", ...reports].flatMap(parseDeliveryStatus);
    if (recipients.length > 0) return { kind: "dsn", recipients };
    return { kind: "other" };
  }
  const token = unsubscribeToken(parsed.subject ?? "", parsed.text ?? "");
  return token ? { kind: "unsubscribe", token } : { kind: "other" };
}
