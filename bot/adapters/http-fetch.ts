// The HTTP client handed to matrix-js-sdk (its `fetchFn` option): node:http(s) with kept-alive
// connections instead of Node's built-in fetch. The bot's traffic is small JSON requests, two
// /sync answers and one send per question; Node's fetch spends more CPU on web streams than the
// request itself (profiled in `npm run bench`, chat section), and on one event loop that CPU is
// everyone's latency. It answers what the SDK reads: status, headers, text and JSON; a body the
// SDK streams (media) would need the full fetch, so anything but a string body goes to it.
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";

/** A response with what matrix-js-sdk reads of one. */
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
 * A `fetch` for matrix-js-sdk over node:http(s), with its own kept-alive connection pools.
 * Redirects are not followed: a homeserver's client API answers where it is asked.
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
