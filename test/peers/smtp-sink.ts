// A real SMTP server on 127.0.0.1 (the smtp-server package) that keeps what it receives and can
// answer chosen recipients with 4xx or 5xx, the way a real mail server refuses mail.
import { simpleParser, type ParsedMail } from "mailparser";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

export interface SmtpSink {
  port: number;
  url: string;
  /** Raw messages accepted, in order, with their envelope recipient. */
  received: { to: string; raw: Buffer }[];
  parse(index: number): Promise<ParsedMail>;
  /** Refuse this recipient with `code` (e.g. 451, 550) the next `times` attempts (Infinity for always). */
  refuse(recipient: string, code: number, times?: number): void;
  /** Refuse every message with `code` until `accept()`. */
  refuseAll(code: number): void;
  accept(): void;
  close(): Promise<void>;
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const refusals = new Map<string, { code: number; times: number }>();
  let refuseEverything: number | undefined;
  const received: { to: string; raw: Buffer }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onRcptTo(address, _session, callback) {
      const rule = refusals.get(address.address);
      if (refuseEverything) return callback(Object.assign(new Error("Service indisponible"), { responseCode: refuseEverything }));
      if (rule && rule.times > 0) {
        rule.times--;
        return callback(Object.assign(new Error(rule.code >= 500 ? "Boîte inconnue" : "Réessayez plus tard"), { responseCode: rule.code }));
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        for (const rcpt of session.envelope.rcptTo) received.push({ to: rcpt.address, raw: Buffer.concat(chunks) });
        callback();
      });
    },
  });
  // A client killed mid-message resets its connection: expected in the crash test, not an error.
  server.on("error", () => {});
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    received,
    parse: (index) => simpleParser(received[index]!.raw),
    refuse: (recipient, code, times = Infinity) => void refusals.set(recipient, { code, times }),
    refuseAll: (code) => void (refuseEverything = code),
    accept: () => void (refuseEverything = undefined),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
