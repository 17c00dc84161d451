import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { FileStorage } from '@tradefloor/core';
import { STAMP_SHEET_LAYOUT as SHEET, StampSheets, vietnameseFontPath } from '@tradefloor/traceability';
import { createTestApp, type TestApp } from '../harness/test-app';
import { binary, createBatch, issue, ownerWithProduct, type Owner } from './trace-fixtures';

const DPI = 200;

/** Rasterises a PDF with poppler's pdftoppm (installed by .ci/run) into one PNG per page. */
function rasterise(pdf: Buffer): PNG[] {
  const dir = mkdtempSync(join(tmpdir(), 'tf-stamps-'));
  try {
    writeFileSync(join(dir, 'sheet.pdf'), pdf);
    execFileSync('pdftoppm', ['-r', String(DPI), '-png', join(dir, 'sheet.pdf'), join(dir, 'page')]);
    return readdirSync(dir)
      .filter((f) => f.endsWith('.png'))
      .sort()
      .map((f) => PNG.sync.read(readFileSync(join(dir, f))));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Decodes the QR code in cell `index` of a page by cropping the cell out of the raster. */
function decodeCell(page: PNG, index: number): string | null {
  const scale = DPI / 72;
  const x0 = Math.floor((SHEET.margin + (index % SHEET.columns) * SHEET.cellWidth) * scale);
  const y0 = Math.floor((SHEET.margin + Math.floor(index / SHEET.columns) * SHEET.cellHeight) * scale);
  const w = Math.floor(SHEET.cellWidth * scale);
  const h = Math.floor(SHEET.cellHeight * scale);
  const data = new Uint8ClampedArray(w * h * 4);
  for (let y = 0; y < h; y++) {
    const from = ((y0 + y) * page.width + x0) * 4;
    data.set(page.data.subarray(from, from + w * 4), y * w * 4);
  }
  return jsQR(data, w, h)?.data ?? null;
}

describe('traceability: printable PDF sheet', () => {
  let t: TestApp;
  let a: Owner;
  beforeAll(async () => {
    t = await createTestApp();
    a = await ownerWithProduct(t, { name: 'Gạo hữu cơ HTX Dân Tiến – Đặc sản Trà Vinh' });
  });
  afterAll(() => t.close());

  it('streams a valid A4 PDF whose QR codes decode back to the stamp URLs, with the serial under each', async () => {
    const batch = await createBatch(t, a, { lotCode: 'DT/2025-1' });
    await issue(t, a, batch.id, SHEET.perPage + 3);
    const csv = await t.http.get(`/api/v1/batches/${batch.id}/stamps.csv`).set(a.owner.auth).expect(200);
    const urls = csv.text
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(',')[2]);
    const serials = csv.text
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(',')[1]);

    const res = await t.http.get(`/api/v1/batches/${batch.id}/stamps.pdf`).set(a.owner.auth).buffer(true).parse(binary).expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toContain('stamps-DT_2025-1.pdf');
    const pdf = res.body as Buffer;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.subarray(-6).toString()).toMatch(/%%EOF\s*$/);

    const info = execFileSync('pdfinfo', ['-'], { input: pdf }).toString();
    expect(info).toMatch(/Pages:\s+2/);
    expect(info).toMatch(/Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)/);
    const text = execFileSync('pdftotext', ['-layout', '-', '-'], { input: pdf }).toString();
    expect(text).toContain(serials[0]);
    expect(text).toContain(serials[SHEET.perPage + 2]);
    // With DejaVu Sans (installed by .ci/run) names keep their diacritics; without it they are folded, never garbled.
    expect(text).toContain(vietnameseFontPath() ? 'Gạo hữu cơ HTX Dân Tiến' : 'Gao huu co HTX Dan Tien');

    const pages = rasterise(pdf);
    expect(pages).toHaveLength(2);
    const decoded: string[] = [];
    for (let i = 0; i < SHEET.perPage; i++) decoded.push(decodeCell(pages[0], i) ?? `undecoded cell ${i}`);
    for (let i = 0; i < 3; i++) decoded.push(decodeCell(pages[1], i) ?? `undecoded cell ${i} of page 2`);
    expect(decoded).toEqual(urls);
    expect(decodeCell(pages[1], 3)).toBeNull();
  });

  it('renders /t/ URLs for products without a GTIN and a range of the batch', async () => {
    const b = await ownerWithProduct(t, { name: 'Dưa lưới', gtin: null });
    const batch = await createBatch(t, b);
    const issued = await issue(t, b, batch.id, 12);
    const res = await t.http.get(`/api/v1/batches/${batch.id}/stamps.pdf?fromSeq=12&toSeq=12`).set(b.owner.auth).buffer(true).parse(binary).expect(200);
    const [page] = rasterise(res.body as Buffer);
    expect(decodeCell(page, 0)).toBe(`${t.config.publicBaseUrl}/t/${issued.lastSerial}`);
    expect(decodeCell(page, 1)).toBeNull();
  });

  it('renders a batch once for concurrent requests, serves the stored file until the batch changes, and never through /media', async () => {
    const c = await ownerWithProduct(t, { name: 'Mật ong', gtin: null });
    const batch = await createBatch(t, c);
    await issue(t, c, batch.id, 40);
    const sheets = t.app.get(StampSheets);
    const renders = jest.spyOn(sheets, 'renderPdf');
    try {
      const get = () => t.http.get(`/api/v1/batches/${batch.id}/stamps.pdf`).set(c.owner.auth).buffer(true).parse(binary).expect(200);
      const [r1, r2, r3] = await Promise.all([get(), get(), get()]);
      expect(renders).toHaveBeenCalledTimes(1);
      expect((r2.body as Buffer).equals(r1.body as Buffer)).toBe(true);
      expect((r3.body as Buffer).equals(r1.body as Buffer)).toBe(true);
      expect(Number(r1.headers['content-length'])).toBe((r1.body as Buffer).length);
      await get();
      expect(renders).toHaveBeenCalledTimes(1);

      // Stored through the FileStorage under private/, which /media refuses.
      const [row] = await t.dataSource.query(`SELECT storage_key FROM trace_stamp_sheets WHERE batch_id = $1`, [batch.id]);
      expect(row.storage_key).toMatch(/^private\/stamp-sheets\//);
      expect((await t.app.get(FileStorage).get(row.storage_key))!.equals(r1.body as Buffer)).toBe(true);
      await t.http.get(`/media/${row.storage_key}`).expect(404);

      // A new issue changes the batch: rendered again, with the new stamps; the old file is removed.
      await issue(t, c, batch.id, 1);
      const after = await get();
      expect(renders).toHaveBeenCalledTimes(2);
      expect(execFileSync('pdfinfo', ['-'], { input: after.body as Buffer }).toString()).toMatch(/Pages:\s+2/);
      expect(await t.app.get(FileStorage).get(row.storage_key)).toBeNull();
      // Another owner cannot read it.
      await t.http.get(`/api/v1/batches/${batch.id}/stamps.pdf`).set(a.owner.auth).expect(403);
    } finally {
      renders.mockRestore();
    }
  });
});
