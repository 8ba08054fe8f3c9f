// The HTML a page shows once its streaming scripts have run. React streams parts of a
// page that were not ready in hidden segments (<div hidden id="S:1">, or a <table hidden>
// wrapper inside tables) and moves them into place with inline calls: $RS("S:1","P:1")
// fills <template id="P:1">, $RC("B:0","S:0") replaces a Suspense fallback. Tests that
// read a page's HTML apply those moves first, so the text is in document order.

export function resolveStreamedHtml(html: string): string {
  let out = html;
  for (const [, kind, a, b] of html.matchAll(/\$R([SC])\("([^"]+)","([^"]+)"\)/g)) {
    if (kind === "S") {
      const segment = takeSegment(out, a!);
      if (segment) out = segment.rest.replace(`<template id="${b}"></template>`, () => segment.content);
    } else {
      const segment = takeSegment(out, b!);
      if (!segment) continue;
      out = segment.rest;
      const open = `<!--$?--><template id="${a}"></template>`;
      const start = out.indexOf(open);
      const end = start < 0 ? -1 : matchingBoundaryEnd(out, start + open.length);
      if (end >= 0) out = `${out.slice(0, start)}<!--$-->${segment.content}${out.slice(end)}`;
    }
  }
  return out.replace(/<!-- -->/g, ""); // React's separators between adjacent text parts
}

/** Cuts the element with this id (and a <table hidden> around it) out; returns its inner HTML. */
function takeSegment(html: string, id: string): { content: string; rest: string } | null {
  const open = new RegExp(`<(\\w+)[^>]*\\sid="${id.replace(/[$:]/g, "\\$&")}"[^>]*>`).exec(html);
  if (!open) return null;
  const tag = open[1]!;
  const innerStart = open.index + open[0].length;
  const close = matchingClose(html, tag, innerStart);
  if (close < 0) return null;
  let start = open.index;
  let end = close + `</${tag}>`.length;
  if (html.slice(start - "<table hidden>".length, start) === "<table hidden>" && html.startsWith("</table>", end)) {
    start -= "<table hidden>".length;
    end += "</table>".length;
  }
  return { content: html.slice(innerStart, close), rest: html.slice(0, start) + html.slice(end) };
}

function matchingClose(html: string, tag: string, from: number): number {
  const re = new RegExp(`<(/?)${tag}\\b[^>]*>`, "g");
  re.lastIndex = from;
  let depth = 1;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    depth += m[1] ? -1 : 1;
    if (depth === 0) return m.index;
  }
  return -1;
}

/** Index just past the <!--/$--> that closes a boundary opened before `from`. */
function matchingBoundaryEnd(html: string, from: number): number {
  const re = /<!--(\$\??|\$!|\/\$)-->/g;
  re.lastIndex = from;
  let depth = 1;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    depth += m[1] === "/$" ? -1 : 1;
    if (depth === 0) return m.index + m[0].length;
  }
  return -1;
}

/**
 * The text of some HTML, for "does the page say X" checks: scripts and tags dropped (so
 * text of neighbouring cells runs together), entities decoded, spaces collapsed.
 */
export function textOf(html: string): string {
  return html
    .replace(/<script\b[\s\S]*?<\/script>/g, " ")
    .replace(/<[^>]+>/g, "")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&nbsp;/g, " ")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");
}
