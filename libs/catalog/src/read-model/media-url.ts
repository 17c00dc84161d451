/** Public URL path of a stored file (served by the catalog's media route). */
export function mediaUrl(storageKey: string): string {
  return `/media/${storageKey}`;
}
