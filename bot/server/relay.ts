// Posts the digest of each newsletter issue that has reached all its recipients to the rooms
// configured for it, once (remembered in the store), through the running adapters.
import { readArchive } from "../../newsletters/archive/store.ts";
import { issueDigest } from "../../newsletters/relay.ts";
import type { DeliveryRepository } from "../../newsletters/send/deliveries.ts";
import type { Adapter } from "../core/contract.ts";
import type { Store } from "../store/store.ts";
import type { Logger } from "./logger.ts";

export interface RelayDependencies {
  adapters: readonly Adapter[];
  store: Store;
  deliveries: DeliveryRepository;
  logger: Logger;
}

/** Relays every finished, not yet relayed issue of the archive; returns the issue numbers relayed. */
export async function relayFinishedIssues(rooms: readonly string[], archiveDir: string, baseUrl: string, deps: RelayDependencies): Promise<number[]> {
  if (rooms.length === 0) return [];
  const relayed: number[] = [];
  for (const { model } of await readArchive(archiveDir)) {
    const key = `lettre:relayee:${model.numero}`;
    if (deps.store.getValue(key) || deps.deliveries.state(String(model.numero))?.state !== "termine") continue;
    const digest = issueDigest(model, baseUrl);
    for (const target of rooms) {
      const [platform, ...rest] = target.split(":");
      const room = rest.join(":");
      const adapter = deps.adapters.find((a) => a.platform === platform);
      if (!adapter?.post) {
        deps.logger.warn({ platform, room, issue: model.numero }, "relay room has no running adapter");
        continue;
      }
      try {
        await adapter.post(room, digest);
        deps.logger.info({ platform, room, issue: model.numero, outcome: "relayed" }, "newsletter relayed");
      } catch (error) {
        deps.logger.error({ platform, room, issue: model.numero, err: { name: (error as Error).name } }, "newsletter relay failed");
      }
    }
    deps.store.setValue(key, new Date().toISOString());
    relayed.push(model.numero);
  }
  return relayed;
}
