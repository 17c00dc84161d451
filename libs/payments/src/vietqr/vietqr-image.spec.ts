import { XMLParser, XMLValidator } from 'fast-xml-parser';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { EmvFormatError } from './emv-tlv';
import { vietQrPng, vietQrSvg } from './vietqr-image';
import { encodeVietQr } from './vietqr-payload';

const PAYLOAD = encodeVietQr({ bankBin: '970436', accountNumber: '0071000123456', amountVnd: 10_000, billNumber: 'TV-7K3M9Q-1', purpose: 'TT TV-7K3M9Q-1' });

describe('VietQR images', () => {
  it('draws a PNG that decodes back to the payload', async () => {
    const png = await vietQrPng(PAYLOAD);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.length).toBeGreaterThan(500);
    expect(png.length).toBeLessThan(20_000);
    const image = PNG.sync.read(png);
    expect(image.width).toBe(image.height);
    // Version 5–7 for a ~120-character payload at level M: (37…45 + 8 quiet) modules × 8 px.
    expect(image.width).toBeGreaterThanOrEqual(300);
    expect(image.width).toBeLessThanOrEqual(500);
    const decoded = jsQR(new Uint8ClampedArray(image.data), image.width, image.height);
    expect(decoded?.data).toBe(PAYLOAD);
  });

  it('writes a well-formed standalone SVG', async () => {
    const svg = await vietQrSvg(PAYLOAD);
    expect(XMLValidator.validate(svg)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false }).parse(svg);
    expect(doc.svg['@_xmlns']).toBe('http://www.w3.org/2000/svg');
    expect(doc.svg['@_viewBox']).toMatch(/^0 0 \d+ \d+$/);
    expect(svg.length).toBeLessThan(20_000);
  });

  it('refuses to draw a payload a bank app would reject', async () => {
    await expect(vietQrPng(PAYLOAD.slice(0, -4) + '0000')).rejects.toBeInstanceOf(EmvFormatError);
    await expect(vietQrSvg('hello')).rejects.toBeInstanceOf(EmvFormatError);
  });
});
