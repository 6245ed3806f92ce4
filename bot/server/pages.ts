// Small server-rendered pages (subscription, confirmation, unsubscription, preferences), plain and
// accessible like the main page. Every value is escaped here.
import { escapeHtml } from "../render/html.ts";

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
<body>
  <header><h1>Orienteur</h1><p class="sous-titre">${escapeHtml(title)}</p></header>
  <main>
${body}
  </main>
</body>
</html>`;
}

/** A form that posts to `action` with one button: GET links never act, a person does. */
export function confirmForm(action: string, question: string, button: string, hidden: Record<string, string> = {}): string {
  const fields = Object.entries(hidden)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join("");
  return `<form method="post" action="${escapeHtml(action)}"><p>${escapeHtml(question)}</p>${fields}<button type="submit">${escapeHtml(button)}</button></form>`;
}

export function message(text: string): string {
  return `<p>${escapeHtml(text)}</p>`;
}
