/**
 * Production refuses the `.env.example` placeholders and keys a person typed rather than generated
 * (issue 18 §8): a placeholder JWT secret lets anyone mint admin tokens, an all-zero key encrypts nothing.
 */

/** Every placeholder in .env.example starts like this. */
const PLACEHOLDER = /change-?me/i;

/** Shannon entropy of the text, in bits over its whole length (an upper bound of its real strength). */
function entropyBits(value: string): number {
  const counts = new Map<string, number>();
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let perChar = 0;
  for (const n of counts.values()) {
    const p = n / value.length;
    perChar -= p * Math.log2(p);
  }
  return perChar * value.length;
}

/** Why a text secret is unfit for production, or undefined. */
export function weakSecretProblem(value: string): string | undefined {
  if (PLACEHOLDER.test(value)) return 'is still the .env.example placeholder: generate one (e.g. `openssl rand -base64 48`)';
  if (entropyBits(value) < 128) return 'looks typed rather than random (too little entropy): generate one (e.g. `openssl rand -base64 48`)';
  return undefined;
}

/** Why a 32-byte key is unfit for production, or undefined. */
export function weakKeyProblem(key: Buffer): string | undefined {
  if (new Set(key).size < 16) return 'is not random (e.g. all zero bytes): generate one with `openssl rand -base64 32`';
  return undefined;
}

/** For passwords and keys that only need to differ from the placeholder. */
export function placeholderProblem(value: string): string | undefined {
  return PLACEHOLDER.test(value) ? 'is still the .env.example placeholder' : undefined;
}
