import { existsSync } from 'node:fs';
import { foldVietnamese } from '@tradefloor/core';

/**
 * A TrueType font with Vietnamese glyphs for product names on stamp sheets: DejaVu Sans from the
 * system (Debian/Ubuntu `fonts-dejavu-core`, Fedora, Arch paths). Without one, the PDF falls back
 * to the built-in Helvetica and prints names without diacritics rather than broken glyphs.
 */
const CANDIDATES = [
  '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
  '/usr/share/fonts/dejavu/DejaVuSans.ttf',
  '/usr/share/fonts/TTF/DejaVuSans.ttf',
  '/usr/share/fonts/dejavu-sans-fonts/DejaVuSans.ttf',
];

let cached: string | null | undefined;

export function vietnameseFontPath(): string | null {
  if (cached === undefined) cached = CANDIDATES.find((p) => existsSync(p)) ?? null;
  return cached;
}

/** Text the chosen font can show: as is with a Unicode font, folded to ASCII with Helvetica. */
export function printable(text: string, unicodeFont: boolean): string {
  return unicodeFont ? text : foldVietnamese(text).replace(/[^\x20-\x7e]/g, '?');
}
