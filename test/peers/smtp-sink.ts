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
  /** Refuse the sender (MAIL FROM) with `code` until `accept()`: a wrong MAIL_FROM. */
  refuseSender(code: number): void;
  accept(): void;
  close(): Promise<void>;
}

export interface SmtpSinkOptions {
  /** Require this login (AUTH PLAIN/LOGIN, without TLS on loopback); a wrong one gets 535. */
  auth?: { user: string; pass: string };
  /** Answer this reply text with 5xx refusals instead of the default (e.g. « 5.7.1 Relaying denied »). */
  refusalText?: string;
}

export async function startSmtpSink(options: SmtpSinkOptions = {}): Promise<SmtpSink> {
  const refusals = new Map<string, { code: number; times: number }>();
  let refuseEverything: number | undefined;
  let refuseFrom: number | undefined;
  const received: { to: string; raw: Buffer }[] = [];
  const server = new SMTPServer({
    authOptional: !options.auth,
    allowInsecureAuth: true,
    authMethods: ["PLAIN", "LOGIN"],
    disabledCommands: options.auth ? ["STARTTLS"] : ["STARTTLS", "AUTH"],
    logger: false,
    onAuth(auth, _session, callback) {
      if (options.auth && auth.username === options.auth.user && auth.password === options.auth.pass) return callback(null, { user: auth.username });
      callback(Object.assign(new Error("5.7.8 Authentication credentials invalid"), { responseCode: 535 }));
    },
    onMailFrom(_address, _session, callback) {
      if (refuseFrom) return callback(Object.assign(new Error("5.7.1 Sender address rejected: not owned by user"), { responseCode: refuseFrom }));
      callback();
    },
    onRcptTo(address, _session, callback) {
      const rule = refusals.get(address.address);
      if (refuseEverything) return callback(Object.assign(new Error("Service indisponible"), { responseCode: refuseEverything }));
      if (rule && rule.times > 0) {
        rule.times--;
        return callback(Object.assign(new Error(rule.code >= 500 ? (options.refusalText ?? "Boîte inconnue") : "Réessayez plus tard"), { responseCode: rule.code }));
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
    refuseSender: (code) => void (refuseFrom = code),
    accept: () => void ((refuseEverything = undefined), (refuseFrom = undefined)),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
