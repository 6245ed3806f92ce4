// A workaround for matrix-js-sdk 37.5 on Node: each request with a local timeout arms a plain
// `setTimeout` (its `timeoutSignal` ponyfill, http-api/utils.ts) that is never cleared. Every
// /sync leaves one of up to 110 s behind, so after `stop()` Node cannot exit for almost two
// minutes (a SIGTERM'd server hangs, a benchmark waits). The SDK is handed an
// `AbortSignal.timeout` instead — same deadline, but its timer does not keep the process alive.
import type { MatrixClient } from "matrix-js-sdk";

/** Makes the client's request timeouts release the process (see the module comment). */
export function releaseRequestTimeouts(client: MatrixClient): void {
  const http = client.http;
  const original = http.requestOtherUrl.bind(http);
  const patched: typeof original = (method, url, body, opts) => {
    if (opts?.localTimeoutMs === undefined) return original(method, url, body, opts);
    const { localTimeoutMs, ...rest } = opts;
    const timeout = AbortSignal.timeout(localTimeoutMs);
    return original(method, url, body, { ...rest, abortSignal: rest.abortSignal ? AbortSignal.any([rest.abortSignal, timeout]) : timeout });
  };
  http.requestOtherUrl = patched as typeof http.requestOtherUrl;
}
