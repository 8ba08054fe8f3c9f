/** HTML that was sanitized on the server (lib/orders/instructions-html.ts), styled as light rich text. */
export function SafeHtml({ html }: { html: string }) {
  return <div className="rich-text" dangerouslySetInnerHTML={{ __html: html }} />;
}
