import { registerDecorator, type ValidationOptions } from 'class-validator';

const WEIGHTS = [31, 29, 23, 19, 17, 13, 7, 5, 3];
const FORMAT = /^(\d{10})(?:-(\d{3}))?$/;

/**
 * Vietnamese tax code (mã số thuế): 10 digits whose tenth is a check digit over the first nine
 * (weights 31,29,23,19,17,13,7,5,3; r = Σ mod 11; check = 10 − r, r = 10 gives 0, r = 0 is never
 * issued), optionally followed by a `-NNN` branch suffix (13 digits in all).
 */
export function isValidTaxCode(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const match = FORMAT.exec(value);
  if (!match) return false;
  const digits = match[1];
  const sum = WEIGHTS.reduce((acc, w, i) => acc + w * Number(digits[i]), 0);
  const r = sum % 11;
  if (r === 0) return false;
  const check = r === 10 ? 0 : 10 - r;
  if (check !== Number(digits[9])) return false;
  // Branch numbers start at 001.
  return match[2] === undefined || match[2] !== '000';
}

/** Accepts "0100233488-001" and also the compact 13-digit form "0100233488001"; returns the canonical form. */
export function normalizeTaxCode(value: string): string {
  const compact = value.replace(/[\s.]/g, '');
  return /^\d{13}$/.test(compact) ? `${compact.slice(0, 10)}-${compact.slice(10)}` : compact;
}

export function IsVietnameseTaxCode(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isVietnameseTaxCode',
      target: target.constructor,
      propertyName: String(propertyName),
      options: {
        message: 'Mã số thuế không hợp lệ: 10 chữ số đúng chữ số kiểm tra, có thể kèm -NNN (invalid tax code)',
        ...options,
      },
      validator: { validate: isValidTaxCode },
    });
}
