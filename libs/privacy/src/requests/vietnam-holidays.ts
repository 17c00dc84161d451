/**
 * Public holidays in Vietnam (Labour Code 2019, art. 112, and the government's yearly decisions on
 * Tết and the swapped days), as dated data: a day listed here is not a working day. Extend it
 * each year when the Ministry of Home Affairs announces the calendar, or add days without a release
 * through PRIVACY_EXTRA_HOLIDAYS (comma-separated YYYY-MM-DD).
 */
export const VIETNAM_PUBLIC_HOLIDAYS: readonly string[] = [
  // 2026
  '2026-01-01', // Tết Dương lịch
  '2026-02-14', // Tết Nguyên đán (14–22 Feb 2026)
  '2026-02-15',
  '2026-02-16',
  '2026-02-17',
  '2026-02-18',
  '2026-02-19',
  '2026-02-20',
  '2026-02-21',
  '2026-02-22',
  '2026-04-26', // Giỗ Tổ Hùng Vương (10/3 âm lịch)
  '2026-04-27', // (compensating day: the 26th is a Sunday)
  '2026-04-30', // Ngày Giải phóng miền Nam
  '2026-05-01', // Quốc tế Lao động
  '2026-09-01', // Quốc khánh (1–2 Sep)
  '2026-09-02',
  // 2027
  '2027-01-01',
  '2027-02-05', // Tết Nguyên đán (5–10 Feb 2027, lunar new year on the 6th)
  '2027-02-06',
  '2027-02-07',
  '2027-02-08',
  '2027-02-09',
  '2027-02-10',
  '2027-04-16', // Giỗ Tổ Hùng Vương
  '2027-04-30',
  '2027-05-01',
  '2027-09-02',
  '2027-09-03',
];
