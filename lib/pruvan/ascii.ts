// Pruvan: "All strings sent should only contain ASCII characters." Accents and typographic
// punctuation are transliterated; anything else non-ASCII is dropped.

const REPLACEMENTS: Record<string, string> = {
  "\u2018": "'",
  "\u2019": "'",
  "\u201A": "'",
  "\u201B": "'",
  "\u2032": "'",
  "\u201C": '"',
  "\u201D": '"',
  "\u201E": '"',
  "\u201F": '"',
  "\u2033": '"',
  "\u00AB": '"',
  "\u00BB": '"',
  "\u2013": "-",
  "\u2014": "-",
  "\u2015": "-",
  "\u2212": "-",
  "\u2010": "-",
  "\u2011": "-",
  "\u2026": "...",
  "\u00A0": " ",
  "\u2002": " ",
  "\u2003": " ",
  "\u2009": " ",
  "\u202F": " ",
  "\u2022": "*",
  "\u00B7": "*",
  "\u00D7": "x",
  "\u00F7": "/",
  "\u00B0": " deg",
  "\u00A9": "(c)",
  "\u00AE": "(R)",
  "\u2122": "(TM)",
  "\u00DF": "ss",
  "\u00C6": "AE",
  "\u00E6": "ae",
  "\u0152": "OE",
  "\u0153": "oe",
  "\u00D8": "O",
  "\u00F8": "o",
  "\u0141": "L",
  "\u0142": "l",
  "\u00D0": "D",
  "\u00F0": "d",
  "\u00DE": "Th",
  "\u00FE": "th",
  "\u0131": "i",
  "\u20AC": "EUR",
  "\u00A3": "GBP",
  "\u00BD": "1/2",
  "\u00BC": "1/4",
  "\u00BE": "3/4",
};

const NON_ASCII = /[^\x00-\x7F]/g;

export function toAscii(value: string): string {
  if (!NON_ASCII.test(value)) return value;
  NON_ASCII.lastIndex = 0;
  return value
    .replace(NON_ASCII, (ch) => REPLACEMENTS[ch] ?? ch)
    .normalize("NFKD") // "é" -> "e" + combining accent, which the next step drops
    .replace(NON_ASCII, (ch) => REPLACEMENTS[ch] ?? "");
}

/** ASCII-folds every string inside a JSON value (options objects). */
export function deepAscii<T>(value: T): T {
  if (typeof value === "string") return toAscii(value) as T;
  if (Array.isArray(value)) return value.map(deepAscii) as T;
  if (value && typeof value === "object") {
    // A plain loop: getWorkOrders folds thousands of orders per answer.
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) out[toAscii(key)] = deepAscii((value as Record<string, unknown>)[key]);
    return out as T;
  }
  return value;
}
