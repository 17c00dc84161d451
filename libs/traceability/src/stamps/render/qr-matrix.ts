import QRCode from 'qrcode';

/** Error correction M (15 %): the usual choice for printed labels that get scuffed. */
export const QR_ERROR_CORRECTION = 'M' as const;
/** Quiet zone the QR specification requires around the symbol, in modules. */
export const QR_QUIET_ZONE = 4;

/** Dark modules of a QR code as horizontal runs [row, startColumn, length]: few rectangles to draw. */
export function qrRuns(text: string): { size: number; runs: Array<[number, number, number]> } {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: QR_ERROR_CORRECTION });
  const size = modules.size;
  const runs: Array<[number, number, number]> = [];
  for (let r = 0; r < size; r++) {
    let start = -1;
    for (let c = 0; c <= size; c++) {
      const dark = c < size && modules.get(r, c);
      if (dark && start < 0) start = c;
      else if (!dark && start >= 0) {
        runs.push([r, start, c - start]);
        start = -1;
      }
    }
  }
  return { size, runs };
}

export function qrSvg(text: string): Promise<string> {
  return QRCode.toString(text, { type: 'svg', errorCorrectionLevel: QR_ERROR_CORRECTION, margin: QR_QUIET_ZONE });
}

export function qrPng(text: string): Promise<Buffer> {
  return QRCode.toBuffer(text, { type: 'png', errorCorrectionLevel: QR_ERROR_CORRECTION, margin: QR_QUIET_ZONE, scale: 8 });
}
