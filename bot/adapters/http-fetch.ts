// The HTTP client handed to the chat SDKs (matrix-js-sdk's `fetchFn`, @slack/web-api's `fetch`):
// node:http(s) with kept-alive connections instead of Node's built-in fetch. The bot's traffic is
// small requests (Matrix: two /sync answers and one send per question; Slack: one
// chat.postMessage); Node's fetch spends more CPU on web streams than on the request itself
// (profiled in `npm run bench`, chat section), and on one event loop that CPU is everyone's
// latency. It answers what the SDKs read: status, headers, text, JSON and bytes; a body that is not
// a string (a file upload) goes to the full fetch.
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";

/** A response with what the SDKs read of one. */
class LightResponse {
  readonly ok: boolean;
  readonly redirected = false;
  readonly type = "basic";
  constructor(
    readonly status: number,
    readonly statusText: string,
    readonly headers: Headers,
    readonly url: string,
    private readonly body: Buffer,
  ) {
    this.ok = status >= 200 && status < 300;
  }
  async text(): Promise<string> {
    return this.body.toString("utf8");
  }
  async json(): Promise<unknown> {
    return JSON.parse(this.body.toString("utf8"));
  }
  async arrayBuffer(): Promise<ArrayBuffer> {
    return this.body.buffer.slice(this.body.byteOffset, this.body.byteOffset + this.body.byteLength) as ArrayBuffer;
  }
}

/** Headers of a node response as web Headers (multi-valued ones joined, as fetch does). */
function headersOf(response: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(response.headers)) {
    if (value === undefined) continue;
    headers.set(name, Array.isArray(value) ? value.join(", ") : value);
  }
  return headers;
}

export interface HttpFetch {
  fetch: typeof globalThis.fetch;
  /** Closes the kept-alive connections (on stop). */
  close(): void;
}

/**
 * A `fetch` for the chat SDKs over node:http(s), with its own kept-alive connection pools.
 * Redirects are not followed (a 3xx is returned as it is): chat APIs answer where they are asked.
 * @example const http = createHttpFetch(); createClient({ baseUrl, accessToken, fetchFn: http.fetch })
 */
export function createHttpFetch(): HttpFetch {
  const agents = { "http:": new HttpAgent({ keepAlive: true }), "https:": new HttpsAgent({ keepAlive: true }) };
  const lightFetch = (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    const body = init.body;
    if (input instanceof Request || (body !== undefined && body !== null && typeof body !== "string")) return globalThis.fetch(input, init);
    const url = new URL(String(input));
    if (url.protocol !== "http:" && url.protocol !== "https:") return globalThis.fetch(input, init);
    return new Promise<Response>((resolve, reject) => {
      const headers = new Headers(init.headers);
      // Bodies are read as they come: ask for no compression (fetch would decode it, node:http does not).
      headers.delete("accept-encoding");
      const options = { method: init.method ?? "GET", headers: Object.fromEntries(headers), agent: agents[url.protocol as "http:" | "https:"], signal: init.signal ?? undefined };
      const onResponse = (response: IncomingMessage) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("error", reject);
        response.on("end", () => resolve(new LightResponse(response.statusCode ?? 0, response.statusMessage ?? "", headersOf(response), url.href, Buffer.concat(chunks)) as unknown as Response));
      };
      const request = url.protocol === "https:" ? httpsRequest(url, options, onResponse) : httpRequest(url, options, onResponse);
      // Rejected as fetch rejects: with the signal's reason when it fires (a TimeoutError for
      // AbortSignal.timeout, which the SDK retries as a lost connection), a TypeError for the network.
      request.on("error", (error: Error) => reject(init.signal?.aborted ? init.signal.reason : new TypeError("fetch failed", { cause: error })));
      request.end(body ?? undefined);
    });
  };
  return {
    fetch: lightFetch as typeof globalThis.fetch,
    close() {
      agents["http:"].destroy();
      agents["https:"].destroy();
    },
  };
}
