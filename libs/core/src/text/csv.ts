/** Excel only detects UTF-8 (and shows Vietnamese correctly) when the file starts with a BOM. */
const BOM = '\uFEFF';

function csvField(value: string | number): string {
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** RFC 4180 CSV (CRLF, quoted where needed) with a UTF-8 BOM, for spreadsheet downloads. */
export function toCsv(rows: Array<Array<string | number>>): string {
  return BOM + rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}
