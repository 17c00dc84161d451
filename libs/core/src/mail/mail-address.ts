/**
 * Recipient addresses come from enterprise profiles and accounts: only plain `local@domain`
 * addresses are mailed, so nothing typed into a profile can add a header or a recipient.
 */
export function assertPlainAddress(address: string): string {
  if (!/^[^\s<>()",;:@\\]+@[^\s<>()",;:@\\]+$/.test(address)) throw new Error(`Unsafe mail address: ${JSON.stringify(address)}`);
  return address;
}
