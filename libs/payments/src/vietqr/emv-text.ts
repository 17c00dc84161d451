/**
 * Text for the fields bank apps show the payer (purpose of transaction, bill number, merchant
 * name): the EMV "ANS" set is printable ASCII, and Vietnamese banks' apps display reliably only
 * letters, digits, spaces and a little punctuation. Tone and vowel marks are removed (đ → d,
 * Đ → D); anything else that cannot be represented becomes a space; runs of spaces collapse.
 */
const NOT_REPRESENTABLE = /[^A-Za-z0-9 .,:/_+#-]/g;

/**
 * Removes tone and vowel marks and writes đ/Đ as d/D, keeping letter case (core's
 * `foldVietnamese` also lower-cases, which bank apps would show).
 */
function stripMarks(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D');
}

/** Folds `text` to the characters above and cuts it to `maxLength` (at a word end when there is one). */
export function toEmvText(text: string, maxLength: number): string {
  const folded = stripMarks(text).replace(NOT_REPRESENTABLE, ' ').replace(/\s+/g, ' ').trim();
  if (folded.length <= maxLength) return folded;
  const cut = folded.slice(0, maxLength + 1);
  const space = cut.lastIndexOf(' ');
  return (space > maxLength / 2 ? cut.slice(0, space) : cut.slice(0, maxLength)).trim();
}

/** True when `text` is already in the representable set (nothing would be folded or dropped). */
export function isEmvText(text: string): boolean {
  return !/[^A-Za-z0-9 .,:/_+#-]/.test(text);
}

/**
 * An account holder's name the way banks print it: no marks, upper case, single spaces
 * ("Nguyễn Thị Đào" → "NGUYEN THI DAO"). Characters other than letters, digits, spaces and
 * `. , & ( ) ' / -` are kept as they are, so that validation can refuse them.
 */
export function bankPrintedName(text: string): string {
  return stripMarks(text).toUpperCase().replace(/\s+/g, ' ').trim();
}

/** Holder names banks print: 2–50 characters of A–Z, digits, spaces and `. , & ( ) ' / -`, starting with a letter. */
export const BANK_PRINTED_NAME = /^[A-Z][A-Z0-9 .,&()'/-]{1,49}$/;
