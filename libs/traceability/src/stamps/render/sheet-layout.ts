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

/** Top-left corner of cell `slot` (0 … perPage-1) of a page, in points from the page's top-left. */
export function cellOrigin(slot: number): { x: number; y: number } {
  return { x: SHEET.margin + (slot % SHEET.columns) * SHEET.cellWidth, y: SHEET.margin + Math.floor(slot / SHEET.columns) * SHEET.cellHeight };
}
