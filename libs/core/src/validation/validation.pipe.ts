import { ValidationPipe, type ValidationError, type ValidationPipeOptions } from '@nestjs/common';
import { getMetadataStorage, validateSync, type ValidatorOptions } from 'class-validator';
import { ValidationFailedError, type FieldError } from '../errors/domain-error';

/** class-validator's nested errors as the envelope's flat field list (`lines.0.quantity`). */
export function flattenErrors(errors: ValidationError[], prefix = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const e of errors) {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    for (const message of Object.values(e.constraints ?? {})) out.push({ field, message });
    if (e.children?.length) out.push(...flattenErrors(e.children, field));
  }
  return out;
}

/**
 * class-validator's registry of custom rule classes (not in its typings): `async` is set by
 * `@ValidatorConstraint({ async: true })`. Every use of a built-in decorator registers one (about
 * 750 in the API), so it is scanned once and then followed as rules are added.
 */
type ConstraintRegistry = {
  constraintMetadatas?: Map<unknown, Array<{ async: boolean }>>;
  addConstraintMetadata?: (metadata: { async: boolean }) => void;
};

let asynchronousRules: boolean | undefined;

/** Whether any custom rule registered so far is asynchronous (built-in rules never are). */
export function hasAsynchronousRules(): boolean {
  asynchronousRules ??= followAsynchronousRules();
  return asynchronousRules;
}

function followAsynchronousRules(): boolean {
  const storage = getMetadataStorage() as unknown as ConstraintRegistry;
  const registry = storage.constraintMetadatas;
  const add = storage.addConstraintMetadata?.bind(storage);
  // Unknown registry shape (a class-validator upgrade): assume the worst and keep the async path.
  // Duck-typed: the registry lives on the global object and may come from another realm (Jest).
  if (typeof registry?.values !== 'function' || !add) return true;
  storage.addConstraintMetadata = (metadata) => {
    if (metadata.async) asynchronousRules = true;
    add(metadata);
  };
  for (const constraints of registry.values()) if (constraints.some((constraint) => constraint.async)) return true;
  return false;
}

/**
 * Validates synchronously while no asynchronous rule exists. Nest's pipe awaits class-validator's
 * `validate`, which makes promises per property and rule: on the search query that was about 45 µs
 * of the API's CPU per request, against none measurable with `validateSync` on the same rules
 * (bench/README.md, 4 December). Both give the same errors, except that `validateSync` skips
 * asynchronous rules, so with one registered every validation takes the asynchronous path.
 */
class SynchronousValidationPipe extends ValidationPipe {
  protected override validate(object: object, options?: ValidatorOptions): Promise<ValidationError[]> | ValidationError[] {
    return hasAsynchronousRules() ? super.validate(object, options) : validateSync(object, options);
  }
}

/** whitelist + forbidNonWhitelisted, and every failure reported per field in the shared envelope. */
export const VALIDATION_PIPE_OPTIONS: ValidationPipeOptions = {
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  transformOptions: { enableImplicitConversion: false },
  validationError: { target: false, value: false },
  exceptionFactory: (errors) => new ValidationFailedError(flattenErrors(errors as ValidationError[])),
};

export function createValidationPipe(): ValidationPipe {
  return new SynchronousValidationPipe(VALIDATION_PIPE_OPTIONS);
}
