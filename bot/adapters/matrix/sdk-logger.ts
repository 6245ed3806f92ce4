// matrix-js-sdk logs to the console by default, at debug level, sometimes with whole events.
// Its logs go to our logger instead: warnings and errors only, at debug level, and only their
// text (never the objects after it, which may carry message contents).
import { logger as sdkRootLogger, type Logger as SdkLogger } from "matrix-js-sdk/lib/logger.js";
import type { Logger } from "../../core/logger.ts";

type MethodFactory = (methodName: string) => (...args: unknown[]) => void;

let sink: Logger | undefined;

function forward(level: string, namespace: string, args: unknown[]): void {
  const text = args.find((a): a is string => typeof a === "string");
  if (text) sink?.debug({ sdk: namespace, level }, text.slice(0, 200));
}

const routedFactory: MethodFactory = (methodName) => (methodName === "warn" || methodName === "error" ? (...args) => forward(methodName, "matrix-js-sdk", args) : () => {});

/**
 * Sends the SDK's module-level logs (sync loop, scheduler, RTC sessions) to `log`. Process-wide:
 * the SDK has one root logger, whose children copy its method factory when created.
 */
export function routeSdkLogs(log: Logger): void {
  sink = log;
  const root = sdkRootLogger as unknown as { methodFactory: MethodFactory; rebuild(): void };
  if (root.methodFactory !== routedFactory) {
    root.methodFactory = routedFactory;
    root.rebuild();
  }
}

/** A client-level SDK logger (the `logger` option of `createClient`) that writes to `log`. */
export function createSdkLogger(log: Logger, namespace = "matrix-js-sdk"): SdkLogger {
  const write = (level: string) => (...args: unknown[]) => {
    const text = args.find((a): a is string => typeof a === "string");
    if (text) log.debug({ sdk: namespace, level }, text.slice(0, 200));
  };
  const ignore = () => {};
  return {
    trace: ignore,
    debug: ignore,
    info: ignore,
    warn: write("warn"),
    error: write("error"),
    getChild: (child: string) => createSdkLogger(log, `${namespace}${child}`),
  };
}
