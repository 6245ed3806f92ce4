// Bounce thresholds: a permanent delivery failure (5.x.x) reported by a delivery-status
// notification suppresses the address at once (hardLimit, 1); temporary ones (4.x.x, mailbox full
// after the remote server gave up) only after softLimit of them (3). Counts are kept under a keyed
// hash of the address, never the address itself, so erasing a subscriber leaves nothing readable.
import { createHmac } from "node:crypto";
import type Database from "better-sqlite3";
import { migrate } from "../../knowledge/util/migrate.ts";
import type { DeliveryRepository } from "./deliveries.ts";
import { withoutAddresses } from "./smtp-errors.ts";
import type { DeliveryStatusRecipient } from "./returned-mail.ts";

const MIGRATIONS = [`CREATE TABLE bounce_counts (address_key TEXT PRIMARY KEY, soft INTEGER NOT NULL DEFAULT 0, hard INTEGER NOT NULL DEFAULT 0, last_at INTEGER NOT NULL);`];

export interface BounceOptions {
  /** Permanent failures (5.x.x) before the address is suppressed (1). */
  hardLimit: number;
  /** Temporary failures (4.x.x) reported as final before the address is suppressed (3). */
  softLimit: number;
}

const defaultBounceOptions: BounceOptions = { hardLimit: 1, softLimit: 3 };

type BounceOutcome = "suppressed" | "counted" | "ignored";

export interface BounceBook {
  /** Records one recipient of a delivery-status notification; suppresses the address past its limit. */
  record(recipient: DeliveryStatusRecipient, now?: number): BounceOutcome;
}

/**
 * The bounce counts of a store's database.
 * @param secret keys the hash of addresses (ORIENTEUR_SECRET).
 */
export function createBounceBook(db: Database.Database, deliveries: DeliveryRepository, secret: string, options: Partial<BounceOptions> = {}): BounceBook {
  const settings = { ...defaultBounceOptions, ...options };
  migrate(db, "bounces", MIGRATIONS);
  const bump = db.prepare<[string, number, number, number], { soft: number; hard: number }>(
    `INSERT INTO bounce_counts (address_key, soft, hard, last_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (address_key) DO UPDATE SET soft = soft + excluded.soft, hard = hard + excluded.hard, last_at = excluded.last_at
     RETURNING soft, hard`,
  );
  const keyOf = (email: string) => createHmac("sha256", secret).update(`bounce:${email}`).digest("hex");
  return {
    record(recipient, now = Date.now()) {
      // « delayed » and « delivered » are news, not failures: the remote server is still trying.
      if (recipient.action !== "failed") return "ignored";
      const hard = recipient.status.startsWith("5.");
      const counts = bump.get(keyOf(recipient.email), hard ? 0 : 1, hard ? 1 : 0, now)!;
      const detail = recipient.diagnostic ? `${recipient.status}, ${withoutAddresses(recipient.diagnostic)}` : recipient.status;
      if (hard && counts.hard >= settings.hardLimit) {
        deliveries.suppress(recipient.email, `avis de non-remise définitif reçu (${detail})`, now);
        return "suppressed";
      }
      if (!hard && counts.soft >= settings.softLimit) {
        deliveries.suppress(recipient.email, `${counts.soft} avis de non-remise temporaires reçus (dernier : ${detail})`, now);
        return "suppressed";
      }
      return "counted";
    },
  };
}
