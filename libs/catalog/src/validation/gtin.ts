import { registerDecorator, type ValidationOptions } from 'class-validator';

/**
 * GTIN-8/12/13/14: the last digit is a check digit. Weights 3,1,3,… from the right over the other
 * digits; check = (10 − Σ mod 10) mod 10. (GS1 Vietnam company prefixes start with 893.)
 */
export function isValidGtin(value: unknown): boolean {
  if (typeof value !== 'string' || !/^(\d{8}|\d{12}|\d{13}|\d{14})$/.test(value)) return false;
  const digits = value.split('').map(Number);
  const check = digits.pop()!;
  let sum = 0;
  for (let i = digits.length - 1, w = 3; i >= 0; i--, w = w === 3 ? 1 : 3) sum += digits[i] * w;
  return (10 - (sum % 10)) % 10 === check;
}

export function IsGtin(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isGtin',
      target: target.constructor,
      propertyName: String(propertyName),
      options: {
        message: 'Mã GTIN không hợp lệ: cần 8, 12, 13 hoặc 14 chữ số với số kiểm tra đúng (invalid GTIN check digit)',
        ...options,
      },
      validator: { validate: isValidGtin },
    });
}
