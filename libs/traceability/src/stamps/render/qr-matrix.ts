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
  // open[c] = 1 + index (in rects, of 4 numbers each) of a rectangle that ends in the previous row
  // and starts at column c; 0 = none. Typed arrays, swapped per row: no allocation per row.
  let open = new Int32Array(size);
  let next = new Int32Array(size);
  const rects: number[] = [];
  for (let r = 0; r < size; r++) {
    next.fill(0);
    const row = r * size;
    for (let c = 0; c < size;) {
      if (!data[row + c]) {
        c++;
        continue;
      }
      const start = c;
      while (c < size && data[row + c]) c++;
      const len = c - start;
      const prev = open[start] - 1;
      if (prev >= 0 && rects[prev + 2] === len) {
        rects[prev + 3]++;
        next[start] = prev + 1;
      } else {
        next[start] = rects.length + 1;
        rects.push(start, r, len, 1);
      }
    }
    [open, next] = [next, open];
  }
  const parts: string[] = new Array(rects.length / 4);
  for (let i = 0; i < rects.length; i += 4) parts[i / 4] = `${rects[i]} ${rects[i + 1]} ${rects[i + 2]} ${rects[i + 3]} re\n`;
  const ops = parts.join('');
  return { size, ops };
}

export function qrSvg(text: string): Promise<string> {
  return QRCode.toString(text, { type: 'svg', errorCorrectionLevel: QR_ERROR_CORRECTION, margin: QR_QUIET_ZONE });
}

export function qrPng(text: string): Promise<Buffer> {
  return QRCode.toBuffer(text, { type: 'png', errorCorrectionLevel: QR_ERROR_CORRECTION, margin: QR_QUIET_ZONE, scale: 8 });
}
