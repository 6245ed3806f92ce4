// What the conversation core and the adapters log through: a level, structured fields and a short
// fixed message — never what was asked (professional secrecy). The server's pino logger
// implements it; the core and the adapters know nothing of pino or of the server.

/** A structured logger: `fields` are identifiers and outcomes, `message` a fixed English phrase. */
export interface Logger {
  debug(fields: object, message?: string): void;
  info(fields: object, message?: string): void;
  warn(fields: object, message?: string): void;
  error(fields: object, message?: string): void;
  /** A logger that adds `bindings` to every line (`{ platform: "matrix" }`). */
  child(bindings: Record<string, unknown>): Logger;
}
