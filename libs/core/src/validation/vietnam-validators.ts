import { registerDecorator, type ValidationOptions } from 'class-validator';

/** Vietnamese mobile numbers: 0XXXXXXXXX or +84XXXXXXXXX with the current carrier prefixes. */
const MOBILE = /^(?:0|\+84)(?:3\d|5[2689]|7[06-9]|8[1-9]|9\d)\d{7}$/;

export function isVietnameseMobile(value: unknown): boolean {
  return typeof value === 'string' && MOBILE.test(value.replace(/[\s.-]/g, ''));
}

/** Canonical form 0XXXXXXXXX. */
export function normalizeVietnameseMobile(value: string): string {
  const compact = value.replace(/[\s.-]/g, '');
  return compact.startsWith('+84') ? `0${compact.slice(3)}` : compact;
}

export function IsVietnameseMobile(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isVietnameseMobile',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: 'Số điện thoại di động Việt Nam không hợp lệ (invalid Vietnamese mobile number)', ...options },
      validator: { validate: isVietnameseMobile },
    });
}
