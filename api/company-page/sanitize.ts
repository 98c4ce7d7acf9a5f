// A company's description is rich text written in the browser (Tiptap): the server never trusts the
// HTML it gets. sanitize-html keeps an allow-list — paragraphs, line breaks, bold, italics, lists, two
// heading levels and links (http, https, mailto; marked rel="noopener nofollow") — and drops every other
// tag, every attribute but a link's href, and every other scheme (javascript:, data:…). Run on each
// write and again on each read (the back office and the demo seed write the column too).
import sanitizeHtml from 'sanitize-html';

const SAFE_HREF = /^\s*(https?:\/\/|mailto:)/i;

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'strong', 'em', 'ul', 'ol', 'li', 'h3', 'h4', 'a'],
  allowedAttributes: { a: ['href', 'rel'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  // Script and style contents go with their tags; other unknown tags leave their text.
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'title', 'iframe', 'template'],
  transformTags: {
    b: 'strong',
    i: 'em',
    h1: 'h3',
    h2: 'h3',
    h5: 'h4',
    h6: 'h4',
    a: (tagName, attribs): sanitizeHtml.Tag => ({ tagName, attribs: SAFE_HREF.test(attribs.href ?? '') ? { href: attribs.href!.trim(), rel: 'noopener nofollow' } : {} }),
  },
  // A link to anything but http(s) or mail becomes its text.
  exclusiveFilter: (frame) => (frame.tag === 'a' && !frame.attribs.href ? 'excludeTag' : false),
};

/** The description as it may be stored and shown; null when nothing readable is left. */
export function sanitizeDescription(html: string | null | undefined): string | null {
  if (!html) return null;
  const clean = sanitizeHtml(html, OPTIONS).trim();
  // Only empty paragraphs left (an editor cleared): no description.
  const kept = clean.replace(/<p>(\s|<br \/>)*<\/p>/g, '').trim();
  return kept || null;
}

/** The description's words, for a list's summary and the length rule. */
export function textOf(html: string | null): string {
  if (!html) return '';
  return sanitizeHtml(html.replace(/<\/?(p|li|h3|h4|ul|ol)>|<br ?\/?>/g, ' '), { allowedTags: [], allowedAttributes: {} })
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, '\'')
    .replace(/\s+/g, ' ')
    .trim();
}
