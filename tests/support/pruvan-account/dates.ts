// Date fields as a Pruvan account reads them (pruvan-api-v2 "Date Fields" and "dueDate"):
// Unix timestamps or fully qualified date strings with a numeric offset ("-06", "+00");
// "For any date fields that you do not supply a time, the system will assume midnight
// Central Time (CST / CDT)". A dueDate is converted to UTC and set to 12:00, so what the
// account shows is that UTC calendar day.

const STRING_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):?(\d{2})(?::?(\d{2}))?)?\s*(?:([+-])(\d{1,2})(?::?(\d{2}))?|Z)?$/;

/** The instant a date field means, or null when Pruvan could not read it. */
export function readPruvanDate(value: unknown): number | null {
  if (typeof value === "number") return Number.isFinite(value) ? value * 1000 : null;
  if (typeof value !== "string") return null;
  const text = value.trim();
  if (/^\d{9,11}$/.test(text)) return Number(text) * 1000;
  const m = STRING_DATE.exec(text);
  if (!m) return null;
  const [, y, mo, d, hh, mm, ss, sign, oh, om] = m;
  const wall = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(hh ?? 0), Number(mm ?? 0), Number(ss ?? 0));
  if (Number.isNaN(wall)) return null;
  if (sign) return wall - (sign === "-" ? -1 : 1) * (Number(oh) * 60 + Number(om ?? 0)) * 60_000;
  if (text.endsWith("Z")) return wall;
  // No time, or (the docs ask for an offset) a time without one: Central Time.
  return centralToUtc(wall);
}

/** A dueDate as the account shows it: the UTC calendar day, "YYYY-MM-DD". */
export function readDueDate(value: unknown): string | null {
  const at = readPruvanDate(value);
  return at === null ? null : new Date(at).toISOString().slice(0, 10);
}

/** Wall-clock time in America/Chicago (given as if UTC) to the real instant. */
function centralToUtc(wall: number): number {
  let utc = wall + 6 * 3600_000; // CST first guess, then corrected for CDT
  for (let i = 0; i < 2; i++) utc = wall - offsetMs(utc);
  return utc;
}

const CENTRAL = new Intl.DateTimeFormat("en-US", {
  timeZone: "America/Chicago",
  hourCycle: "h23",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
});

/** Central time's offset from UTC at an instant (negative: -5 or -6 hours). */
function offsetMs(at: number): number {
  const parts = Object.fromEntries(CENTRAL.formatToParts(new Date(at)).map((p) => [p.type, p.value]));
  const wall = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  );
  return wall - Math.floor(at / 1000) * 1000;
}
