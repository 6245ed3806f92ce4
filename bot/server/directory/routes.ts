// HTTP side of the web directory: service pages and their report form, browsing by need and by
// place, agenda (page and iCalendar), good practices, coverage. Plugged into the web server's
// extra routes, so its Host check, security headers and request log apply; every request reads the
// current engine, so a hot reload shows at once. GET and HEAD everywhere, POST only for a report;
// other methods get 405 with Allow.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Orienteur } from "../../../knowledge/orienteur.ts";
import { todayInParis } from "../../../knowledge/checks/run.ts";
import { createThrottle, type ThrottleOptions } from "../../../newsletters/subscribe/throttle.ts";
import type { Answer } from "../../../knowledge/answer/model.ts";
import type { Logger } from "../../core/logger.ts";
import type { FeedbackRepository } from "../../feedback/repository.ts";
import { clientOf, postedFromElsewhere, readFormWithin } from "../newsletter-routes.ts";
import { agendaFeed, agendaPage, eventIcs, practicesPage } from "./agenda-pages.ts";
import { needPage, needsPage, placePage } from "./browse-pages.ts";
import { coveragePage } from "./coverage-page.ts";
import { directoryPage, link, notice } from "./layout.ts";
import { reportFromPage } from "./report.ts";
import { servicePage } from "./service-page.ts";
import { directoryTexts } from "./texts.ts";
import { sitemap } from "./sitemap.ts";

export interface DirectoryOptions {
  /** The engine serving now (hot reload swaps it). */
  orienteur: () => Orienteur;
  feedback: FeedbackRepository;
  /** Posts a report to the editors' rooms; reports are stored and listed by `orienteur signalements` without it. */
  notifyEditors?: (answer: Answer) => Promise<void>;
  logger: Logger;
  /** Largest form accepted, in bytes: the web server's limit. */
  maxBodyBytes: number;
  /** ORIENTEUR_PUBLIC_URL: its host makes event UIDs unique; forms posted from it are ours. */
  publicUrl: string;
  /** Reports per client (10 per 10 minutes). */
  reportThrottle?: ThrottleOptions;
  now?: () => Date;
}

const defaultReportThrottle: ThrottleOptions = { limit: 10, windowMs: 10 * 60 * 1000, maxKeys: 10_000 };

const PREFIXES = ["/services/", "/besoins", "/lieux", "/communes/", "/agenda", "/pratiques", "/couverture", "/sitemap.xml"];

/** Whether a path belongs to the directory (« /besoins » and « /besoins/… », not « /besoinsX »). */
function isDirectoryPath(path: string): boolean {
  return PREFIXES.some((prefix) => (prefix.endsWith("/") ? path.startsWith(prefix) : path === prefix || path.startsWith(`${prefix}/`) || path === `${prefix}.ics`));
}

/** The decoded segment of a path, or undefined when it is not valid percent-encoding. */
function segment(value: string): string | undefined {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}

