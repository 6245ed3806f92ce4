// One retry loop for requests to the outside (chat platforms' APIs): try, and after a failure ask
// the caller how long to wait — the delay the server asked for, a growing one, or none: give up.
// Generic, with no domain in it, so bot/ and newsletters/ both take it from here.

export interface RetryPolicy {
  /**
   * Milliseconds to wait after `error`, the `failures`-th failure (1 after the first), before trying
   * again; undefined to give up and throw `error`.
   */
  delayAfter(error: unknown, failures: number): number | undefined;
  /** How to wait: each caller's own sleep, which its `stop()` can interrupt. */
  sleep(ms: number): Promise<unknown>;
}

/**
 * Runs `request` until it succeeds or the policy gives up (its last error is thrown).
 * @example await withRetries(() => api.sendMessage(text), { delayAfter: (e, n) => (isRateLimit(e) && n <= 3 ? retryAfterMs(e) : undefined), sleep });
 */
export async function withRetries<T>(request: () => Promise<T>, policy: RetryPolicy): Promise<T> {
  for (let failures = 1; ; failures++) {
    try {
      return await request();
    } catch (error) {
      const delay = policy.delayAfter(error, failures);
      if (delay === undefined) throw error;
      await policy.sleep(delay);
    }
  }
}
