import QRCode from 'qrcode';
import { parseVietQr } from './vietqr-payload';

/**
 * Error correction M (15 %): what banks' own VietQR images use; a phone screen or a printed
 * receipt scans reliably. The quiet zone (4 modules) is the QR specification's minimum.
 */
const OPTIONS = { errorCorrectionLevel: 'M', margin: 4 } as const;
/** Pixels per module of the PNG: a 2 cm print at 300 dpi, sharp on any phone screen. */
const PNG_SCALE = 8;

/**
 * The payload as a PNG QR code (byte mode, error correction M). The payload is checked first
 * (`parseVietQr`): a code a bank app would refuse is never drawn; the `EmvFormatError` says why.
 */
export async function vietQrPng(payload: string): Promise<Buffer> {
  parseVietQr(payload);
  return QRCode.toBuffer([{ data: Buffer.from(payload, 'utf8'), mode: 'byte' }], { ...OPTIONS, type: 'png', scale: PNG_SCALE });
}

/** The payload as a standalone SVG document (scales without blur for print); checked like `vietQrPng`. */
export async function vietQrSvg(payload: string): Promise<string> {
  parseVietQr(payload);
  return QRCode.toString([{ data: Buffer.from(payload, 'utf8'), mode: 'byte' }], { ...OPTIONS, type: 'svg' });
}
