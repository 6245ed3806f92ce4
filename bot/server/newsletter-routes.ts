// HTTP side of the newsletter: subscription form, double opt-in, one-click unsubscription
// (RFC 8058: only a POST unsubscribes, a GET shows a page), preferences, export and erasure,
// and the web archive. Logic lives in newsletters/subscribe/service.ts.
//
// Forms are refused when posted from another site (Origin / Sec-Fetch-Site), except the one-click
// unsubscription, which mail providers post from their own servers. The subscription form is
// throttled per client; bodies over the limit get a 413 page, never a silently cut form.
import type { IncomingMessage, ServerResponse } from "node:http";
import { archiveResponse } from "../../newsletters/archive/serve.ts";
import type { SubscriptionService } from "../../newsletters/subscribe/service.ts";
import { subscribeTexts } from "../../newsletters/subscribe/texts.ts";
import { createThrottle, type ThrottleOptions } from "../../newsletters/subscribe/throttle.ts";
import { confirmForm, eraseConfirmation, message, page, preferencesForm, subscribeForm, type FormValues } from "./pages.ts";

export interface NewsletterRoutesOptions {
  /** Everything about subscribers, the base's themes and territory names included. */
  subscriptions: SubscriptionService;
  /** Folder of the web archive written by `newsletter build` (index.html, <n>.html, feed.atom). */
  archiveDir: string;
  maxBodyBytes: number;
  /** Subscription requests per client (20 per 10 minutes). */
  clientThrottle?: ThrottleOptions;
}

const defaultClientThrottle: ThrottleOptions = { limit: 20, windowMs: 10 * 60 * 1000, maxKeys: 10_000 };

/** A form body over the size limit (the caller answers 413). */
class FormTooLarge extends Error {}

/** Handles the newsletter routes; resolves to false when the path is not one of them. */
export function createNewsletterRoutes(options: NewsletterRoutesOptions) {
  const perClient = createThrottle(options.clientThrottle ?? defaultClientThrottle);
  const { subscriptions } = options;

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
    // HEAD answers as GET without a body (node leaves the body out of HEAD responses).
    const method = request.method === "HEAD" ? "GET" : (request.method ?? "GET");
    const send = (status: number, title: string, body: string) => {
      // « same-origin » rather than the site's « no-referrer »: with no-referrer a browser posts the
      // page's forms with « Origin: null », and the same-origin check could not tell them from a
      // sandboxed page elsewhere. Links to other sites still carry no referrer (nor the token).
      response.writeHead(status, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store", "referrer-policy": "same-origin" });
      response.end(page(title, body));
      return true;
    };
    const refuse = (status: number, title: string, text: string) => send(status, title, message(text, "erreur"));

    if (method === "POST" && path !== "/lettre/desabonnement" && postedFromElsewhere(request, subscriptions.baseUrl)) {
      return refuse(403, "Formulaire refusé", subscribeTexts.crossSite);
    }
    const form = method === "POST" ? await readFormWithin(request, response, options.maxBodyBytes) : new URLSearchParams();
    if (!form) return refuse(413, "Formulaire trop volumineux", subscribeTexts.tooLarge(options.maxBodyBytes));
    const typed = (): FormValues => ({
      courriel: (form.get("courriel") ?? "").slice(0, 254),
      prenom: (form.get("prenom") ?? "").slice(0, 80),
      territoire: (form.get("territoire") ?? "").slice(0, 120),
      themes: form.getAll("themes"),
    });

    switch (`${method} ${path}`) {
      case "GET /lettre":
        return send(200, "Lettre d'information", subscribeForm(subscriptions.themes()));
      case "POST /lettre/abonnement": {
        if (!perClient.allow(clientOf(request))) {
          return send(429, "Abonnement", subscribeForm(subscriptions.themes(), typed(), message(subscribeTexts.tooManyRequests, "erreur")));
        }
        const values = typed();
        const outcome = await subscriptions.request(values.courriel ?? "", { prenom: values.prenom, territoire: values.territoire, themes: [...(values.themes ?? [])] }, "web");
        return outcome.ok
          ? send(200, "Abonnement", `${message(outcome.message)}\n<p><a href="/lettres/">Lire les lettres déjà parues</a></p>`)
          : send(400, "Abonnement", subscribeForm(subscriptions.themes(), values, message(outcome.message, "erreur")));
      }
      case "GET /lettre/confirmation":
        return subscriptions.subscriberFor("confirmer", token)
          ? send(200, "Confirmer l'abonnement", confirmForm(`/lettre/confirmation?jeton=${encodeURIComponent(token)}`, "Confirmez-vous vouloir recevoir la lettre d'Orienteur ?", "Je confirme"))
          : refuse(400, "Confirmer l'abonnement", subscribeTexts.badLink);
      case "POST /lettre/confirmation": {
        const outcome = subscriptions.confirm(token);
        return outcome.ok ? send(200, "Confirmer l'abonnement", message(outcome.message)) : refuse(400, "Confirmer l'abonnement", outcome.message);
      }
      case "GET /lettre/desabonnement":
        // Link scanners follow GET links: a GET only asks the question.
        return subscriptions.subscriberFor("desabonner", token) || subscriptions.subscriberFor("preferences", token)
          ? send(200, "Désabonnement", confirmForm(`/lettre/desabonnement?jeton=${encodeURIComponent(token)}`, subscribeTexts.unsubscribeQuestion, "Me désabonner"))
          : refuse(400, "Désabonnement", subscribeTexts.badLink);
      case "POST /lettre/desabonnement": {
        // RFC 8058 body « List-Unsubscribe=One-Click », or the page's form: the token decides.
        const outcome = subscriptions.unsubscribe(token);
        return outcome.ok ? send(200, "Désabonnement", message(outcome.message)) : refuse(400, "Désabonnement", outcome.message);
      }
      case "GET /lettre/preferences":
      case "POST /lettre/preferences": {
        const subscriber = subscriptions.subscriberFor("preferences", token);
        if (!subscriber) return refuse(400, "Préférences", subscribeTexts.badLink);
        let notice = "";
        let status = 200;
        let values: FormValues = { prenom: subscriber.prenom ?? "", territoire: subscriptions.territoryName(subscriber), themes: subscriber.themes };
        if (method === "POST") {
          const entered = typed();
          const outcome = subscriptions.updatePreferences(token, { prenom: entered.prenom, territoire: entered.territoire, themes: [...(entered.themes ?? [])] });
          notice = message(outcome.message, outcome.ok ? "info" : "erreur");
          status = outcome.ok ? 200 : 400;
          const saved = subscriptions.subscriberFor("preferences", token) ?? subscriber;
          // After an error the form shows what the person typed, so nothing is to be typed again.
          values = outcome.ok ? { prenom: saved.prenom ?? "", territoire: subscriptions.territoryName(saved), themes: saved.themes } : entered;
        }
        const links = { preferences: token, ...subscriptions.pageTokens(subscriber) };
        return send(status, "Préférences", preferencesForm(subscriptions.themes(), links, values, notice));
      }
      case "GET /lettre/donnees": {
        const outcome = subscriptions.exportData(token);
        if (!outcome.ok) return refuse(400, "Mes données", outcome.message);
        response.writeHead(200, { "content-type": "application/json; charset=utf-8", "content-disposition": 'attachment; filename="mes-donnees-orienteur.json"', "cache-control": "no-store" });
        response.end(JSON.stringify(outcome.value, null, 2));
        return true;
      }
      case "POST /lettre/effacement": {
        const subscriber = subscriptions.subscriberFor("effacer", token);
        if (!subscriber) return refuse(400, "Effacement", subscribeTexts.pageLinkInvalid);
        if (form.get("confirmer") !== "oui") {
          // First step: ask, with a fresh erasure link; nothing is erased yet (works without JavaScript).
          const back = form.get("retour") ?? "";
          const backValid = subscriptions.subscriberFor("preferences", back)?.id === subscriber.id;
          return send(200, "Effacement", eraseConfirmation(subscriptions.pageTokens(subscriber).erase, backValid ? back : undefined));
        }
        const outcome = subscriptions.erase(token);
        return outcome.ok ? send(200, "Effacement", message(outcome.message)) : refuse(400, "Effacement", outcome.message);
      }
      default:
        return refuse(404, "Page introuvable", subscribeTexts.notFound);
    }
  };
}

