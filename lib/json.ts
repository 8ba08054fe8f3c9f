/**
 * JSON may escape half a UTF-16 surrogate pair ("\ud800"), which no database column can
 * hold (Prisma refuses the whole write): such halves become U+FFFD, everything else is kept.
 * Applied to whatever we parse from outside before it is stored.
 */
export function wellFormed(value: unknown): unknown {
  if (typeof value === "string") return value.toWellFormed();
  if (Array.isArray(value)) return value.map(wellFormed);
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key.toWellFormed()] = wellFormed(item);
    return out;
  }
  return value;
}
