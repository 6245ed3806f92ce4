// The local web page and its JSON endpoints: ask a question from a browser, no chat platform needed.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { readFileSync } from "node:fs";
import { randomUUID } from "node:crypto";
import type { Conversation } from "../core/conversation.ts";
import type { Orienteur } from "../../knowledge/orienteur.ts";
import type { Orientation } from "../../knowledge/search/orient.ts";
import { orientationToJson, siglesToJson } from "../core/json.ts";
import { renderHtml } from "../render/html.ts";
import { renderText } from "../render/text.ts";
import { escapeHtml } from "../render/html.ts";
import { webTexts } from "./web-texts.ts";
import type { Logger } from "./logger.ts";

export interface WebServerOptions {
  /** Largest request body accepted, in bytes (64 KiB), for every form and JSON endpoint: more gets a 413. */
  maxBodyBytes: number;
  /**
   * Host names accepted, besides localhost, 127.0.0.1 and ::1, when a request arrives on a loopback
   * address: a page on another site that rebinds its name to 127.0.0.1 (DNS rebinding) is refused.
   */
  allowedHosts: readonly string[];
  /**
   * Requests handled at once (64): beyond, a request is answered 503 with Retry-After at once,
   * rather than queued behind the others while every answer slows down. /healthz is always answered.
   */
  maxPending: number;
}

export const defaultWebServerOptions: WebServerOptions = { maxBodyBytes: 64 * 1024, allowedHosts: [], maxPending: 64 };

export interface WebContext {
  conversation: () => Conversation;
  orienteur: () => Orienteur;
  logger: Logger;
  /** Called after each orientation asked on the page (the unmet-needs watch). */
  afterOrientation?: (orientation: Orientation) => void;
  /** More routes (the newsletter's); resolves to true when it answered the request. */
  extraRoutes?: (request: IncomingMessage, response: ServerResponse, url: URL) => Promise<boolean>;
}

const asset = (name: string) => readFileSync(new URL(`./web/${name}`, import.meta.url), "utf8");
const PAGE = asset("page.html");
const STATIC: Record<string, [string, string]> = {
  "/app.js": ["text/javascript; charset=utf-8", asset("app.js")],
  "/style.css": ["text/css; charset=utf-8", asset("style.css")],
};

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Creates (but does not start) the HTTP server of the local page. */
export function createWebServer(context: WebContext, options: Partial<WebServerOptions> = {}): Server {
  const settings = { ...defaultWebServerOptions, ...options };
  let pending = 0;
  return createServer((request, response) => {
    const started = performance.now();
    if (pending >= settings.maxPending && request.url !== "/healthz") {
      // Shedding costs nothing: no body read, no log line per refused request (a flood would fill the log).
      response.writeHead(503, { "content-type": "application/json; charset=utf-8", "retry-after": "1", "cache-control": "no-store" });
      response.end(JSON.stringify({ erreur: webTexts.busy }));
      return;
    }
    pending++;
    response.once("close", () => pending--);
    handle(request, response, context, settings)
      .catch((error: unknown) => {
        // A client that hung up is no fault of ours: a debug line without a stack, so no one can fill the error log.
        if (!(error instanceof HttpError) && isClientAbort(error, request)) {
          context.logger.debug({ platform: "web", route: routeOf(request), outcome: "client-aborted" }, "client went away");
          return;
        }
        const status = error instanceof HttpError ? error.status : 500;
        if (status === 500) context.logger.error({ err: { name: (error as Error).name, stack: (error as Error).stack }, route: routeOf(request) }, "web request failed");
        sendError(request, response, status, error instanceof HttpError ? error.message : webTexts.internalError);
      })
      .finally(() => {
        context.logger.info({ platform: "web", route: routeOf(request), status: response.statusCode, ms: Math.round(performance.now() - started) }, "request");
      });
  });
}

function routeOf(request: IncomingMessage): string {
  // Cut: a hostile target may be long; the query string (the question) is never logged.
  return `${request.method} ${(request.url ?? "/").split("?")[0]!.slice(0, 200)}`;
}

/** Whether an error comes from the client closing the connection mid-request. */
function isClientAbort(error: unknown, request: IncomingMessage): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === "ECONNRESET" || code === "ECONNABORTED" || code === "EPIPE" || (error as Error | undefined)?.message === "aborted" || request.destroyed;
}

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "::1"]);

