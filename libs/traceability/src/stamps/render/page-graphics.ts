import { deflateSync } from 'node:zlib';
import { QR_QUIET_ZONE, qrPathOps } from './qr-matrix';
import { SHEET, cellOrigin } from './sheet-layout';

const n = (v: number) => Number(v.toFixed(4));

/**
 * The vector graphics of one sheet page — cutting guides and QR codes of up to SHEET.perPage
 * stamps, cell by cell — as raw PDF content operators in the renderer's top-left user space. Each
 * cell is wrapped in q … Q, so nothing leaks into the text drawn afterwards. Pure and free of
 * PDFKit, so that worker threads can build pages in parallel (the QR encoding is the costly part).
 */
export function pageGraphics(urls: readonly string[]): string {
  let out = '';
  for (let slot = 0; slot < urls.length; slot++) {
    const { x, y } = cellOrigin(slot);
    out += `q 0.3 w 0.7843 0.7843 0.7843 RG ${n(x)} ${n(y)} ${n(SHEET.cellWidth)} ${n(SHEET.cellHeight)} re S Q\n`;
    const { size, ops } = qrPathOps(urls[slot]);
    const module = SHEET.qrSize / (size + 2 * QR_QUIET_ZONE);
    const tx = x + (SHEET.cellWidth - SHEET.qrSize) / 2 + QR_QUIET_ZONE * module;
    const ty = y + SHEET.qrTop + QR_QUIET_ZONE * module;
    out += `q 0 0 0 rg 1 0 0 1 ${n(tx)} ${n(ty)} cm ${n(module)} 0 0 ${n(module)} 0 0 cm\n${ops}f Q\n`;
  }
  return out;
}

/**
 * A page's graphics as a complete, deflated PDF content stream, to be placed before the page's own
 * (text) stream. Content streams of a page run as one, in PDF's bottom-left space: the stream flips
 * to the renderer's top-left space itself and restores the state at its end. Compressing here
 * (in a worker) keeps the costly deflate off the thread that writes the PDF.
 */
export function pageGraphicsStream(urls: readonly string[]): Uint8Array {
  const text = `q 1 0 0 -1 0 ${SHEET.pageHeight} cm\n${pageGraphics(urls)}Q\n`;
  const packed = deflateSync(Buffer.from(text, 'latin1'));
  // A buffer of its own (never a slice of a shared pool), so that a worker can transfer it.
  const bytes = new Uint8Array(packed.length);
  bytes.set(packed);
  return bytes;
}
