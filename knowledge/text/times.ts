// Opening hours in OpenStreetMap syntax (« Mo-Fr 09:00-12:00,14:00-17:00 »), said in French
// (« du lundi au vendredi, 9 h–12 h et 14 h–17 h »). Unusual rules are shown as written.

const DAYS: Record<string, string> = { Mo: "lundi", Tu: "mardi", We: "mercredi", Th: "jeudi", Fr: "vendredi", Sa: "samedi", Su: "dimanche" };

/** Says OSM opening hours in French, or returns them unchanged when the rule is beyond the simple cases. */
export function describeOpeningHours(value: string): string {
  const trimmed = value.trim();
  if (trimmed === "24/7" || trimmed === "Mo-Su 00:00-24:00") return "24 h/24, 7 j/7";
  const rules = trimmed.split(/\s*;\s*/).filter(Boolean);
  const said: string[] = [];
  for (const rule of rules) {
    if (rule === "PH off") {
      said.push("fermé les jours fériés");
      continue;
    }
    const match = /^((?:Mo|Tu|We|Th|Fr|Sa|Su)(?:[-,](?:Mo|Tu|We|Th|Fr|Sa|Su))*)\s+(off|closed|\d{2}:\d{2}-\d{2}:\d{2}(?:,\d{2}:\d{2}-\d{2}:\d{2})*)$/.exec(rule);
    if (!match) return value;
    const [, days, times] = match as unknown as [string, string, string];
    const when = times === "off" || times === "closed" ? "fermé" : times.split(",").map(sayRange).join(" et ");
    said.push(`${sayDays(days)}, ${when}`);
  }
  return said.join(" ; ");
}

function sayDays(days: string): string {
  return days
    .split(",")
    .map((part) => {
      const [from, to] = part.split("-") as [string, string | undefined];
      return to ? `du ${DAYS[from]} au ${DAYS[to]}` : `le ${DAYS[from]}`;
    })
    .join(", ")
    .replace(/^(le \w+), (le \w+)$/, "$1 et $2");
}

function sayRange(range: string): string {
  const [from, to] = range.split("-") as [string, string];
  return `${sayTime(from)}–${sayTime(to)}`;
}

function sayTime(time: string): string {
  const [hours, minutes] = time.split(":") as [string, string];
  return `${Number(hours)} h${minutes === "00" ? "" : ` ${minutes}`}`;
}