/**
 * Whether the Host header names this server. Checked only on a loopback address: behind a proxy on
 * another address, the proxy decides. A missing Host (HTTP/1.0) cannot come from a rebinding page.
 */
function hostAllowed(request: IncomingMessage, allowed: readonly string[]): boolean {
  const local = request.socket.localAddress ?? "";
  if (!(local === "::1" || local.startsWith("127.") || local.startsWith("::ffff:127."))) return true;
  const header = request.headers.host;
  if (header === undefined) return true;
  const name = (header.startsWith("[") ? header.slice(1, header.indexOf("]")) : header.split(":")[0]!).toLowerCase().replace(/\.$/, "");
  return LOOPBACK_HOSTS.has(name) || name.endsWith(".localhost") || allowed.some((host) => host.toLowerCase() === name);
}

async function handle(request: IncomingMessage, response: ServerResponse, context: WebContext, settings: WebServerOptions): Promise<void> {
  // Let every request that has arrived be counted before this one's work starts: answering is
  // synchronous, so without this turn the pending count would never see the queue it is meant to cap.
  await new Promise((resolve) => setImmediate(resolve));
  setSecurityHeaders(response);
  if (!hostAllowed(request, settings.allowedHosts)) throw new HttpError(421, webTexts.hostNotAllowed(String(request.headers.host).slice(0, 100)));
  let url: URL;
  try {
    url = new URL(request.url ?? "/", "http://localhost");
  } catch {
    // « http://a:99999/ », « http://[::1 », « http://%zz/ »: the client's mistake, not a failure of ours.
    throw new HttpError(400, webTexts.badTarget);
  }
  const route = `${request.method} ${url.pathname}`;
  // The newsletter's forms apply the same size limit (start.ts passes it), with a page of their own.
  if (context.extraRoutes && (await context.extraRoutes(request, response, url))) return;
  // Announced too large: refused before anything is read.
  if (Number(request.headers["content-length"] ?? 0) > settings.maxBodyBytes) throw new HttpError(413, webTexts.tooLarge(settings.maxBodyBytes));
  switch (route) {
    case "GET /":
    case "HEAD /":
      return sendPage(response, context, url.searchParams.get("q") ?? "", url.searchParams.get("lieu") ?? "", url.searchParams.get("c") ?? "");
    case "GET /healthz":
      return sendJson(response, 200, { ok: true, services: context.orienteur().base.services.length });
    case "POST /api/ask": {
      const body = await readJson(request, settings.maxBodyBytes);
      const question = stringField(body, "question", true);
      const lieu = stringField(body, "lieu", false);
      if (lieu && !context.orienteur().places.resolve(lieu)) throw new HttpError(400, webTexts.unknownPlace(lieu));
      const conversationId = stringField(body, "conversation", false) || randomUUID();
      const reply = context.conversation().handle({ conversation: `web:${conversationId}`, surface: "web", text: question, defaultPlace: lieu || undefined });
      if (reply.orientation) watchOrientation(context, reply.orientation);
      return sendJson(response, 200, {
        conversation: conversationId,
        type: reply.kind,
        html: renderHtml(reply.answer),
        texte: renderText(reply.answer),
        orientation: reply.orientation ? orientationToJson(reply.orientation) : null,
      });
    }
    case "GET /api/sigle": {
      const sigle = url.searchParams.get("sigle")?.trim() ?? "";
      if (!sigle) throw new HttpError(400, webTexts.missingField("sigle"));
      const info = context.orienteur().glossary.lookup(sigle);
      return sendJson(response, info ? 200 : 404, siglesToJson({ trouves: info ? [info] : [], inconnus: info ? [] : [sigle] }, info ? [] : context.orienteur().glossary.suggest(sigle)));
    }
    case "POST /api/sigles": {
      const body = await readJson(request, settings.maxBodyBytes);
      return sendJson(response, 200, siglesToJson(context.orienteur().glossary.findInText(stringField(body, "texte", true))));
    }
    default: {
      const file = request.method === "GET" ? STATIC[url.pathname] : undefined;
      if (file) {
        response.writeHead(200, { "content-type": file[0], "cache-control": "public, max-age=3600" });
        response.end(file[1]);
        return;
      }
      if (["/", "/healthz", "/api/ask", "/api/sigle", "/api/sigles"].includes(url.pathname)) throw new HttpError(405, webTexts.methodNotAllowed);
      throw new HttpError(404, webTexts.notFound);
    }
  }
}

