import { registerDecorator, type ValidationOptions } from 'class-validator';

/**
 * 12-digit personal identification number (số định danh cá nhân / CCCD), used by household
 * businesses since 1 July 2025 instead of a tax code. It carries no check digit; the first three
 * digits are the province of birth code (001–096), the fourth the century and sex (0–9).
 */
export function isValidPersonalId(value: unknown): boolean {
  if (typeof value !== 'string' || !/^\d{12}$/.test(value)) return false;
  const province = Number(value.slice(0, 3));
  return province >= 1 && province <= 96;
}

export function IsVietnamesePersonalId(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isVietnamesePersonalId',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: 'Số định danh cá nhân phải gồm 12 chữ số (personal ID must be 12 digits)', ...options },
      validator: { validate: isValidPersonalId },
    });
}
