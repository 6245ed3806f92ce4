// Builds the adapter of each configured platform. SDKs are imported only when their platform is
// configured: a deployment on Matrix alone never loads Slack's or Telegram's code.
import type { Adapter, Platform } from "../core/contract.ts";
import type { Store } from "../store/store.ts";
import type { Config } from "./config.ts";
import type { Logger } from "./logger.ts";

export interface PlatformDependencies {
  store: Store;
  logger: Logger;
  mayJoin: (platform: Platform, inviter: string, room: string) => boolean;
}

/** The adapters of every platform whose credentials are set. */
export async function createAdapters(config: Config, deps: PlatformDependencies): Promise<Adapter[]> {
  const adapters: Adapter[] = [];
  if (config.matrix) {
    const { createMatrixAdapter } = await import("../adapters/matrix/adapter.ts");
    adapters.push(createMatrixAdapter(config.matrix, deps));
  }
  if (config.slack) {
    const { createSlackAdapter } = await import("../adapters/slack/adapter.ts");
    adapters.push(createSlackAdapter(config.slack, deps));
  }
  if (config.telegram) {
    const { createTelegramAdapter } = await import("../adapters/telegram/adapter.ts");
    adapters.push(createTelegramAdapter(config.telegram, deps));
  }
  return adapters;
}
