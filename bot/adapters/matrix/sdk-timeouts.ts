// A workaround for matrix-js-sdk 37.5 on Node: each request with a local timeout arms a plain
// `setTimeout` (its `timeoutSignal` ponyfill, http-api/utils.ts) that is never cleared. Every
// /sync leaves one of up to 110 s behind, so after `stop()` Node cannot exit for almost two
// minutes (a SIGTERM'd server hangs, a benchmark waits). The SDK is handed an
// `AbortSignal.timeout` instead — same deadline, but its timer does not keep the process alive.
// Also, every request in flight listens to one client-wide abort signal: past 10 at once (answers
// in several rooms and the /sync), Node warned of a « possible memory leak » that is none; that
// signal takes any number of listeners.
import { setMaxListeners } from "node:events";
import type { MatrixClient } from "matrix-js-sdk";

/** Makes the client's request timeouts release the process, and its shared abort signal take any number of listeners (see the module comment). */
export function releaseRequestTimeouts(client: MatrixClient): void {
  const http = client.http;
  const original = http.requestOtherUrl.bind(http);
  const unlimited = new WeakSet<AbortSignal>();
  const patched: typeof original = (method, url, body, opts) => {
    // A private field of the SDK's FetchHttpApi, replaced at each abort(): looked up at each request.
    const shared = (http as unknown as { abortController?: AbortController }).abortController?.signal;
    if (shared && !unlimited.has(shared)) {
      setMaxListeners(0, shared);
      unlimited.add(shared);
    }
    if (opts?.localTimeoutMs === undefined) return original(method, url, body, opts);
    const { localTimeoutMs, ...rest } = opts;
    const timeout = AbortSignal.timeout(localTimeoutMs);
    return original(method, url, body, { ...rest, abortSignal: rest.abortSignal ? AbortSignal.any([rest.abortSignal, timeout]) : timeout });
  };
  http.requestOtherUrl = patched as typeof http.requestOtherUrl;
}
