/** Links in a message: URLs with a scheme, `www.` hosts, and bare domains with a common TLD. */
const LINK = /\b(?:https?:\/\/|www\.)\S+|\b[a-z0-9-]+\.(?:com|net|org|info|xyz|top|vn|io|ru|cn)\b(?:\/\S*)?/gi;

/** A genuine buyer rarely needs more than one link; link-heavy messages are the typical spam. */
export const MAX_LINKS_BEFORE_SPAM = 2;

export function countLinks(message: string): number {
  return message.match(LINK)?.length ?? 0;
}

export function isLinkHeavy(message: string): boolean {
  return countLinks(message) > MAX_LINKS_BEFORE_SPAM;
}
