import { once } from 'node:events';
import { PassThrough, type Readable } from 'node:stream';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import PDFDocument from 'pdfkit';
import { QR_QUIET_ZONE, qrPathOps } from './qr-matrix';
import { printable, vietnameseFontPath } from './sheet-font';

/** A4 in points, 5 × 7 stamps per page. Exported so that tests can find each cell in a raster. */
export const SHEET = {
  pageWidth: 595.28,
  pageHeight: 841.89,
  margin: 22,
  columns: 5,
  rows: 7,
  qrSize: 82,
  qrTop: 6,
  get cellWidth(): number {
    return (this.pageWidth - 2 * this.margin) / this.columns;
  },
  get cellHeight(): number {
    return (this.pageHeight - 2 * this.margin) / this.rows;
  },
  get perPage(): number {
    return this.columns * this.rows;
  },
};

export interface SheetStamp {
  serial: string;
  url: string;
}

export interface SheetOptions {
  productName: string;
  title: string;
}

/** Waits for 'drain' (or the end of the stream), leaving no listener behind. */
async function drainedOrClosed(out: PassThrough): Promise<void> {
  if (out.destroyed) return;
  const ac = new AbortController();
  // Aborting rejects the wait that lost the race; that rejection is expected and swallowed.
  const waits = ['drain', 'close'].map((event) => once(out, event, { signal: ac.signal }).catch(() => undefined));
  await Promise.race(waits);
  ac.abort();
}

function fitWidth(doc: PDFKit.PDFDocument, text: string, max: number): string {
  if (doc.widthOfString(text) <= max) return text;
  let cut = text;
  while (cut.length > 1 && doc.widthOfString(`${cut}…`) > max) cut = cut.slice(0, -1);
  return `${cut.trimEnd()}…`;
}

/**
 * Streams a printable PDF of stamps. Stamps are pulled page by page from `stamps` and each page is
 * written out before the next is read, waiting whenever the consumer is slower than the renderer,
 * so memory stays flat whatever the number of stamps. QR codes are vector rectangles (one filled
 * path per code), not images.
 */
export function renderStampSheet(stamps: AsyncIterable<SheetStamp[]>, options: SheetOptions): Readable {
  const out = new PassThrough();
  const fontPath = vietnameseFontPath();
  const doc = new PDFDocument({ size: 'A4', margin: 0, autoFirstPage: false, compress: true, info: { Title: options.title, Creator: 'TradeFloor' } });
  doc.on('data', (chunk: Buffer) => out.write(chunk));
  if (fontPath) doc.registerFont('name', fontPath);
  const nameFont = fontPath ? 'name' : 'Helvetica';

  const run = async () => {
    const S = SHEET;
    const textWidth = S.cellWidth - 8;
    doc.font(nameFont).fontSize(6.5);
    const name = fitWidth(doc, printable(options.productName, fontPath !== null), textWidth);
    const nameWidth = doc.widthOfString(name);
    let onPage = S.perPage;
    for await (const page of stamps) {
      for (const stamp of page) {
        if (onPage === S.perPage) {
          // Yield between pages so the finished page leaves before the next is drawn; stop if the reader went away.
          if (out.writableNeedDrain) await drainedOrClosed(out);
          else await yieldToEventLoop();
          if (out.destroyed) return;
          doc.addPage({ size: 'A4', margin: 0 });
          onPage = 0;
        }
        const x = S.margin + (onPage % S.columns) * S.cellWidth;
        const y = S.margin + Math.floor(onPage / S.columns) * S.cellHeight;
        onPage++;
        // Cutting guide.
        doc.save().lineWidth(0.3).strokeColor('#c8c8c8').rect(x, y, S.cellWidth, S.cellHeight).stroke().restore();
        const { size, ops } = qrPathOps(stamp.url);
        const module = S.qrSize / (size + 2 * QR_QUIET_ZONE);
        doc
          .save()
          .translate(x + (S.cellWidth - S.qrSize) / 2 + QR_QUIET_ZONE * module, y + S.qrTop + QR_QUIET_ZONE * module)
          .scale(module);
        doc.addContent(ops);
        doc.fill('#000000').restore();
        const textTop = y + S.qrTop + S.qrSize + 2;
        doc
          .font(nameFont)
          .fontSize(6.5)
          .fillColor('#000000')
          .text(name, x + (S.cellWidth - nameWidth) / 2, textTop, { lineBreak: false });
        doc.font('Courier-Bold').fontSize(8);
        doc.text(stamp.serial, x + (S.cellWidth - doc.widthOfString(stamp.serial)) / 2, textTop + 9, { lineBreak: false });
      }
    }
    if (doc.bufferedPageRange().count === 0) doc.addPage({ size: 'A4', margin: 0 });
    const ended = once(doc, 'end');
    doc.end();
    await ended;
    out.end();
  };
  run().catch((err: unknown) => out.destroy(err as Error));
  return out;
}
