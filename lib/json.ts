/**
 * JSON may escape half a UTF-16 surrogate pair ("\ud800"), which no database column can
 * hold (Prisma refuses the whole write), or U+0000 ("\u0000"), which PostgreSQL's text
 * cannot hold (the fuzz test's uploads failed on it): both become U+FFFD, everything
 * else is kept. Applied to whatever we parse from outside before it is stored.
 */
export function wellFormed(value: unknown): unknown {
  if (typeof value === "string") return storable(value);
  if (Array.isArray(value)) return value.map(wellFormed);
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[storable(key)] = wellFormed(item);
    return out;
  }
  return value;
}

const storable = (text: string) => text.toWellFormed().replaceAll("\u0000", "\uFFFD");

/**
 * How deeply a JSON text nests arrays and objects, counted without parsing (strings
 * skipped), stopping as soon as it passes `max`: a 4 MB "[[[[..." costs a linear scan here
 * instead of a second of JSON.parse and a recursion through every level after it.
 */
export function nestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}
