import QRCode from 'qrcode';

/** Error correction M (15 %): the usual choice for printed labels that get scuffed. */
export const QR_ERROR_CORRECTION = 'M' as const;
/** Quiet zone the QR specification requires around the symbol, in modules. */
export const QR_QUIET_ZONE = 4;
/**
 * Mask pattern of sheet codes. ISO/IEC 18004 lets the encoder use any of the eight masks (the
 * reader learns it from the format information); choosing by the penalty rules only improves
 * contrast on awkward data, and costs ~4/5 of the encoding time (all eight are tried and scored).
 * Every code on the sheets is decoded back in the tests.
 */
export const QR_MASK_PATTERN = 0;

/**
 * A QR code's dark modules as PDF path operators (`x y w h re`, one unit per module, origin at
 * the top-left module): horizontal runs of a row are one rectangle, and identical runs in
 * consecutive rows grow into one taller rectangle. Far fewer operators than one per module keeps
 * page streams small and rendering fast.
 */
export function qrPathOps(text: string): { size: number; ops: string } {
  // One byte-mode segment: skips the encoder's segment optimisation, which costs more than it saves for URLs.
  const { modules } = QRCode.create([{ data: Buffer.from(text, 'utf8'), mode: 'byte' }], {
    errorCorrectionLevel: QR_ERROR_CORRECTION,
    maskPattern: QR_MASK_PATTERN,
  });
  const size = modules.size;
  const data = modules.data;
  // open[c] = index into rects of a rectangle that ends in the previous row and starts at column c.
  const rects: number[] = [];
  let open = new Map<number, number>();
  for (let r = 0; r < size; r++) {
    const next = new Map<number, number>();
    for (let c = 0; c < size;) {
      if (!data[r * size + c]) {
        c++;
        continue;
      }
      const start = c;
      while (c < size && data[r * size + c]) c++;
      const len = c - start;
      const prev = open.get(start);
      if (prev !== undefined && rects[prev + 2] === len) {
        rects[prev + 3]++;
        next.set(start, prev);
      } else {
        next.set(start, rects.length);
        rects.push(start, r, len, 1);
      }
    }
    open = next;
  }
  let ops = '';
  for (let i = 0; i < rects.length; i += 4) ops += `${rects[i]} ${rects[i + 1]} ${rects[i + 2]} ${rects[i + 3]} re\n`;
  return { size, ops };
}

export function qrSvg(text: string): Promise<string> {
  return QRCode.toString(text, { type: 'svg', errorCorrectionLevel: QR_ERROR_CORRECTION, margin: QR_QUIET_ZONE });
}

export function qrPng(text: string): Promise<Buffer> {
  return QRCode.toBuffer(text, { type: 'png', errorCorrectionLevel: QR_ERROR_CORRECTION, margin: QR_QUIET_ZONE, scale: 8 });
}
