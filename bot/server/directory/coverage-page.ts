// The editors' view of coverage (/couverture): for each need, the EPCI where communes have no
// service (white zones), as a table sorted by a column chosen with links (?tri=…&ordre=…), so it
// sorts without JavaScript; the sorted column says so to screen readers (aria-sort).
import type { Orienteur } from "../../../knowledge/orienteur.ts";
import { coverageGaps, type CoverageGap } from "../../../knowledge/search/browse.ts";
import { escapeHtml } from "../../../knowledge/text/html.ts";
import { directoryPage, link } from "./layout.ts";
import { directoryTexts } from "./texts.ts";

const t = directoryTexts.coverage;
const FRENCH = new Intl.Collator("fr");

type Column = "besoin" | "zone" | "manque";

const COMPARE: Record<Column, (a: CoverageGap, b: CoverageGap) => number> = {
  besoin: (a, b) => FRENCH.compare(a.besoin.libelle, b.besoin.libelle),
  zone: (a, b) => FRENCH.compare(a.zone.nom, b.zone.nom),
  // The share of the area left without a service, then the count: a whole EPCI uncovered comes first when descending.
  manque: (a, b) => a.communes.length / a.total - b.communes.length / b.total || a.communes.length - b.communes.length,
};

const LABELS: Record<Column, string> = { besoin: t.need, zone: t.zone, manque: t.missing };

/** A few communes are shown at once; a longer list folds behind « Voir les N communes », so that rows stay short on a phone. */
function communeList(names: readonly string[]): string {
  if (names.length <= 3) return escapeHtml(names.join(", "));
  return `<details><summary>${escapeHtml(t.showCommunes(names.length))}</summary><p>${escapeHtml(names.join(", "))}</p></details>`;
}

/** /couverture, sorted by `?tri=besoin|zone|manque` and `?ordre=asc|desc` (default: by need, ascending). */
export function coveragePage(orienteur: Orienteur, query: URLSearchParams): string {
  const column: Column = (["besoin", "zone", "manque"] as const).find((c) => c === query.get("tri")) ?? "besoin";
  const descending = query.get("ordre") === "desc";
  // A copy: the gaps are computed once per base and shared by every request.
  const gaps = [...coverageGaps(orienteur)].sort((a, b) => {
    const primary = COMPARE[column](a, b) * (descending ? -1 : 1);
    // Ties keep a stable, readable order: by need, then by area.
    return primary || COMPARE.besoin(a, b) || COMPARE.zone(a, b);
  });
  const header = (c: Column) => {
    const sorted = c === column;
    // A second click on the sorted column reverses it; another column starts ascending (« manque »: largest first).
    const nextDescending = sorted ? !descending : c === "manque";
    const href = `/couverture?tri=${c}&ordre=${nextDescending ? "desc" : "asc"}`;
    const aria = sorted ? ` aria-sort="${descending ? "descending" : "ascending"}"` : "";
    const arrow = sorted ? (descending ? " ▼" : " ▲") : "";
    return `<th scope="col"${aria}><a href="${href}" title="${escapeHtml(t.sortBy(LABELS[c], nextDescending))}">${escapeHtml(LABELS[c])}${arrow}</a></th>`;
  };
  const rows = gaps.map(
    (gap) =>
      `<tr><td>${link(`/besoins/${encodeURIComponent(gap.besoin.id)}`, gap.besoin.libelle)}</td><td>${escapeHtml(gap.zone.nom)}</td><td>${escapeHtml(t.ratio(gap.communes.length, gap.total))}</td><td>${communeList(gap.communes)}</td></tr>`,
  );
  const table =
    gaps.length === 0
      ? `<p role="status">${escapeHtml(t.none)}</p>`
      : `<p role="status">${escapeHtml(t.count(gaps.length))}</p>
<div class="tableau" role="region" aria-labelledby="legende" tabindex="0"><table>
<caption id="legende">${escapeHtml(t.caption)}</caption>
<thead><tr>${header("besoin")}${header("zone")}${header("manque")}<th scope="col">${escapeHtml(t.communes)}</th></tr></thead>
<tbody>
${rows.join("\n")}
</tbody></table></div>`;
  return directoryPage({ title: t.title, baseName: orienteur.base.info.nom, current: "couverture", body: `<p class="intro">${escapeHtml(t.intro)}</p>\n${table}` });
}
