// The HTML of the campaign pages (inside the server's plain page frame): the fiche with its two
// answers, and the correction form. Every value is escaped here; forms work without JavaScript.
import type { Orienteur } from "../../knowledge/orienteur.ts";
import type { Service } from "../../knowledge/schema/index.ts";
import { escapeHtml } from "../../knowledge/text/html.ts";
import { describeOpeningHours } from "../../knowledge/text/times.ts";
import { EDITABLE_FIELDS, fieldValue } from "./fields.ts";
import { campaignTexts } from "./texts.ts";

const t = campaignTexts.page;

/** The fiche as the base has it, then « Tout est juste » (a POST form) and « Proposer une correction ». */
export function fichePage(service: Service, orienteur: Orienteur, token: string, notice = ""): string {
  const rows: [string, string][] = EDITABLE_FIELDS.map((field) => {
    const value = fieldValue(service, field.key);
    const shown = field.key === "horaires_accueil" && value ? `${describeOpeningHours(value)} (${value})` : value;
    return [field.label, shown];
  });
  const besoins = service.besoins.map((id) => orienteur.base.besoins.find((b) => b.id === id)?.libelle ?? id);
  const publics = service.publics.map((id) => orienteur.base.publics.find((p) => p.id === id)?.libelle ?? id);
  rows.push(["Besoins auxquels le service répond", besoins.join(" ; ")], ["Publics accueillis", publics.join(" ; ")], ["Où le service intervient", zoneNames(service, orienteur)]);
  const list = rows
    .map(([label, value]) => `<dt>${escapeHtml(label)}</dt><dd>${value ? escapeHtml(value).replace(/\n/g, "<br>") : `<em>${escapeHtml(t.empty)}</em>`}</dd>`)
    .join("\n");
  const base = `/campagne/${encodeURIComponent(token)}`;
  return `${notice}
<p class="intro">${escapeHtml(t.intro(service.nom, service.date_maj))}</p>
<section aria-labelledby="fiche-titre">
<h2 id="fiche-titre">${escapeHtml(service.nom)}</h2>
<dl class="fiche">
${list}
</dl>
</section>
<form method="post" action="${escapeHtml(`${base}/confirmer`)}">
  <p>${escapeHtml(t.confirmHelp)}</p>
  <button type="submit">${escapeHtml(t.confirmButton)}</button>
</form>
<p>${escapeHtml(t.correctHelp)}</p>
<p><a href="${escapeHtml(`${base}/corriger`)}">${escapeHtml(t.correctLink)}</a></p>`;
}

/** One input per editable field, filled with what the base says (or what was typed), and a comment box. */
export function correctionPage(service: Service, token: string, typed?: (key: string) => string | undefined, notice = ""): string {
  const fields = EDITABLE_FIELDS.map((field, index) => {
    const id = `champ-${index}`;
    const current = fieldValue(service, field.key);
    const value = escapeHtml(typed?.(field.key) ?? current);
    // Never shorter than what the base has: the browser would cut it, and the cut would read as a change.
    const max = Math.max(field.max, current.length);
    const control = field.long
      ? `<textarea id="${id}" name="${escapeHtml(field.key)}" rows="4" maxlength="${max}">${value}</textarea>`
      : `<input id="${id}" name="${escapeHtml(field.key)}" type="${field.type ?? "text"}" maxlength="${max}" value="${value}"${field.type === "tel" ? ' autocomplete="tel"' : ""}>`;
    return `<label for="${id}">${escapeHtml(field.label)}</label>${control}`;
  }).join("\n  ");
  const base = `/campagne/${encodeURIComponent(token)}`;
  return `${notice}
<p class="intro">${escapeHtml(t.correctIntro)}</p>
<form method="post" action="${escapeHtml(`${base}/corriger`)}">
  <h2>${escapeHtml(service.nom)}</h2>
  ${fields}
  <label for="commentaire">${escapeHtml(t.comment)}</label>
  <p class="aide" id="commentaire-aide">${escapeHtml(t.commentHelp)}</p>
  <textarea id="commentaire" name="commentaire" rows="4" maxlength="2000" aria-describedby="commentaire-aide">${escapeHtml(typed?.("commentaire") ?? "")}</textarea>
  <div class="actions"><button type="submit">${escapeHtml(t.sendCorrection)}</button></div>
</form>
<p><a href="${escapeHtml(base)}">${escapeHtml(t.backToFiche)}</a></p>`;
}

/** Where the service intervenes, by name: territories of the base, départements, EPCI, communes. */
function zoneNames(service: Service, orienteur: Orienteur): string {
  const { geography } = orienteur;
  const names = [
    ...(service.territoires ?? []).map((id) => orienteur.base.territoires.find((x) => x.id === id)?.nom ?? id),
    ...(service.zone_eligibilite ?? []).map((code) =>
      code === "france" ? "toute la France" : (geography.departements.get(code)?.nom ?? geography.epcis.get(code)?.nom ?? geography.communes.get(code)?.nom ?? code),
    ),
  ];
  return names.join(" ; ");
}
