/** `250.000 ₫`: VND the way Vietnamese receipts write it (dots between thousands). */
export function vndText(amount: number): string {
  return `${String(amount).replace(/\B(?=(\d{3})+(?!\d))/g, '.')} ₫`;
}
