import { registerDecorator, type ValidationOptions } from 'class-validator';

/** The start of an HTML tag, comment or processing instruction. */
const MARKUP = /<[a-z!/?]/i;

/** C0 control characters other than tab, line feed and carriage return, and DEL. */
function hasControlCharacter(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0x7f) return true;
  }
  return false;
}

/** Plain text: no markup, no control characters (names, addresses). */
export function isPlainText(value: unknown): boolean {
  return typeof value === 'string' && !MARKUP.test(value) && !hasControlCharacter(value);
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
