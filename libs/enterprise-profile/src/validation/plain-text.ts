import { registerDecorator, type ValidationOptions } from 'class-validator';

/** Markup or control characters in a field meant as plain text (names, addresses). */
const MARKUP = /<[a-z!/?]|[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/i;

export function isPlainText(value: unknown): boolean {
  return typeof value === 'string' && !MARKUP.test(value);
}

/** Refuses HTML tags (and control characters) in plain-text fields instead of storing them. */
export function IsPlainText(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isPlainText',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: 'Không được chứa mã HTML (HTML is not allowed here)', ...options },
      validator: { validate: isPlainText },
    });
}
