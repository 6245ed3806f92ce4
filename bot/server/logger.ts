// Structured JSON logs. Professional secrecy: a log line says which platform, room and outcome,
// never what was asked. Callers pass only identifiers and outcomes.
import pino, { type Logger } from "pino";

export type { Logger };

/**
 * The process logger at `level` (the configuration's LOG_LEVEL, read by bot/server/config.ts);
 * without one, info, or silent under the test runner.
 */
export function createLogger(options: { level?: string; destination?: NodeJS.WritableStream } = {}): Logger {
  const level = options.level ?? (process.env.VITEST ? "silent" : "info");
  return pino(
    {
      level,
      base: { app: "orienteur" },
      timestamp: pino.stdTimeFunctions.isoTime,
      // Defence in depth: should a caller ever pass them, these fields are never written.
      redact: { paths: ["text", "question", "message", "body", "*.text", "*.question", "*.body", "email", "courriel"], remove: true },
    },
    options.destination as pino.DestinationStream | undefined,
  );
}
