// /sitemap.xml: every page of the directory a search engine should read (service pages with the day
// they were last checked, needs, agenda, practices), by full address (ORIENTEUR_PUBLIC_URL).
import type { Orienteur } from "../../../knowledge/orienteur.ts";
import { escapeHtml } from "../../../knowledge/text/html.ts";

/** The sitemaps.org XML of the directory; `publicUrl` without its trailing slash is put before each path. */
export function sitemap(orienteur: Orienteur, publicUrl: string): string {
  const base = publicUrl.replace(/\/+$/, "");
  const entry = (path: string, lastmod?: string) => `<url><loc>${escapeHtml(`${base}${path}`)}</loc>${lastmod ? `<lastmod>${lastmod}</lastmod>` : ""}</url>`;
  const entries = [
    entry("/besoins"),
    entry("/agenda"),
    entry("/pratiques"),
    ...orienteur.base.besoins.map((besoin) => entry(`/besoins/${encodeURIComponent(besoin.id)}`)),
    ...orienteur.base.services.map((service) => entry(`/services/${encodeURIComponent(service.id)}`, service.date_maj)),
  ];
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${entries.join("\n")}\n</urlset>\n`;
}
