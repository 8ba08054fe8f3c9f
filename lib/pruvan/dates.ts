import { z } from "zod";

// Pruvan "Date Fields": Unix timestamps or fully qualified strings with a numeric offset.
// A string without a time is read by Pruvan as midnight Central, so we always send one.

const pad = (n: number) => String(n).padStart(2, "0");
const ymd = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;

/** dueDate: the office's calendar date at noon UTC, "2016-05-25 1200 +0" (the doc's rule). */
export function formatDueDate(date: Date): string {
  return `${ymd(date)} 1200 +0`;
}

/** Any other date: the exact instant in UTC with its offset, "2016-05-25 1432 +0". */
export function formatDateTime(date: Date): string {
  return `${ymd(date)} ${pad(date.getUTCHours())}${pad(date.getUTCMinutes())} +0`;
}

/** A calendar date ("2026-03-01") as we store due dates: that day at 12:00 UTC. */
export function dueDateFromCalendarDay(day: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) throw new Error(`not a calendar date: ${day}`);
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 12));
  if (ymd(date) !== day) throw new Error(`not a calendar date: ${day}`);
  return date;
}

const PRUVAN_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):?(\d{2})(?::?(\d{2}))?)?\s*(?:([+-])(\d{1,2})(?::?(\d{2}))?|Z)?$/;

/**
 * Reads a date in any form Pruvan or an import file uses: Unix seconds (number or digits),
 * "YYYY-MM-DD", "YYYY-MM-DD HHmm +0", "YYYY-MM-DD HH:MM:SS -06", ISO 8601.
 * A bare date is midnight US Central, as Pruvan reads one ("For any date fields that you do
 * not supply a time, the system will assume midnight Central Time (CST / CDT)", pruvan-api-v2
 * "Date Fields"); a dueDate keeps that calendar day (lib/orders/schemas). A time without
 * offset is taken as UTC.
 */
export function parsePruvanDate(input: string | number): Date | null {
  if (typeof input === "number") return validDate(new Date(input * 1000));
  const text = input.trim();
  if (/^\d{9,11}$/.test(text)) return validDate(new Date(Number(text) * 1000));
  const m = PRUVAN_DATE.exec(text);
  if (!m) return null;
  const [, y, mo, d, hh, mm, ss, sign, oh, om] = m;
  if (Number(y) < 1000) return null; // Date.UTC reads the years 0 to 99 as 1900 to 1999
  if (hh === undefined) {
    try {
      return centralMidnight(dueDateFromCalendarDay(`${y}-${mo}-${d}`));
    } catch {
      return null;
    }
  }
  const offsetMin = sign ? (sign === "-" ? -1 : 1) * (Number(oh) * 60 + Number(om ?? 0)) : 0;
  const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(hh), Number(mm), Number(ss ?? 0)) - offsetMin * 60_000;
  return validDate(new Date(utc));
}

const CENTRAL_TIME = new Intl.DateTimeFormat("en-US", { timeZone: "America/Chicago", timeZoneName: "longOffset" });

/**
 * 00:00 in America/Chicago on the UTC calendar day of `day`. Daylight saving changes at
 * 02:00 local, so the offset at 00:00 CST (06:00 UTC) is the offset at midnight that day.
 */
function centralMidnight(day: Date): Date {
  const midnightUtc = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate());
  const name =
    CENTRAL_TIME.formatToParts(new Date(midnightUtc + 6 * 3600_000)).find((p) => p.type === "timeZoneName")?.value ?? "GMT-06:00";
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  const offsetMin = m ? (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : -360;
  return new Date(midnightUtc - offsetMin * 60_000);
}

/**
 * Years 1000 to 9999 only: what the four-digit date forms can say, and what every database
 * we run on stores (Unix seconds such as -2e12 make a Date of the year -66678, which the
 * database refuses; NaN and Infinity make no date at all).
 */
export const validDate = (date: Date): Date | null => {
  const year = date.getUTCFullYear();
  return Number.isNaN(date.getTime()) || year < 1000 || year > 9999 ? null : date;
};

/** zod: a Pruvan date field (string or Unix seconds) to a Date, with a readable error. */
export const pruvanDateSchema = z.union([z.string(), z.number()]).transform((value, ctx) => {
  const date = parsePruvanDate(value);
  if (!date) {
    ctx.addIssue({ code: "custom", message: 'must be a date such as "2026-05-25", "2026-05-25 1200 +0" or Unix seconds' });
    return z.NEVER;
  }
  return date;
});