/**
 * True when a browser says the form comes from another site. Requests without these headers
 * (scripts, mail providers) are not browsers posting on someone's behalf, and pass.
 */
export function postedFromElsewhere(request: IncomingMessage, baseUrl: string): boolean {
  // Every current browser sends Sec-Fetch-Site, and it cannot be set by a page: it decides.
  const site = request.headers["sec-fetch-site"];
  if (typeof site === "string") return site !== "same-origin" && site !== "none";
  const origin = request.headers.origin;
  if (origin === undefined) return false;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    return true; // « null » (a sandboxed or local file) or garbage: not our page
  }
  const ownHosts = [request.headers.host, forwarded(request, "x-forwarded-host")];
  try {
    ownHosts.push(new URL(baseUrl).host);
  } catch {
    // no public URL: the Host header decides
  }
  return !ownHosts.includes(host);
}

/** A header set by a proxy on this machine; ignored from anyone else, who could make it up. */
function forwarded(request: IncomingMessage, name: string): string | undefined {
  const peer = request.socket.remoteAddress ?? "";
  const local = peer === "127.0.0.1" || peer === "::1" || peer === "::ffff:127.0.0.1";
  const value = request.headers[name];
  return local && typeof value === "string" ? value.split(",").at(-1)!.trim() || undefined : undefined;
}

/** The client, for throttling: the connection's address, or the one a local proxy forwards. */
export function clientOf(request: IncomingMessage): string {
  return forwarded(request, "x-forwarded-for") ?? request.socket.remoteAddress ?? "inconnu";
}

/**
 * The posted form, or undefined when it is larger than `maxBytes`: the caller answers 413, and the
 * connection closes after that answer (the rest of the body is never read).
 */
export async function readFormWithin(request: IncomingMessage, response: ServerResponse, maxBytes: number): Promise<URLSearchParams | undefined> {
  try {
    return await readForm(request, maxBytes);
  } catch (error) {
    if (!(error instanceof FormTooLarge)) throw error;
    response.setHeader("connection", "close");
    return undefined;
  }
}

async function readForm(request: IncomingMessage, maxBytes: number): Promise<URLSearchParams> {
  const declared = Number(request.headers["content-length"] ?? 0);
  if (declared > maxBytes) throw new FormTooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) throw new FormTooLarge();
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
