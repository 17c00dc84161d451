import { registerDecorator, type ValidationOptions } from 'class-validator';

/** Units a product may be sold by (Vietnamese, lower case, NFC). */
export const PRODUCT_UNITS = ['kg', 'g', 'hộp', 'chai', 'túi', 'gói', 'lít', 'bó', 'trái', 'con', 'cái', 'bộ', 'hũ', 'thùng', 'tấn', 'yến', 'chục'] as const;

const UNITS = new Set<string>(PRODUCT_UNITS);

/** The canonical unit for input such as " Hộp " or a decomposed (NFD) "hộp"; null when not allowed. */
export function canonicalUnit(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const unit = value.normalize('NFC').trim().toLowerCase();
  return UNITS.has(unit) ? unit : null;
}

export function IsProductUnit(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isProductUnit',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: `Đơn vị tính phải là một trong: ${PRODUCT_UNITS.join(', ')} (unknown unit)`, ...options },
      validator: { validate: (v: unknown) => canonicalUnit(v) !== null },
    });
}
