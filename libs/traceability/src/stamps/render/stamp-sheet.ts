import { once } from 'node:events';
import { PassThrough, type Readable } from 'node:stream';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import PDFDocument from 'pdfkit';
import { pageGraphicsStream } from './page-graphics';
import type { PageGraphicsFn } from './page-graphics-pool';
import { printable, vietnameseFontPath } from './sheet-font';
import { SHEET, cellOrigin } from './sheet-layout';

export { SHEET } from './sheet-layout';

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

/** Puts a page's prebuilt graphics stream (pageGraphicsStream, already deflated) before the page's own content. */
function placeGraphics(doc: PDFKit.PDFDocument, deflated: Uint8Array): void {
  // A stream with a Filter is written as given (PDFKit compresses only streams without one).
  const graphics = doc.ref({ Filter: 'FlateDecode' });
  graphics.end(Buffer.from(deflated.buffer, deflated.byteOffset, deflated.byteLength));
  const page = (doc as unknown as { page: { content: unknown; dictionary: { data: { Contents: unknown } } } }).page;
  page.dictionary.data.Contents = [graphics, page.content];
}

/** Pages per message to a worker: large enough to amortise the hand-off, small enough to keep memory flat. */
const PAGES_PER_TASK = 4;
/** Tasks in flight ahead of the writer, per pool: keeps every worker busy while bounding what is buffered. */
const LOOKAHEAD = 6;

/** Groups stamps into sheet pages, and pages into tasks. */
async function* tasksOf(stamps: AsyncIterable<SheetStamp[]>): AsyncGenerator<SheetStamp[][]> {
  let page: SheetStamp[] = [];
  let task: SheetStamp[][] = [];
  for await (const chunk of stamps) {
    for (const stamp of chunk) {
      page.push(stamp);
      if (page.length === SHEET.perPage) {
        task.push(page);
        page = [];
        if (task.length === PAGES_PER_TASK) {
          yield task;
          task = [];
        }
      }
    }
  }
  if (page.length) task.push(page);
  if (task.length) yield task;
}

/**
 * Streams a printable PDF of stamps. The QR codes and cutting guides of each page are built by
 * `graphics` (worker threads in production, see PageGraphicsPool) a few tasks ahead, and the pages
 * are written in order as their graphics arrive; the writer waits whenever the consumer is slower,
 * so memory stays flat whatever the number of stamps. QR codes are vector rectangles (one filled
 * path per code), not images.
 */
export function renderStampSheet(
  stamps: AsyncIterable<SheetStamp[]>,
  options: SheetOptions,
  graphics: PageGraphicsFn = async (pages) => pages.map(pageGraphicsStream),
): Readable {
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
    const queue: Array<{ pages: SheetStamp[][]; graphics: Promise<Uint8Array[]> }> = [];
    const source = tasksOf(stamps)[Symbol.asyncIterator]();
    let exhausted = false;
    const fill = async () => {
      while (!exhausted && queue.length < LOOKAHEAD) {
        const next = await source.next();
        if (next.done) exhausted = true;
        else {
          const pending = graphics(next.value.map((page) => page.map((s) => s.url)));
          // Rejections are observed when the task's turn comes; this keeps them from counting as unhandled meanwhile.
          pending.catch(() => undefined);
          queue.push({ pages: next.value, graphics: pending });
        }
      }
    };
    for (await fill(); queue.length; await fill()) {
      const task = queue.shift()!;
      const built = await task.graphics;
      for (let p = 0; p < task.pages.length; p++) {
        // Yield between pages so the finished page leaves before the next is drawn; stop if the reader went away.
        if (out.writableNeedDrain) await drainedOrClosed(out);
        else await yieldToEventLoop();
        if (out.destroyed) return;
        doc.addPage({ size: 'A4', margin: 0 });
        placeGraphics(doc, built[p]);
        task.pages[p].forEach((stamp, slot) => {
          const { x, y } = cellOrigin(slot);
          const textTop = y + S.qrTop + S.qrSize + 2;
          doc
            .font(nameFont)
            .fontSize(6.5)
            .fillColor('#000000')
            .text(name, x + (S.cellWidth - nameWidth) / 2, textTop, { lineBreak: false });
          doc.font('Courier-Bold').fontSize(8);
          doc.text(stamp.serial, x + (S.cellWidth - doc.widthOfString(stamp.serial)) / 2, textTop + 9, { lineBreak: false });
        });
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