/** Handles the directory's routes; resolves to false when the path is not one of them. */
export function createDirectoryRoutes(options: DirectoryOptions) {
  const perClient = createThrottle(options.reportThrottle ?? defaultReportThrottle);
  const now = options.now ?? (() => new Date());
  let host = "orienteur.invalid";
  try {
    host = new URL(options.publicUrl).hostname;
  } catch {
    // no public address: UIDs still unique within this base
  }

  return async function handle(request: IncomingMessage, response: ServerResponse, url: URL): Promise<boolean> {
    const path = url.pathname;
    if (!isDirectoryPath(path)) return false;
    const orienteur = options.orienteur();
    const today = todayInParis(now());
    const baseName = orienteur.base.info.nom;
    const html = (status: number, body: string) => {
      response.writeHead(status, { "content-type": "text/html; charset=utf-8", "cache-control": "no-cache" });
      response.end(body);
      return true;
    };
    const notFound = (message: string) =>
      html(404, directoryPage({ title: directoryTexts.notFound.title, baseName, body: `${notice(message, "erreur")}<p>${link("/besoins", directoryTexts.notFound.back)}</p>` }));
    const calendar = (status: number, body: string, filename?: string) => {
      response.writeHead(status, {
        "content-type": status === 200 ? "text/calendar; charset=utf-8" : "text/plain; charset=utf-8",
        "cache-control": "no-cache",
        ...(filename && status === 200 ? { "content-disposition": `attachment; filename="${filename}"` } : {}),
      });
      response.end(body);
      return true;
    };

    const report = /^\/services\/([^/]+)\/signaler$/.exec(path);
    const method = request.method === "HEAD" ? "GET" : (request.method ?? "GET");
    const allowed = report ? "POST" : "GET, HEAD";
    if (!allowed.split(", ").includes(method)) {
      response.setHeader("allow", allowed);
      return html(405, directoryPage({ title: directoryTexts.methodNotAllowedTitle, baseName, body: notice(directoryTexts.methodNotAllowed, "erreur") }));
    }

    if (report) {
      const id = segment(report[1]!) ?? "";
      const service = orienteur.service(id);
      if (!service) return notFound(directoryTexts.notFound.service(id.slice(0, 100)));
      const r = directoryTexts.report;
      const refuse = (status: number, text: string) => html(status, servicePage(orienteur, service, today, { notice: notice(text, "erreur") }));
      if (postedFromElsewhere(request, options.publicUrl)) return refuse(403, r.crossSite);
      const form = await readFormWithin(request, response, options.maxBodyBytes);
      if (!form) return refuse(413, r.tooLarge(options.maxBodyBytes));
      const typed = form.get("texte") ?? "";
      if (!perClient.allow(clientOf(request))) return html(429, servicePage(orienteur, service, today, { notice: notice(r.tooMany, "erreur"), typed }));
      const outcome = await reportFromPage(options, service, typed);
      return html(outcome.status, servicePage(orienteur, service, today, { notice: outcome.notice, ...(outcome.typed !== undefined ? { typed: outcome.typed } : {}) }));
    }

    const service = /^\/services\/([^/]+)$/.exec(path);
    if (service) {
      const id = segment(service[1]!) ?? "";
      const found = orienteur.service(id);
      return found ? html(200, servicePage(orienteur, found, today)) : notFound(directoryTexts.notFound.service(id.slice(0, 100)));
    }
    if (path === "/besoins") return html(200, needsPage(orienteur));
    const need = /^\/besoins\/([^/]+)$/.exec(path);
    if (need) {
      const id = segment(need[1]!) ?? "";
      const besoin = orienteur.base.besoins.find((b) => b.id === id);
      return besoin ? html(200, needPage(orienteur, besoin, url.searchParams, today)) : notFound(directoryTexts.notFound.need(id.slice(0, 100)));
    }
    if (path === "/lieux") {
      const page = placePage(orienteur, url.searchParams, today);
      return html(page.status, page.html);
    }
    const commune = /^\/communes\/([^/]+)$/.exec(path);
    if (commune) {
      const code = segment(commune[1]!) ?? "";
      if (!orienteur.places.commune(code)) return notFound(directoryTexts.notFound.commune(code.slice(0, 20)));
      const page = placePage(orienteur, url.searchParams, today, code);
      return html(page.status, page.html);
    }
    if (path === "/agenda") return html(200, agendaPage(orienteur, url.searchParams, today));
    if (path === "/agenda.ics") {
      const feed = agendaFeed(orienteur, url.searchParams, host, now());
      return calendar(feed.status, feed.body);
    }
    const event = /^\/agenda\/([^/]+)\.ics$/.exec(path);
    if (event) {
      const id = segment(event[1]!) ?? "";
      const found = orienteur.base.agenda.find((e) => e.id === id);
      if (!found) return notFound(directoryTexts.notFound.event(id.slice(0, 100)));
      return calendar(200, eventIcs(orienteur, found, host, now()), `${found.id}.ics`);
    }
    if (path === "/pratiques") return html(200, practicesPage(orienteur));
    if (path === "/sitemap.xml") {
      response.writeHead(200, { "content-type": "application/xml; charset=utf-8", "cache-control": "no-cache" });
      response.end(sitemap(orienteur, options.publicUrl));
      return true;
    }
    if (path === "/couverture") return html(200, coveragePage(orienteur, url.searchParams));
    return notFound(directoryTexts.notFound.page);
  };
}
