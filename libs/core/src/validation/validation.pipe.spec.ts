import { ValidationPipe, type ArgumentMetadata } from '@nestjs/common';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  Validate,
  ValidateNested,
  ValidatorConstraint,
  type ValidatorConstraintInterface,
} from 'class-validator';
import { ValidationFailedError } from '../errors/domain-error';
import { VALIDATION_PIPE_OPTIONS, createValidationPipe, hasAsynchronousRules } from './validation.pipe';

class Line {
  @IsInt() @Min(1) quantity!: number;
}

class Order {
  @IsString() @MaxLength(5) name!: string;
  @IsOptional() @IsIn(['cod', 'vietqr']) payment?: string;
  @Type(() => Number) @IsInt() @Max(5) stars!: number;
  @ValidateNested({ each: true }) @Type(() => Line) lines!: Line[];
}

const asBody: ArgumentMetadata = { type: 'body', metatype: Order };

async function asynchronousRefusal(value: unknown): Promise<unknown> {
  const reference = new ValidationPipe(VALIDATION_PIPE_OPTIONS);
  return reference.transform(value, asBody).then(
    () => undefined,
    (err: ValidationFailedError) => err.details,
  );
}
const pipe = createValidationPipe();

async function refusal(value: unknown): Promise<unknown> {
  try {
    await pipe.transform(value, asBody);
  } catch (err) {
    expect(err).toBeInstanceOf(ValidationFailedError);
    return (err as ValidationFailedError).details;
  }
  throw new Error('expected a refusal');
}

describe('createValidationPipe', () => {
  const bad = { name: 'quá dài rồi', payment: 'card', stars: '9', lines: [{ quantity: 0 }, { quantity: 2 }], extra: 1 };

  it('validates synchronously while no rule is asynchronous, with the errors the asynchronous validation gives', async () => {
    expect(hasAsynchronousRules()).toBe(false);
    const details = await refusal(bad);
    expect((details as Array<{ field: string }>).map((d) => d.field).sort()).toEqual(['extra', 'lines.0.quantity', 'name', 'payment', 'stars']);
    // Nest's own pipe (class-validator's asynchronous validation) with the same options refuses alike.
    expect(details).toEqual(await asynchronousRefusal(bad));
    await expect(pipe.transform({ name: 'Bưởi', stars: '4', lines: [{ quantity: 1 }] }, asBody)).resolves.toEqual(
      Object.assign(new Order(), { name: 'Bưởi', stars: 4, lines: [Object.assign(new Line(), { quantity: 1 })] }),
    );
  });

  it('runs asynchronous rules once one is registered (validateSync would skip them)', async () => {
    @ValidatorConstraint({ name: 'notTakenYet', async: true })
    class NotTakenYet implements ValidatorConstraintInterface {
      async validate(value: unknown): Promise<boolean> {
        await new Promise((resolve) => setImmediate(resolve));
        return value !== 'taken';
      }
      defaultMessage(): string {
        return 'đã có người dùng (already taken)';
      }
    }
    class Handle {
      @IsString() @Validate(NotTakenYet) handle!: string;
    }
    expect(hasAsynchronousRules()).toBe(true);
    const asHandle: ArgumentMetadata = { type: 'body', metatype: Handle };
    await expect(pipe.transform({ handle: 'taken' }, asHandle)).rejects.toMatchObject({
      details: [{ field: 'handle', message: 'đã có người dùng (already taken)' }],
    });
    await expect(pipe.transform({ handle: 'free' }, asHandle)).resolves.toEqual(Object.assign(new Handle(), { handle: 'free' }));
    // Synchronous rules still refuse as before on the asynchronous path.
    expect(await refusal(bad)).toHaveLength(5);
  });
});
