// The web directory over HTTP, as a browser or a calendar app sees it: service pages with their
// report form, browsing by need and by place, agenda page and iCalendar feed, coverage table.
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadKnowledge } from "../../knowledge/load/load-knowledge.ts";
import { createOrienteur, type Orienteur } from "../../knowledge/orienteur.ts";
import { createFeedbackRepository } from "../../bot/feedback/repository.ts";
import { feedbackTexts } from "../../bot/feedback/texts.ts";
import { readConfig } from "../../bot/server/config.ts";
import { createLogger } from "../../bot/server/logger.ts";
import { startServer } from "../../bot/server/start.ts";
import { openStore } from "../../bot/store/store.ts";
import { brokenCopy, DEMO_DIR, demoOrienteur, MINI_DIR } from "../helpers/bases.ts";
import { startDirectoryServer, type DirectoryServer } from "./directory-server.ts";

let demo: Orienteur;
let server: DirectoryServer;

beforeAll(async () => {
  demo = await demoOrienteur();
  server = await startDirectoryServer(demo);
});
afterAll(() => server?.close());

const get = (path: string, init?: RequestInit) => fetch(`${server.url}${path}`, init);
const page = async (path: string) => {
  const response = await get(path);
  return { status: response.status, html: await response.text(), headers: response.headers };
};
/** The visible text of a page, tags removed and entities read, for assertions about wording. */
const visible = (html: string) =>
  html
    .replace(/<script[\s\S]*?<\/script>/g, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");
const jsonLd = (html: string) => JSON.parse(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html)![1]!) as Record<string, any>;
const report = (id: string, texte: string, headers: Record<string, string> = {}) =>
  get(`/services/${id}/signaler`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", "sec-fetch-site": "same-origin", ...headers }, body: new URLSearchParams({ texte }) });

describe("a service's page", () => {
  it("puts the plain-language summary first, then who, where (by name), how to reach it, access, cost and how to refer", async () => {
    const { status, html } = await page("/services/portage-repas-coeur-de-loire");
    expect(status).toBe(200);
    const text = visible(html);
    const order = ["Une association vous apporte des repas", "Pour qui", "Personnes âgées", "Où il intervient", "CC Coeur de Loire", "Comment le joindre", "01 99 00 70 13", "Coordinatrice des livraisons", "du lundi au vendredi, 8 h–12 h", "Conditions d'accès", "Coût", "9 € le repas", "Orienter une personne", "au moins 3 jours avant", "Signaler une erreur"];
    const positions = order.map((words) => text.indexOf(words));
    expect(positions.every((p) => p >= 0), `missing: ${order.filter((_, i) => positions[i]! < 0).join(", ")}`).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(text).not.toContain("200067916");
    expect(text).toContain("Vérifiée le 25 juin 2026");
    expect(text).toContain("À jour");
    expect(html).toContain('<a href="tel:+33199007013">');
  });

  it("gives the phone hours apart, and the communes it serves only in part", async () => {
    const text = visible((await page("/services/portage-repas-coeur-de-loire")).html);
    expect(text).toContain("Au téléphone du lundi au vendredi, 8 h–12 h et 14 h–16 h");
    expect(text).toContain("En partie seulement, dans ces communes (vérifiez l'adresse de la personne) : Cosne-Cours-sur-Loire : hameaux et écarts seulement");
  });

  it("names the communes it serves, expands the sigles it uses, and links its needs", async () => {
    const text = visible((await page("/services/clic-haut-nivernais")).html);
    expect(text).toContain("Sigles de cette page");
    expect(text).toMatch(/CLIC .*Centre local d'information et de coordination/i);
    const { html } = await page("/services/portage-repas-coeur-de-loire");
    expect(html).toContain('<a href="/besoins/portage-repas">Portage de repas à domicile</a>');
  });

  it("gives search engines schema.org data: name, description, phone, e-mail, address, area served, hours", async () => {
    const data = jsonLd((await page("/services/portage-repas-coeur-de-loire")).html);
    expect(data).toMatchObject({
      "@context": "https://schema.org",
      "@type": "Service",
      name: "Portage de repas Coeur de Loire",
      areaServed: [{ "@type": "AdministrativeArea", name: "CC Coeur de Loire" }],
      provider: {
        "@type": "LocalBusiness",
        telephone: "01 99 00 70 13",
        email: "commandes@tables-valdeloire.example.org",
        address: { streetAddress: "6 rue des Forges", postalCode: "58200", addressLocality: "Cosne-Cours-sur-Loire" },
        openingHours: ["Mo-Fr 08:00-12:00"],
      },
    });
  });

  it("is listed in /sitemap.xml by its full address, with the day it was last checked", async () => {
    const response = await get("/sitemap.xml");
    expect(response.headers.get("content-type")).toBe("application/xml; charset=utf-8");
    const xml = await response.text();
    expect(xml).toContain("<url><loc>https://orienteur.example.org/services/portage-repas-coeur-de-loire</loc><lastmod>2026-06-25</lastmod></url>");
    expect(xml.match(/<url>/g)).toHaveLength(3 + demo.base.besoins.length + demo.base.services.length);
  });

  it("answers an unknown service with a French 404 page", async () => {
    const { status, html } = await page("/services/nexiste-pas");
    expect(status).toBe(404);
    expect(visible(html)).toContain("Aucun service « nexiste-pas » dans l'annuaire");
    expect(html).toContain('lang="fr"');
  });

  it("is refused to a page of another site that rebinds its name to this server (Host check)", async () => {
    const { request } = await import("node:http");
    const status = await new Promise<number>((resolve, reject) => {
      const url = new URL(`${server.url}/services/portage-repas-coeur-de-loire`);
      request({ host: url.hostname, port: url.port, path: url.pathname, headers: { host: "attaquant.example" } }, (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      })
        .on("error", reject)
        .end();
    });
    expect(status).toBe(421);
  });

  it("answers HEAD like GET without a body, and refuses other methods with 405 and Allow", async () => {
    const head = await get("/services/portage-repas-coeur-de-loire", { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe("");
    const put = await get("/besoins", { method: "PUT", body: "x" });
    expect(put.status).toBe(405);
    expect(put.headers.get("allow")).toBe("GET, HEAD");
    const getReport = await get("/services/portage-repas-coeur-de-loire/signaler");
    expect(getReport.status).toBe(405);
    expect(getReport.headers.get("allow")).toBe("POST");
  });
});

describe("the « Signaler une erreur » form", () => {
  it("stores the report as a field report, tells the editors, and thanks the person", async () => {
    const response = await report("portage-repas-coeur-de-loire", "Le numéro a changé : 01 99 00 70 99, appeler Mme Durand au 06 12 34 56 78");
    expect(response.status).toBe(200);
    const text = visible(await response.text());
    expect(text).toMatch(/Merci : votre signalement n° \d+ est enregistré/);
    const saved = server.feedback.signalements().at(-1)!;
    expect(saved).toMatchObject({ platform: "web", room: null, serviceId: "portage-repas-coeur-de-loire" });
    expect(saved.texte).not.toContain("06 12 34 56 78");
    const notice = JSON.stringify(server.editors.at(-1));
    expect(notice).toContain(`Signalement n° ${saved.id}`);
    expect(notice).toContain("Venu de la page web du service");
  });

  it("refuses an empty report, a report posted from another site, and a body over the limit", async () => {
    const empty = await report("portage-repas-coeur-de-loire", "   ");
    expect(empty.status).toBe(400);
    expect(visible(await empty.text())).toContain("Écrivez ce qui est à corriger");
    const before = server.feedback.signalements().length;
    const crossSite = await report("portage-repas-coeur-de-loire", "faux", { "sec-fetch-site": "cross-site" });
    expect(crossSite.status).toBe(403);
    const large = await report("portage-repas-coeur-de-loire", "x".repeat(70 * 1024));
    expect(large.status).toBe(413);
    expect(server.feedback.signalements().length).toBe(before);
  });

  it("keeps what was typed when a report is too long", async () => {
    const response = await report("portage-repas-coeur-de-loire", "trop long ".repeat(250));
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(visible(html)).toContain("dépasse 2000 caractères");
    expect(html).toMatch(/<textarea[^>]*>trop long trop long/);
  });
});

describe("browsing", () => {
  it("lists the needs with their everyday labels, by domain, with how many services answer", async () => {
    const text = visible((await page("/besoins")).html);
    expect(text).toContain("Autonomie et vieillissement");
    expect(text).toMatch(/Portage de repas à domicile \(\d+ services?\)/);
  });

  it("lists all the portage de repas of the Nièvre, marking those serving only part of it", async () => {
    const { html } = await page(`/besoins/portage-repas?lieu=${encodeURIComponent("Nièvre")}`);
    const text = visible(html);
    expect(text).toContain("5 services dans le département Nièvre (58)");
    for (const id of ["portage-repas-coeur-de-loire", "portage-repas-haut-nivernais", "portage-repas-nevers-agglo"]) expect(html).toContain(`href="/services/${id}"`);
    expect(text).toContain("une partie seulement");
    expect(text).toMatch(/vérifiée en \S+ 20\d\d/);
  });

  it("shows everything that serves Clamecy, grouped by need, from a typed name", async () => {
    const { status, html } = await page("/lieux?lieu=Clamecy");
    expect(status).toBe(200);
    const text = visible(html);
    expect(text).toContain("Services à Clamecy");
    expect(html).toContain("<h2 id=\"besoin-portage-repas\">Portage de repas à domicile</h2>");
    expect(html).toContain('href="/services/portage-repas-haut-nivernais"');
    expect(html).not.toContain('href="/services/portage-repas-coeur-de-loire"');
  });

  it("offers the homonyms of a shared name as choices, and says when a place is unknown", async () => {
    const { html } = await page("/lieux?lieu=Montigny");
    expect(visible(html)).toContain("Plusieurs communes s'appellent « Montigny »");
    expect(html).toMatch(/href="\/communes\/\d{5}">Montigny-sur-Canne/);
    const unknown = visible((await page("/lieux?lieu=Atlantide")).html);
    expect(unknown).toContain("Lieu introuvable : « Atlantide »");
    const commune = await page("/communes/58079");
    expect(visible(commune.html)).toContain("Services à Clamecy");
    expect((await page("/communes/99999")).status).toBe(404);
  });

  it("shows the good practices and the agenda as pages", async () => {
    const practices = visible((await page("/pratiques")).html);
    expect(practices).toContain("Bonnes pratiques");
    expect(practices).toContain("Partenaires");
    const agenda = await page("/agenda");
    expect(visible(agenda.html)).toContain("Ajouter à mon agenda");
    // Events over before the page's day are not shown.
    expect(agenda.html).not.toContain("Forum des aidants de la Nièvre");
    expect(agenda.html).toContain('<link rel="alternate" type="text/calendar"');
  });
});

describe("long lists", () => {
  it("shows a need's services a page at a time, and ten per need on a place's page with a link to all", async () => {
    // 55 portage de repas services covering the whole département, besides the base's own (56 in all).
    const list = Array.from({ length: 55 }, (_, i) => {
      const n = String(i + 1).padStart(2, "0");
      return `- id: portage-${n}\n  nom: Portage de repas numéro ${n}\n  description_falc: Des repas livrés chez vous, partout dans la Nièvre.\n  description: Livraison de repas à domicile dans tout le département.\n  besoins: [portage-repas]\n  publics: [personnes-agees]\n  zone_eligibilite: ["58"]\n  telephone: 01 99 00 20 ${n}\n  date_maj: 2026-09-01\n`;
    }).join("");
    const copy = brokenCopy({ "services/portages.yaml": list });
    try {
      server.swap(createOrienteur(await loadKnowledge(copy.dir)));
      const first = await page("/besoins/portage-repas?lieu=Clamecy");
      expect([...first.html.matchAll(/href="\/services\/portage-[a-z0-9]+"/g)]).toHaveLength(50);
      expect(visible(first.html)).toContain("Page 1 sur 2");
      const next = /<a href="([^"]+)" rel="next">Page suivante<\/a>/.exec(first.html)![1]!.replace(/&amp;/g, "&");
      expect(next).toBe("/besoins/portage-repas?lieu=Clamecy&page=2");
      const second = await page(next);
      expect([...second.html.matchAll(/href="\/services\/portage-[a-z0-9]+"/g)]).toHaveLength(6);
      expect(second.html).toContain('href="/services/portage-55"');

      const place = await page("/communes/58079");
      expect([...place.html.matchAll(/href="\/services\/portage-[a-z0-9]+"/g)]).toHaveLength(10);
      expect(place.html).toContain('<a href="/besoins/portage-repas?commune=58079">Voir les 56 services « Portage de repas à domicile »</a>');
    } finally {
      server.swap(demo);
      copy.cleanup();
    }
  });
});

describe("the coverage table", () => {
  it("lists for each need the EPCI whose communes have no service, sortable by links", async () => {
    const { html } = await page("/couverture");
    expect(html).toContain("<caption");
    expect(html).toMatch(/<th scope="col" aria-sort="ascending"><a href="\/couverture\?tri=besoin&ordre=desc"/);
    const sorted = await page("/couverture?tri=manque&ordre=desc");
    expect(sorted.html).toContain('aria-sort="descending"');
    const ratios = [...sorted.html.matchAll(/<td>(\d+) sur (\d+)<\/td>/g)].map((m) => Number(m[1]) / Number(m[2]));
    expect(ratios.length).toBeGreaterThan(3);
    expect([...ratios].sort((a, b) => b - a)).toEqual(ratios);
  });

  it("leaves out needs answered commune by commune (CCAS), as kb check does", async () => {
    // The small base: its premier accueil social is one CCAS; its portage de repas covers one EPCI.
    server.swap(createOrienteur(await loadKnowledge(MINI_DIR)));
    try {
      const { html } = await page("/couverture");
      expect(html).toContain('href="/besoins/portage-repas"');
      expect(html).not.toContain('href="/besoins/premier-accueil-social"');
    } finally {
      server.swap(demo);
    }
  });
});

describe("the agenda feed", () => {
  it("is valid iCalendar: CRLF lines of at most 75 octets, Paris time zone, one VEVENT per event with UID and DTSTAMP", async () => {
    const response = await get("/agenda.ics");
    expect(response.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    const body = await response.text();
    expect(body.endsWith("\r\n")).toBe(true);
    expect(body.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    for (const line of body.split("\r\n")) expect(Buffer.byteLength(line, "utf8")).toBeLessThanOrEqual(75);
    const calendar = new ICAL.Component(ICAL.parse(body));
    expect(calendar.getFirstSubcomponent("vtimezone")?.getFirstPropertyValue("tzid")).toBe("Europe/Paris");
    ICAL.TimezoneService.register(calendar.getFirstSubcomponent("vtimezone")!);
    const events = calendar.getAllSubcomponents("vevent");
    expect(events).toHaveLength(demo.base.agenda.length);
    const forum = new ICAL.Event(events.find((e) => e.getFirstPropertyValue("uid") === "forum-aidants-nevers-2026-11@orienteur.example.org")!);
    expect(forum.summary).toBe("Forum des aidants de la Nièvre");
    expect(forum.startDate.zone.tzid).toBe("Europe/Paris");
    expect(forum.startDate.toString()).toBe("2026-11-27T09:30:00");
    // 09:30 in Paris in November is 08:30 UTC.
    expect(forum.startDate.toUnixTime()).toBe(Date.UTC(2026, 10, 27, 8, 30) / 1000);
    expect(forum.description).toContain("Une journée ouverte aux proches aidants");
    expect(String(events[0]!.getFirstPropertyValue("dtstamp"))).toMatch(/Z$/);
  });

  it("is filtered by territory and theme", async () => {
    const parse = async (query: string) => new ICAL.Component(ICAL.parse(await (await get(`/agenda.ics${query}`)).text())).getAllSubcomponents("vevent").map((e) => String(e.getFirstPropertyValue("uid")));
    const aidants = await parse("?theme=aidants");
    expect(aidants.length).toBeGreaterThan(0);
    expect(aidants.length).toBeLessThan(demo.base.agenda.length);
    expect(aidants).toContain("forum-aidants-nevers-2026-11@orienteur.example.org");
    const clamecy = await parse("?territoire=Clamecy");
    expect(clamecy).toContain("permanence-point-justice-clamecy-2026-12@orienteur.example.org");
    expect(clamecy.length).toBeLessThan(demo.base.agenda.length);
    expect((await get("/agenda.ics?territoire=Atlantide")).status).toBe(400);
  });

  it("gives one event to add to a calendar, as a file", async () => {
    const response = await get("/agenda/forum-aidants-nevers-2026-11.ics");
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="forum-aidants-nevers-2026-11.ics"');
    const events = new ICAL.Component(ICAL.parse(await response.text())).getAllSubcomponents("vevent");
    expect(events).toHaveLength(1);
    expect((await get("/agenda/inconnu.ics")).status).toBe(404);
  });
});

describe("hostile text in a base", () => {
  it("is escaped in the page, in its schema.org block and in the feed", async () => {
    const hostile = 'Service </script><img src=x onerror=alert(1)> « test », ok; \\ fin';
    const copy = brokenCopy({
      "services/hostile.yaml": `id: hostile\nnom: "${hostile.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"\ndescription_falc: "Un service pour tester l'échappement <b>gras</b> du texte."\ndescription: "Une description assez longue </script> pour passer."\nbesoins: [portage-repas]\npublics: [personnes-agees]\nzone_eligibilite: ["58"]\ntelephone: 01 99 00 10 09\ndate_maj: 2025-01-10\n`,
    });
    mkdirSync(join(copy.dir, "agenda"));
    const { writeFileSync } = await import("node:fs");
    writeFileSync(
      join(copy.dir, "agenda", "evt.yaml"),
      `id: evt-hostile\ntitre: "Réunion, salle 2; étage \\\\ 1 </script>"\ndescription: "Première ligne.\\nDeuxième ligne avec des accents éèà et un texte assez long pour être plié au-delà de soixante-quinze octets."\ndebut: 2027-03-30T14:00\nfin: 2027-03-30T16:30\nlieu: "Mairie, 1 place; Clamecy"\npublic: Professionnels\n`,
    );
    try {
      server.swap(createOrienteur(await loadKnowledge(copy.dir)));
      const { html } = await page("/services/hostile");
      expect(html).not.toContain("<img src=x");
      expect(html).not.toContain("<b>gras</b>");
      expect(html.match(/<\/script>/g)).toHaveLength(1);
      expect(jsonLd(html).name).toBe(hostile);
      // An entry not checked for longer than its frequency (6 months by default) is to recheck, in lists too.
      expect(visible(html)).toContain("À revérifier");
      expect(visible((await page("/besoins/portage-repas")).html)).toContain("vérifiée en janvier 2025 — à revérifier");

      const feed = await (await get("/agenda.ics")).text();
      expect(feed).toContain("SUMMARY:Réunion\\, salle 2\\; étage \\\\ 1 </script>");
      const event = new ICAL.Event(new ICAL.Component(ICAL.parse(feed)).getFirstSubcomponent("vevent")!);
      expect(event.summary).toBe("Réunion, salle 2; étage \\ 1 </script>");
      expect(event.location).toBe("Mairie, 1 place; Clamecy");
      expect(event.description).toContain("Première ligne.\nDeuxième ligne avec des accents éèà et un texte assez long pour être plié au-delà de soixante-quinze octets.");
    } finally {
      server.swap(demo);
      copy.cleanup();
    }
  });

  it("reads the current engine on every request (hot reload)", async () => {
    server.swap(createOrienteur(await loadKnowledge(MINI_DIR)));
    try {
      expect((await page("/services/portage-clamecy")).status).toBe(200);
      expect((await page("/services/portage-repas-coeur-de-loire")).status).toBe(404);
    } finally {
      server.swap(demo);
    }
    expect((await page("/services/portage-repas-coeur-de-loire")).status).toBe(200);
  });
});

describe("the directory in the running server", () => {
  it("serves the pages and keeps a report in the state file, as `orienteur serve` starts them", async () => {
    const dir = mkdtempSync(join(tmpdir(), "orienteur-annuaire-serveur-"));
    const db = join(dir, "state.sqlite");
    const { config } = readConfig({ ORIENTEUR_DB: db, ORIENTEUR_SECRET: "s".repeat(40), ORIENTEUR_MAIL_DIR: join(dir, "courriels") });
    const running = await startServer({ kb: DEMO_DIR, port: 0, host: "127.0.0.1", config, handleSignals: false, logger: createLogger({ level: "silent" }), report: () => {} });
    try {
      expect((await fetch(`${running.url}/services/portage-repas-coeur-de-loire`)).status).toBe(200);
      expect((await fetch(`${running.url}/couverture`)).status).toBe(200);
      expect((await fetch(`${running.url}/agenda.ics`)).headers.get("content-type")).toBe("text/calendar; charset=utf-8");
      const sent = await fetch(`${running.url}/services/portage-repas-coeur-de-loire/signaler`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", "sec-fetch-site": "same-origin" },
        body: new URLSearchParams({ texte: "Les horaires ont changé." }),
      });
      expect(sent.status).toBe(200);
    } finally {
      await running.stop();
    }
    const store = openStore(db);
    const reports = createFeedbackRepository(store.db).signalements();
    store.close();
    rmSync(dir, { recursive: true, force: true });
    expect(reports).toMatchObject([{ platform: "web", serviceId: "portage-repas-coeur-de-loire", texte: "Les horaires ont changé." }]);
    // What `orienteur signalements` lists for the editors: where it came from, not « message direct ».
    const [saved] = reports;
    expect(feedbackTexts.cli.line(saved!.id, saved!.createdAt, saved!.serviceId, saved!.platform, saved!.room)).toContain("portage-repas-coeur-de-loire (page web du service)");
  });
});
