// Recognises, without the opening_hours library, the hours most services write: « Mo-Fr
// 09:00-12:00,14:00-17:00; Sa 09:00-12:00 », or « 24/7 ». The library takes about a millisecond to
// read each distinct value, and a département's directory has thousands of them: a value of this
// plain form is one it reads without a warning, so the loader keeps it as it is without asking.
// Anything else (French, holidays, months, overlaps, odd spacing…) still goes to the library.

const DAYS = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"];
const DAY = "(?:Mo|Tu|We|Th|Fr|Sa|Su)";
const TIME = "(?:[01]\\d|2[0-3]):[0-5]\\d";
const TIME_END = `(?:${TIME}|24:00)`;
const RULE = new RegExp(`^(${DAY}(?:-${DAY})?(?:,${DAY}(?:-${DAY})?)*) (${TIME}-${TIME_END}(?:,${TIME}-${TIME_END})*)$`);

/**
 * True when the opening_hours library would read this value as it is, without a warning: rules of
 * days and increasing time ranges, each day in one rule at most.
 * @example
 * isPlainOpeningHours("Mo-Fr 09:00-12:00,13:30-17:00") // true
 * isPlainOpeningHours("Mo-Fr 09:00-12:00; Mo 14:00-17:00") // false: the second rule overrides Monday
 */
export function isPlainOpeningHours(value: string): boolean {
  if (value === "24/7") return true;
  const seen = new Set<number>();
  for (const rule of value.split("; ")) {
    const match = RULE.exec(rule);
    if (!match || !addDays(match[1]!, seen) || !increasing(match[2]!)) return false;
  }
  return true;
}

/** Adds the days of `Mo-We,Fr` to `seen`, in week order and each once; false otherwise. */
function addDays(spec: string, seen: Set<number>): boolean {
  let last = -1;
  for (const part of spec.split(",")) {
    const [from, to = from] = part.split("-").map((day) => DAYS.indexOf(day));
    if (from! <= last || to! < from!) return false;
    for (let day = from!; day <= to!; day++) {
      if (seen.has(day)) return false;
      seen.add(day);
    }
    last = to!;
  }
  return true;
}

/** `09:00-12:00,14:00-17:00`: each range ends after it starts, and after the previous one ends. */
function increasing(ranges: string): boolean {
  let last = -1;
  for (const range of ranges.split(",")) {
    const [start, end] = range.split("-").map((time) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3)));
    if (start! <= last || end! <= start!) return false;
    last = end!;
  }
  return true;
}