function setSecurityHeaders(response: ServerResponse): void {
  response.setHeader("content-security-policy", "default-src 'self'; style-src 'self'; script-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'");
  response.setHeader("x-content-type-options", "nosniff");
  response.setHeader("referrer-policy", "no-referrer");
}

/** Feeds the unmet-needs watch; a failing write is logged (no stack, no text) and never costs the person the answer. */
function watchOrientation(context: WebContext, orientation: Orientation): void {
  try {
    context.afterOrientation?.(orientation);
  } catch (error) {
    context.logger.warn({ platform: "web", err: { name: (error as Error).name, code: (error as { code?: string }).code }, outcome: "unmet-need-not-recorded" }, "unmet need not recorded");
  }
}

/** An error as JSON, or as a short French page for a browser's form (it asked for HTML). */
function sendError(request: IncomingMessage, response: ServerResponse, status: number, message: string): void {
  if (response.headersSent) return;
  if (!/text\/html/.test(request.headers.accept ?? "")) return sendJson(response, status, { erreur: message });
  response.writeHead(status, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
  response.end(`<!doctype html><html lang="fr"><meta charset="utf-8"><title>Erreur ${status}</title><p>${escapeHtml(message)}</p><p><a href="/">Retour à l'accueil</a></p></html>`);
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  if (response.headersSent) return;
  response.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" });
  response.end(JSON.stringify(body));
}

/** A conversation id the page sent back (`?c=`), as `randomUUID` makes them; anything else starts a new conversation. */
const CONVERSATION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The page; with `?q=` the answer is rendered on the server, so the page works without JavaScript:
 * the conversation goes on through `?c=` (a hidden field of the form), and the options the bot
 * offers are buttons of a plain form that send their number.
 */
function sendPage(response: ServerResponse, context: WebContext, question: string, lieu: string, conversationParam: string): void {
  const orienteur = context.orienteur();
  let answer = "";
  let conversation = "";
  if (question.trim()) {
    const place = lieu.trim() ? orienteur.places.resolve(lieu) : undefined;
    if (lieu.trim() && !place) answer = `<p>${escapeHtml(webTexts.unknownPlace(lieu))}</p>`;
    else {
      conversation = CONVERSATION_ID.test(conversationParam) ? conversationParam : randomUUID();
      const reply = context.conversation().handle({ conversation: `web:${conversation}`, surface: "web", text: question, defaultPlace: lieu || undefined });
      // The page without JavaScript feeds the watch like the JSON endpoint.
      if (reply.orientation) watchOrientation(context, reply.orientation);
      answer = renderHtml(reply.answer, { choicesForm: { action: "/", fields: { c: conversation, ...(lieu ? { lieu } : {}) } } });
    }
  }
  const slots: Record<string, string> = {
    base: escapeHtml(orienteur.base.info.nom),
    question: escapeHtml(question),
    lieu: escapeHtml(lieu),
    conversation,
    reponse: answer ? `<section class="echange"><p class="question">${escapeHtml(question)}</p><div class="reponse">${answer}</div></section>` : "",
  };
  // A replacer function, not a string: « $' » typed in a question must stay text, not a replacement pattern.
  const html = PAGE.replace(/\{\{(base|question|lieu|conversation|reponse)\}\}/g, (_, slot: string) => slots[slot] ?? "");
  response.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
  response.end(html);
}

async function readJson(request: IncomingMessage, maxBytes: number): Promise<Record<string, unknown>> {
  if (!/^application\/json\b/i.test(request.headers["content-type"] ?? "")) throw new HttpError(415, webTexts.expectJson);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) throw new HttpError(413, webTexts.tooLarge(maxBytes));
    chunks.push(chunk);
  }
  let body: unknown;
  try {
    body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    throw new HttpError(400, webTexts.badJson);
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw new HttpError(400, webTexts.badJson);
  return body as Record<string, unknown>;
}

function stringField(body: Record<string, unknown>, name: string, required: boolean): string {
  const value = body[name];
  if (value === undefined || value === null || (typeof value === "string" && value.trim() === "")) {
    if (required) throw new HttpError(400, webTexts.missingField(name));
    return "";
  }
  if (typeof value !== "string") throw new HttpError(400, webTexts.notAString(name));
  return value;
}
