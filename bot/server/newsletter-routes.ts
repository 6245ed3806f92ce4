// HTTP side of the newsletter: subscription form, double opt-in, one-click unsubscription
// (RFC 8058: only a POST unsubscribes, a GET shows a page), preferences, export and erasure,
// and the web archive. Logic lives in newsletters/subscribe/service.ts.
import type { IncomingMessage, ServerResponse } from "node:http";
import { archiveResponse } from "../../newsletters/archive/serve.ts";
import type { Orienteur } from "../../knowledge/orienteur.ts";
import type { SubscriptionService } from "../../newsletters/subscribe/service.ts";
import { subscribeTexts } from "../../newsletters/subscribe/texts.ts";
import { escapeHtml } from "../render/html.ts";
import { confirmForm, message, page } from "./pages.ts";

export interface NewsletterRoutesOptions {
  subscriptions: SubscriptionService;
  orienteur: () => Orienteur;
  /** Folder of the web archive written by `newsletter build` (index.html, <n>.html, feed.atom). */
  archiveDir: string;
  maxBodyBytes: number;
}

/** Handles the newsletter routes; resolves to false when the path is not one of them. */
export function createNewsletterRoutes(options: NewsletterRoutesOptions) {
  return async function handle(request: IncomingMessage, response: ServerResponse, url: URL): Promise<boolean> {
    const path = url.pathname;
    const archived = await archiveResponse(options.archiveDir, path);
    if (archived) {
      response.writeHead(archived.status, archived.headers);
      response.end(archived.body);
      return true;
    }
    if (path !== "/lettre" && !path.startsWith("/lettre/")) return false;
    const token = url.searchParams.get("jeton") ?? "";
    const method = request.method ?? "GET";
    const send = (status: number, title: string, body: string) => {
      response.writeHead(status, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
      response.end(page(title, body));
      return true;
    };

    switch (`${method} ${path}`) {
      case "GET /lettre":
        return send(200, "Lettre d'information", subscribeForm(options.orienteur()));
      case "POST /lettre/abonnement": {
        const form = await readForm(request, options.maxBodyBytes);
        const outcome = await options.subscriptions.request(form.get("courriel") ?? "", { prenom: form.get("prenom") ?? undefined, territoire: form.get("territoire") ?? undefined, themes: form.getAll("themes") }, "web");
        return send(outcome.ok ? 200 : 400, "Abonnement", message(outcome.message) + (outcome.ok ? "" : subscribeForm(options.orienteur())));
      }
      case "GET /lettre/confirmation":
        return options.subscriptions.subscriberFor("confirmer", token)
          ? send(200, "Confirmer l'abonnement", confirmForm(`/lettre/confirmation?jeton=${encodeURIComponent(token)}`, "Confirmez-vous vouloir recevoir la lettre d'Orienteur ?", "Je confirme"))
          : send(400, "Confirmer l'abonnement", message(subscribeTexts.badLink));
      case "POST /lettre/confirmation": {
        const outcome = options.subscriptions.confirm(token);
        return send(outcome.ok ? 200 : 400, "Confirmer l'abonnement", message(outcome.message));
      }
      case "GET /lettre/desabonnement":
        // Link scanners follow GET links: a GET only asks the question.
        return options.subscriptions.subscriberFor("desabonner", token)
          ? send(200, "Désabonnement", confirmForm(`/lettre/desabonnement?jeton=${encodeURIComponent(token)}`, subscribeTexts.unsubscribeQuestion, "Me désabonner"))
          : send(400, "Désabonnement", message(subscribeTexts.badLink));
      case "POST /lettre/desabonnement": {
        await readForm(request, options.maxBodyBytes); // RFC 8058 body « List-Unsubscribe=One-Click », or the page's form
        const outcome = options.subscriptions.unsubscribe(token);
        return send(outcome.ok ? 200 : 400, "Désabonnement", message(outcome.message));
      }
      case "GET /lettre/preferences": {
        const subscriber = options.subscriptions.subscriberFor("preferences", token);
        if (!subscriber) return send(400, "Préférences", message(subscribeTexts.badLink));
        return send(200, "Préférences", preferencesForm(options.orienteur(), token, subscriber.prenom ?? "", subscriber.territoire?.code ?? "", subscriber.themes));
      }
      case "POST /lettre/preferences": {
        const form = await readForm(request, options.maxBodyBytes);
        const outcome = options.subscriptions.updatePreferences(token, { prenom: form.get("prenom") ?? undefined, territoire: form.get("territoire") ?? undefined, themes: form.getAll("themes") });
        return send(outcome.ok ? 200 : 400, "Préférences", message(outcome.message));
      }
      case "GET /lettre/donnees": {
        const outcome = options.subscriptions.exportData(token);
        if (!outcome.ok) return send(400, "Mes données", message(outcome.message));
        response.writeHead(200, { "content-type": "application/json; charset=utf-8", "content-disposition": 'attachment; filename="mes-donnees-orienteur.json"', "cache-control": "no-store" });
        response.end(JSON.stringify(outcome.value, null, 2));
        return true;
      }
      case "POST /lettre/effacement": {
        const outcome = options.subscriptions.erase(token);
        return send(outcome.ok ? 200 : 400, "Effacement", message(outcome.message));
      }
      default:
        return send(404, "Page introuvable", message("Page introuvable."));
    }
  };
}

function themesOf(orienteur: Orienteur): string[] {
  return [...new Set(orienteur.base.besoins.map((b) => b.domaine))].sort((a, b) => a.localeCompare(b, "fr"));
}

function themeBoxes(orienteur: Orienteur, chosen: readonly string[]): string {
  return themesOf(orienteur)
    .map((theme, i) => `<label><input type="checkbox" name="themes" value="${escapeHtml(theme)}"${chosen.includes(theme) ? " checked" : ""} id="theme-${i}"> ${escapeHtml(theme)}</label>`)
    .join("<br>");
}

function subscribeForm(orienteur: Orienteur): string {
  return `<p>Une lettre périodique : nouveaux dispositifs, bonnes pratiques de coopération, agenda. Désabonnement en un clic.</p>
<form method="post" action="/lettre/abonnement">
  <label for="courriel">Adresse e-mail</label><input id="courriel" name="courriel" type="email" required autocomplete="email">
  <label for="prenom">Prénom (facultatif)</label><input id="prenom" name="prenom" autocomplete="given-name">
  <label for="territoire">Territoire (facultatif : département, communauté de communes ou commune)</label><input id="territoire" name="territoire" placeholder="ex. Haut Nivernais">
  <fieldset><legend>Thèmes qui vous intéressent (facultatif)</legend>${themeBoxes(orienteur, [])}</fieldset>
  <div class="actions"><button type="submit">M'abonner</button></div>
  <p class="aide">Nous gardons votre adresse, votre prénom, vos choix et la date de votre accord, rien d'autre. <a href="/lettres/">Lire les lettres déjà parues</a>.</p>
</form>`;
}

function preferencesForm(orienteur: Orienteur, token: string, prenom: string, territoire: string, themes: readonly string[]): string {
  const t = encodeURIComponent(token);
  return `<form method="post" action="/lettre/preferences?jeton=${t}">
  <label for="prenom">Prénom</label><input id="prenom" name="prenom" value="${escapeHtml(prenom)}">
  <label for="territoire">Territoire</label><input id="territoire" name="territoire" value="${escapeHtml(territoire)}">
  <fieldset><legend>Thèmes</legend>${themeBoxes(orienteur, themes)}</fieldset>
  <div class="actions"><button type="submit">Enregistrer</button></div>
</form>
<p><a href="/lettre/donnees?jeton=${t}">Télécharger mes données</a></p>
${confirmForm(`/lettre/desabonnement?jeton=${t}`, "Ne plus recevoir la lettre :", "Me désabonner")}
${confirmForm(`/lettre/effacement?jeton=${t}`, "Effacer toutes mes données :", "Tout effacer")}`;
}

async function readForm(request: IncomingMessage, maxBytes: number): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) break;
    chunks.push(chunk);
  }
  const body = Buffer.concat(chunks).toString("utf8");
  if (/^application\/json\b/i.test(request.headers["content-type"] ?? "")) {
    try {
      const json = JSON.parse(body) as Record<string, unknown>;
      const params = new URLSearchParams();
      for (const [key, value] of Object.entries(json)) for (const v of Array.isArray(value) ? value : [value]) if (typeof v === "string") params.append(key, v);
      return params;
    } catch {
      return new URLSearchParams();
    }
  }
  return new URLSearchParams(body);
}
