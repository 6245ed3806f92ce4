// Polls until something a test waits for has happened over the network, or fails saying what.

/** Resolves once `condition` holds; rejects after `timeoutMs` naming `what` was awaited. */
export async function waitFor(condition: () => boolean | Promise<boolean>, what = "the condition", timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
