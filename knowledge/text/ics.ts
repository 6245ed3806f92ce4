// iCalendar (RFC 5545) for the agenda: a feed of events that calendar apps can subscribe to, or one
// event to add. Written by hand rather than with ical-generator: that library formats zoned times
// with the process's own time zone and writes DTSTAMP without its « Z » once a calendar time zone
// is set; here times are the base's Paris wall-clock times, tagged TZID=Europe/Paris with its
// VTIMEZONE, and every line follows the RFC (CRLF, folded at 75 octets, text escaped).

/** One event, times as the base writes them: `AAAA-MM-JJ` (all day) or `AAAA-MM-JJTHH:MM` (Paris time). */
export interface IcsEvent {
  /** Globally unique and stable across feeds (`<id>@<host>`): calendar apps update an event by it. */
  uid: string;
  start: string;
  end?: string;
  summary: string;
  description?: string;
  location?: string;
  url?: string;
  categories?: readonly string[];
}

export interface IcsCalendar {
  /** Shown as the calendar's name by apps that read X-WR-CALNAME / NAME. */
  name: string;
  events: readonly IcsEvent[];
  /** When the feed is produced (DTSTAMP of every event). */
  now: Date;
}

const CRLF = "\r\n";
const MAX_OCTETS = 75;

/** The rules of Europe/Paris since 1996 (last Sunday of March and of October), as every app expects them. */
const PARIS_VTIMEZONE = [
  "BEGIN:VTIMEZONE",
  "TZID:Europe/Paris",
  "BEGIN:DAYLIGHT",
  "TZOFFSETFROM:+0100",
  "TZOFFSETTO:+0200",
  "TZNAME:CEST",
  "DTSTART:19700329T020000",
  "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
  "END:DAYLIGHT",
  "BEGIN:STANDARD",
  "TZOFFSETFROM:+0200",
  "TZOFFSETTO:+0100",
  "TZNAME:CET",
  "DTSTART:19701025T030000",
  "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
  "END:STANDARD",
  "END:VTIMEZONE",
];

/**
 * A TEXT value escaped (RFC 5545 §3.3.11): backslash, comma, semicolon, and newlines as « \n ».
 * Other control characters cannot be written in a content line and are dropped.
 * @example escapeIcsText("Salle 2; étage 1, Nevers") // → "Salle 2\\; étage 1\\, Nevers"
 */
function escapeIcsText(value: string): string {
  return value
    .replace(/\r\n?/g, "\n")
    .replace(/[\\;,]/g, (c) => `\\${c}`)
    .replace(/\n/g, "\\n")
    .replace(/[\u0000-\u001f\u007f]/g, "");
}

/** A content line folded after 75 octets (RFC 5545 §3.1), never inside a UTF-8 character; continuation lines start with a space. */
function foldIcsLine(line: string): string {
  const parts: string[] = [];
  let current = "";
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char, "utf8");
    if (octets + size > MAX_OCTETS) {
      parts.push(current);
      current = " ";
      octets = 1;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join(CRLF);
}

const isDate = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value);
const compactDate = (date: string) => date.replace(/-/g, "");

/** The day after `AAAA-MM-JJ`: an all-day event's DTEND is exclusive. */
function nextDay(date: string): string {
  const day = new Date(`${date}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + 1);
  return day.toISOString().slice(0, 10);
}

function dateProperty(name: "DTSTART" | "DTEND", value: string, allDay: boolean): string {
  if (allDay) return `${name};VALUE=DATE:${compactDate(value.slice(0, 10))}`;
  const [date, time = "00:00"] = value.split(/[T ]/) as [string, string | undefined];
  return `${name};TZID=Europe/Paris:${compactDate(date)}T${time.replace(":", "")}00`;
}

/** `20261127T083000Z`: DTSTAMP is always in UTC. */
function utcStamp(now: Date): string {
  return now.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
}

function eventLines(event: IcsEvent, stamp: string): string[] {
  const allDay = isDate(event.start);
  const lines = ["BEGIN:VEVENT", `UID:${escapeIcsText(event.uid)}`, `DTSTAMP:${stamp}`, dateProperty("DTSTART", event.start, allDay)];
  if (event.end) {
    if (allDay) lines.push(dateProperty("DTEND", nextDay(event.end.slice(0, 10)), true));
    // A timed start with a date-only end: the end of that day.
    else lines.push(dateProperty("DTEND", isDate(event.end) ? `${event.end}T23:59` : event.end, false));
  } else if (allDay) lines.push(dateProperty("DTEND", nextDay(event.start), true));
  lines.push(`SUMMARY:${escapeIcsText(event.summary)}`);
  if (event.description) lines.push(`DESCRIPTION:${escapeIcsText(event.description)}`);
  if (event.location) lines.push(`LOCATION:${escapeIcsText(event.location)}`);
  // A URI value is not TEXT: it is written as it is, and only a web address is accepted.
  if (event.url && /^https?:\/\/[^\s]+$/i.test(event.url)) lines.push(`URL:${event.url}`);
  if (event.categories?.length) lines.push(`CATEGORIES:${event.categories.map(escapeIcsText).join(",")}`);
  lines.push("END:VEVENT");
  return lines;
}

/**
 * A complete VCALENDAR, lines folded and ended by CRLF.
 * @example icsCalendar({ name: "Agenda", now: new Date(), events: [{ uid: "forum@orienteur", start: "2026-11-27T09:30", summary: "Forum" }] })
 */
export function icsCalendar(calendar: IcsCalendar): string {
  const stamp = utcStamp(calendar.now);
  const name = escapeIcsText(calendar.name);
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Orienteur//Agenda//FR",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    `NAME:${name}`,
    `X-WR-CALNAME:${name}`,
    "X-WR-TIMEZONE:Europe/Paris",
    ...PARIS_VTIMEZONE,
    ...calendar.events.flatMap((event) => eventLines(event, stamp)),
    "END:VCALENDAR",
  ];
  return lines.map(foldIcsLine).join(CRLF) + CRLF;
}
