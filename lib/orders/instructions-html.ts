import sanitizeHtml from "sanitize-html";

// Pruvan shows order and task instructions on the phone as web views, with "light HTML
// formatting ... headers, text styling (bold, etc), line breaks, href links" (pruvan-api-v2,
// workOrder `instructions`). The portal renders exactly that subset and nothing else:
// scripts, event handlers, styles, images, frames and forms are dropped, so no script
// from an instruction ever runs in a staff member's browser. Stored text is kept as typed
// (it is what Pruvan receives); this runs on the server wherever instructions are shown.

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "p",
    "br",
    "hr",
    "div",
    "span",
    "blockquote",
    "pre",
    "code",
    "b",
    "strong",
    "i",
    "em",
    "u",
    "s",
    "strike",
    "small",
    "sub",
    "sup",
    "mark",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "a",
  ],
  allowedAttributes: { a: ["href", "title", "rel", "target"], th: ["colspan", "rowspan"], td: ["colspan", "rowspan"] },
  allowedSchemes: ["http", "https", "mailto", "tel"],
  allowProtocolRelative: false,
  disallowedTagsMode: "discard",
  // A link opens outside the portal and gets no handle on it.
  transformTags: { a: sanitizeHtml.simpleTransform("a", { rel: "noopener noreferrer nofollow", target: "_blank" }, true) },
};

/** The instructions as safe HTML: only Pruvan's light formatting survives. */
export function sanitizeInstructions(html: string): string {
  return sanitizeHtml(html, OPTIONS);
}
