// Keeps one platform running: start, and on failure report and retry with exponential backoff,
// without ever affecting the other platforms.
import type { Adapter, IncomingMessage } from "../core/contract.ts";
import type { Logger } from "./logger.ts";

export interface SupervisorOptions {
  /** First retry delay (1 s), doubled at each failure up to `maxDelayMs` (5 min). */
  initialDelayMs: number;
  maxDelayMs: number;
}

const defaultSupervisorOptions: SupervisorOptions = { initialDelayMs: 1000, maxDelayMs: 5 * 60_000 };

export interface Supervised {
  /** Resolves once the platform has started (never rejects: failures are retried). */
  readonly started: Promise<void>;
  /** Stops retrying and stops the adapter. */
  stop(): Promise<void>;
}

/** Starts an adapter and restarts it with backoff while it fails. */
export function supervise(
  adapter: Adapter,
  onMessage: (message: IncomingMessage) => Promise<void>,
  logger: Logger,
  report: (message: string) => void,
  options: Partial<SupervisorOptions> = {},
): Supervised {
  const settings = { ...defaultSupervisorOptions, ...options };
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let wake: (() => void) | undefined;

  const started = (async () => {
    let delay = settings.initialDelayMs;
    for (let attempt = 1; !stopped; attempt++) {
      try {
        await adapter.start(onMessage);
        logger.info({ platform: adapter.platform, attempt }, "platform started");
        return;
      } catch (error) {
        const reason = (error as Error).message;
        logger.error({ platform: adapter.platform, attempt, retryInMs: delay, err: { name: (error as Error).name, message: reason } }, "platform failed to start");
        report(`${adapter.platform} : ${reason} Nouvel essai dans ${Math.round(delay / 1000)} s ; les autres plateformes continuent.`);
        await new Promise<void>((resolve) => {
          wake = resolve;
          timer = setTimeout(resolve, delay);
        });
        delay = Math.min(settings.maxDelayMs, delay * 2);
      }
    }
  })();

  return {
    started,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      wake?.();
      await adapter.stop().catch((error: unknown) => logger.warn({ platform: adapter.platform, err: { name: (error as Error).name } }, "platform stop failed"));
    },
  };
}
