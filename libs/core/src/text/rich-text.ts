import sanitizeHtml from 'sanitize-html';

/** Hosts whose embeds may appear as <iframe> in rich text (video players only). */
export const DEFAULT_EMBED_HOSTS: readonly string[] = ['www.youtube-nocookie.com', 'youtube-nocookie.com', 'www.youtube.com', 'youtube.com'];

export interface RichTextOptions {
  /** Hostnames allowed as https iframe embeds under /embed/ (default: YouTube and youtube-nocookie). */
  embedHosts?: readonly string[];
  /** Allow <iframe> at all (default true). */
  allowEmbeds?: boolean;
}

const TAGS = [
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'p',
  'br',
  'hr',
  'blockquote',
  'pre',
  'code',
  'ul',
  'ol',
  'li',
  'dl',
  'dt',
  'dd',
  'strong',
  'b',
  'em',
  'i',
  'u',
  's',
  'sub',
  'sup',
  'mark',
  'small',
  'span',
  'div',
  'a',
  'img',
  'figure',
  'figcaption',
  'table',
  'caption',
  'colgroup',
  'col',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'th',
  'td',
];

const ATTRIBUTES: sanitizeHtml.IOptions['allowedAttributes'] = {
  a: ['href', 'title', 'target', 'rel'],
  img: ['src', 'alt', 'title', 'width', 'height'],
  iframe: ['src', 'width', 'height', 'title', 'allowfullscreen'],
  ol: ['start', 'type'],
  th: ['colspan', 'rowspan', 'scope'],
  td: ['colspan', 'rowspan'],
  col: ['span'],
  colgroup: ['span'],
};

/** An embed is kept only as https://<allowed host>/embed/<id…>. */
function isAllowedEmbed(src: string | undefined, hosts: readonly string[]): boolean {
  if (!src) return false;
  try {
    const url = new URL(src);
    return url.protocol === 'https:' && hosts.includes(url.hostname.toLowerCase()) && url.pathname.startsWith('/embed/');
  } catch {
    return false;
  }
}

/** Images load only from http(s) URLs or site-relative paths ("/uploads/…"). */
const IMAGE_SRC = /^(https?:\/\/[^\s]+|\/(?!\/)[^\s]*)$/i;

/**
 * Sanitises user-written rich HTML with an allow-list: headings, paragraphs, lists, tables,
 * images, links and captions survive; scripts, styles, event handlers, forms, non-http(s)/mailto/tel
 * links, non-http(s) images and iframes other than allow-listed video embeds are removed.
 * Links opening a new tab get rel="noopener noreferrer nofollow".
 */
export function sanitizeRichText(html: string, options: RichTextOptions = {}): string {
  const hosts = (options.embedHosts ?? DEFAULT_EMBED_HOSTS).map((h) => h.toLowerCase());
  const allowEmbeds = options.allowEmbeds ?? true;
  return sanitizeHtml(html, {
    allowedTags: allowEmbeds ? [...TAGS, 'iframe'] : TAGS,
    allowedAttributes: ATTRIBUTES,
    allowedSchemes: ['http', 'https', 'mailto', 'tel'],
    allowedSchemesByTag: { img: ['http', 'https'], iframe: ['https'] },
    allowedSchemesAppliedToAttributes: ['href', 'src', 'cite'],
    allowProtocolRelative: false,
    allowedIframeHostnames: hosts,
    allowIframeRelativeUrls: false,
    disallowedTagsMode: 'discard',
    nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'title', 'template', 'xmp', 'noembed', 'noframes', 'iframe', 'object', 'svg', 'math'],
    transformTags: {
      a: (tagName, attribs) => {
        const out: Record<string, string> = { ...attribs };
        delete out.rel;
        if (out.target !== undefined) {
          if (out.target === '_blank') out.rel = 'noopener noreferrer nofollow';
          else delete out.target;
        }
        return { tagName, attribs: out };
      },
      img: (tagName, attribs) => {
        const out: Record<string, string> = { ...attribs };
        if (!out.src || !IMAGE_SRC.test(out.src)) delete out.src;
        return { tagName, attribs: out };
      },
    },
    exclusiveFilter: (frame) => (frame.tag === 'iframe' && !isAllowedEmbed(frame.attribs.src, hosts)) || (frame.tag === 'img' && !frame.attribs.src),
  });
}

/** Plain text of rich HTML (for search keys, summaries and feeds). */
export function richTextToPlain(html: string): string {
  return sanitizeHtml(html, { allowedTags: [], allowedAttributes: {}, nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'iframe'] })
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}
