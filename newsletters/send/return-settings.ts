// The return mailbox's settings from the environment, kept apart from the IMAP client so that
// building a message (and every CLI command) does not load it.
import type { BounceOptions } from "./bounces.ts";

/** Thresholds from the environment: ORIENTEUR_BOUNCE_SOFT_LIMIT (3), ORIENTEUR_BOUNCE_HARD_LIMIT (1). */
export function bounceOptionsFromEnv(env: Record<string, string | undefined> = process.env): Partial<BounceOptions> {
  const number = (name: string) => {
    const value = Number(env[name]);
    return Number.isInteger(value) && value >= 1 ? value : undefined;
  };
  const soft = number("ORIENTEUR_BOUNCE_SOFT_LIMIT");
  const hard = number("ORIENTEUR_BOUNCE_HARD_LIMIT");
  return { ...(soft ? { softLimit: soft } : {}), ...(hard ? { hardLimit: hard } : {}) };
}

/**
 * The address of the List-Unsubscribe mailto:, or undefined when no return mailbox is read
 * (ORIENTEUR_BOUNCE_IMAP_URL unset): then only the HTTPS one-click link is advertised.
 */
export function unsubscribeMailboxFromEnv(listDomain: string, env: Record<string, string | undefined> = process.env): string | undefined {
  if (!env.ORIENTEUR_BOUNCE_IMAP_URL?.trim()) return undefined;
  return env.ORIENTEUR_UNSUBSCRIBE_MAILBOX?.trim() || `desabonnement@${listDomain}`;
}
