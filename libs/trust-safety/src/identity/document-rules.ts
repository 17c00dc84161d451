import { isValidPersonalId, isValidTaxCode } from '@tradefloor/enterprise-profile';
import { ValidatorConstraint, type ValidationArguments, type ValidatorConstraintInterface } from 'class-validator';
import type { DocumentKind } from './identity.dto';

/** Document numbers compare without spaces, dots or dashes, upper-cased. */
export function normalizeNumber(raw: string): string {
  return raw.replace(/[\s.\-–]/g, '').toUpperCase();
}

/** Number formats by kind (on the normalised number). */
export const NUMBER_RULES: Record<DocumentKind, (n: string) => boolean> = {
  cccd: isValidPersonalId,
  passport: (n) => /^[A-Z]\d{7,8}$/.test(n),
  foreign_passport: (n) => /^[A-Z0-9]{6,20}$/.test(n),
  business_registration: (n) => isValidTaxCode(n.length === 13 ? `${n.slice(0, 10)}-${n.slice(10)}` : n),
};

/** The number fits the chosen kind (an unknown kind is reported on its own field). */
@ValidatorConstraint({ name: 'documentNumberForKind' })
export class DocumentNumberForKind implements ValidatorConstraintInterface {
  validate(value: unknown, args: ValidationArguments): boolean {
    const kind = (args.object as { documentKind?: DocumentKind }).documentKind;
    if (typeof value !== 'string') return false;
    const rule = kind ? NUMBER_RULES[kind] : undefined;
    return rule ? rule(normalizeNumber(value)) : true;
  }

  defaultMessage(): string {
    return 'Số giấy tờ không đúng định dạng của loại đã chọn (documentNumber)';
  }
}
