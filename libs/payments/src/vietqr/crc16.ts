/**
 * CRC-16/CCITT-FALSE (ISO/IEC 13239 as EMVCo and NAPAS use it): polynomial 0x1021, initial value
 * 0xFFFF, no reflection, no final XOR. Check value: "123456789" → 0x29B1.
 */
export function crc16CcittFalse(data: string | Uint8Array): number {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  let crc = 0xffff;
  for (const byte of bytes) {
    crc ^= byte << 8;
    for (let bit = 0; bit < 8; bit++) {
      crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
    }
  }
  return crc;
}

/** The CRC as the payload writes it: four upper-case hexadecimal digits. */
export function crc16Hex(data: string | Uint8Array): string {
  return crc16CcittFalse(data).toString(16).toUpperCase().padStart(4, '0');
}
