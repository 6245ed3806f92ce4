// Times said in French, the same way in a chat answer, a web page and the newsletter: opening
// hours in OpenStreetMap syntax (« Mo-Fr 09:00-12:00,14:00-17:00 » → « du lundi au vendredi,
// 9 h–12 h et 14 h–17 h »; unusual rules are shown as written) and when an event starts
// (« mardi 2 décembre 2026, 14 h »).
import { frenchDate } from "./dates.ts";

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

/** `14:00` → « 14 h », `09:30` → « 9 h 30 ». */
function sayTime(time: string): string {
  const [hours, minutes] = time.split(":") as [string, string];
  return `${Number(hours)} h${minutes === "00" ? "" : ` ${minutes}`}`;
}

/** Made when first needed: a French date format loads the locale's data (tens of milliseconds), which most commands never use. */
let weekday: Intl.DateTimeFormat | undefined;

/**
 * When an event starts, from its `debut` (AAAA-MM-JJ, with a time or not).
 * @example describeWhen({ debut: "2026-12-01T14:00" }) // « mardi 1er décembre 2026, 14 h »
 */
export function describeWhen(event: { debut: string }): string {
  const [date, time] = event.debut.split(/[T ]/) as [string, string | undefined];
  weekday ??= new Intl.DateTimeFormat("fr-FR", { weekday: "long", timeZone: "UTC" });
  const day = `${weekday.format(new Date(`${date}T00:00:00Z`))} ${frenchDate(date)}`;
  return time && /^\d{1,2}:\d\d$/.test(time) ? `${day}, ${sayTime(time)}` : time ? `${day}, ${time}` : day;
}
