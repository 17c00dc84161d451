import sanitizeHtml from 'sanitize-html';

/**
 * Basic formatting an enterprise may use in its description; everything else (scripts, styles,
 * event handlers, iframes, images, javascript: links) is removed.
 *
 * TODO(merge): another branch adds `sanitizeRichText` to @tradefloor/core; once merged, this
 * wrapper should delegate to it so the floor has one allow-list. Kept local to avoid a conflict.
 */
const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'strong', 'b', 'em', 'i', 'u', 'ul', 'ol', 'li', 'h3', 'h4', 'blockquote', 'a'],
  // rel/target are forced by the transform below (it overwrites whatever the author wrote).
  allowedAttributes: { a: ['href', 'title', 'rel', 'target'] },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'iframe', 'object', 'embed'],
  transformTags: {
    a: sanitizeHtml.simpleTransform('a', { rel: 'nofollow noopener ugc', target: '_blank' }, true),
  },
};

/** Sanitised HTML of an enterprise description (trimmed; empty when nothing visible is left). */
export function sanitizeDescription(html: string): string {
  const clean = sanitizeHtml(html, OPTIONS).trim();
  return clean.replace(/<[^>]*>|&nbsp;|\s/g, '') === '' ? '' : clean;
}
