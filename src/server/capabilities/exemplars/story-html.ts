import sanitizeHtml from 'sanitize-html';

/**
 * The rich-text story of an exemplar, as the editor sends it, cut down to what the public page may show:
 * paragraphs, line breaks, bold, italic, underline, strike, lists, quotes, two heading levels and links
 * (http, https, mailto; always rel="noopener noreferrer"). Everything else is dropped — scripts and styles
 * with their content, other tags keeping their text, every attribute but a link's href.
 */
const LINK = /^(?:https?:\/\/[^\s/]|mailto:[^\s])/iu;

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'strong', 'em', 'u', 's', 'ul', 'ol', 'li', 'blockquote', 'h2', 'h3', 'a'],
  allowedAttributes: { a: ['href', 'rel'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: {},
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  allowedStyles: {},
  disallowedTagsMode: 'discard',
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'iframe', 'object', 'embed', 'svg', 'math', 'template', 'title', 'head'],
  // Runs before attributes are filtered: whatever rel was sent is replaced, and an href that is not an
  // absolute http(s) or mailto address (relative, protocol-relative, obfuscated schemes) is dropped.
  transformTags: {
    a: (tagName, attribs) => {
      const href = attribs.href?.trim();
      return { tagName, attribs: { ...(href && LINK.test(href) ? { href } : {}), rel: 'noopener noreferrer' } };
    },
  },
};

/** Sanitised, NFC story HTML; '' when nothing readable is left. */
export function sanitizeStory(html: string): string {
  const clean = sanitizeHtml(html.normalize('NFC'), OPTIONS).trim();
  const text = sanitizeHtml(clean, { allowedTags: [], allowedAttributes: {} }).replace(/&nbsp;|\s/gu, '');
  return text.length === 0 ? '' : clean.normalize('NFC');
}
