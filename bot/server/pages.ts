// Small server-rendered pages of the newsletter (subscription, confirmation, unsubscription,
// preferences, erasure), plain and accessible like the main page, and working without JavaScript.
// Every value is escaped here. The <body class="lettre"> keeps the main page's sticky question
// form out of these pages: here a form is part of the page, never floating over it.
import { escapeHtml } from "../render/html.ts";
import { subscribeTexts } from "../../newsletters/subscribe/texts.ts";

/** A complete page around `body` (already HTML). */
export function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="fr">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${escapeHtml(title)} — Orienteur</title>
  <link rel="stylesheet" href="/style.css">
</head>
<body class="lettre">
  <header><h1>Orienteur</h1><p class="sous-titre">${escapeHtml(title)}</p></header>
  <main>
${body}
  </main>
</body>
</html>`;
}

/** A form that posts to `action` with one button: GET links never act, a person does. */
export function confirmForm(action: string, question: string, button: string, hidden: Record<string, string> = {}, buttonClass = ""): string {
  const fields = Object.entries(hidden)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join("");
  const klass = buttonClass ? ` class="${escapeHtml(buttonClass)}"` : "";
  return `<form method="post" action="${escapeHtml(action)}"><p>${escapeHtml(question)}</p>${fields}<button type="submit"${klass}>${escapeHtml(button)}</button></form>`;
}

/** A message shown above the page's content; errors are announced to screen readers at once. */
export function message(text: string, kind: "info" | "erreur" = "info"): string {
  return kind === "erreur"
    ? `<p class="message erreur" role="alert">${escapeHtml(text)}</p>`
    : `<p class="message" role="status">${escapeHtml(text)}</p>`;
}

/** What a person typed or chose, to show the form again as they left it. */
export interface FormValues {
  courriel?: string;
  prenom?: string;
  territoire?: string;
  themes?: readonly string[];
}

function themeBoxes(themes: readonly string[], chosen: readonly string[]): string {
  const boxes = themes
    .map((theme, i) => `<li><label for="theme-${i}"><input type="checkbox" name="themes" value="${escapeHtml(theme)}"${chosen.includes(theme) ? " checked" : ""} id="theme-${i}"> ${escapeHtml(theme)}</label></li>`)
    .join("");
  return `<ul>${boxes}</ul>`;
}

/** The subscription page: intro, then the message of a previous try, then the form with its values. */
export function subscribeForm(themes: readonly string[], values: FormValues = {}, notice = ""): string {
  const v = (value: string | undefined) => escapeHtml(value ?? "");
  return `<p class="intro">${escapeHtml(subscribeTexts.intro)}</p>
${notice}
<form method="post" action="/lettre/abonnement">
  <label for="courriel">Adresse e-mail</label><input id="courriel" name="courriel" type="email" required maxlength="254" autocomplete="email" value="${v(values.courriel)}">
  <label for="prenom">Prénom (facultatif)</label><input id="prenom" name="prenom" maxlength="80" autocomplete="given-name" value="${v(values.prenom)}">
  <label for="territoire">Territoire (facultatif : département, communauté de communes ou commune)</label><input id="territoire" name="territoire" maxlength="120" placeholder="ex. Haut Nivernais" value="${v(values.territoire)}">
  <fieldset class="themes"><legend>Thèmes qui vous intéressent (facultatif)</legend>${themeBoxes(themes, values.themes ?? [])}</fieldset>
  <div class="actions"><button type="submit">M'abonner</button></div>
  <p class="aide">Nous gardons votre adresse, votre prénom, vos choix, la date de votre accord et l'historique des envois, rien d'autre. <a href="/lettres/">Lire les lettres déjà parues</a>.</p>
</form>`;
}

/** The preferences page: choices first, then « Vos données » (download, unsubscribe, erase), each its own block. */
export function preferencesForm(
  themes: readonly string[],
  links: { preferences: string; export: string; erase: string },
  values: FormValues,
  notice = "",
): string {
  const p = encodeURIComponent(links.preferences);
  const v = (value: string | undefined) => escapeHtml(value ?? "");
  return `<p class="intro">${escapeHtml(subscribeTexts.preferencesIntro)}</p>
${notice}
<form method="post" action="/lettre/preferences?jeton=${p}">
  <label for="prenom">Prénom</label><input id="prenom" name="prenom" maxlength="80" autocomplete="given-name" value="${v(values.prenom)}">
  <label for="territoire">Territoire (département, communauté de communes ou commune ; vide pour tout le département)</label><input id="territoire" name="territoire" maxlength="120" value="${v(values.territoire)}">
  <fieldset class="themes"><legend>Thèmes</legend>${themeBoxes(themes, values.themes ?? [])}</fieldset>
  <div class="actions"><button type="submit">Enregistrer</button></div>
</form>
<section class="donnees" aria-labelledby="vos-donnees">
  <h2 id="vos-donnees">${escapeHtml(subscribeTexts.dataHeading)}</h2>
  <p><a href="/lettre/donnees?jeton=${encodeURIComponent(links.export)}">Télécharger mes données</a></p>
  ${confirmForm(`/lettre/desabonnement?jeton=${p}`, subscribeTexts.unsubscribeLabel, "Me désabonner")}
  ${confirmForm(`/lettre/effacement?jeton=${encodeURIComponent(links.erase)}`, subscribeTexts.eraseLabel, "Tout effacer", { retour: links.preferences }, "danger")}
</section>`;
}

/** The second step of erasure: nothing is erased until the person says yes here. */
export function eraseConfirmation(eraseToken: string, preferencesToken: string | undefined): string {
  const back = preferencesToken ? `<p><a href="/lettre/preferences?jeton=${encodeURIComponent(preferencesToken)}">${escapeHtml(subscribeTexts.eraseCancel)}</a></p>` : "";
  return `${confirmForm(`/lettre/effacement?jeton=${encodeURIComponent(eraseToken)}`, subscribeTexts.eraseQuestion, subscribeTexts.eraseConfirm, { confirmer: "oui" }, "danger")}
${back}`;
}
