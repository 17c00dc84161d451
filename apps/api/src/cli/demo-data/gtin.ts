/** GTIN check digit: weights 3,1,3,… from the right of the data digits; (10 − Σ mod 10) mod 10. */
export function gtinCheckDigit(data: string): number {
  let sum = 0;
  for (let i = 0; i < data.length; i++) {
    const fromRight = data.length - 1 - i;
    sum += Number(data[i]) * (fromRight % 2 === 0 ? 3 : 1);
  }
  return (10 - (sum % 10)) % 10;
}

/** A GTIN-13 under the GS1 Vietnam prefix 893. */
export function gtin13(companyNo: number, itemNo: number): string {
  const data = `893${String(companyNo).padStart(4, '0')}${String(itemNo).padStart(5, '0')}`;
  return `${data}${gtinCheckDigit(data)}`;
}
