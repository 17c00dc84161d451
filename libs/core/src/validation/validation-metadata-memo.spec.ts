import { IsInt, IsString, Min, validateSync } from 'class-validator';
import { rememberValidationMetadata } from './validation-metadata-memo';

class Base {
  @IsString() name!: string;
}

class Child extends Base {
  @IsInt() @Min(1) quantity!: number;
}

const errorsOf = (value: object) =>
  validateSync(Object.assign(new Child(), value))
    .map((e) => e.property)
    .sort();

describe('rememberValidationMetadata', () => {
  it('validates as before (own and inherited rules), including rules added after the first validation', () => {
    rememberValidationMetadata();
    expect(errorsOf({ name: 'Bưởi', quantity: 2 })).toEqual([]);
    expect(errorsOf({ name: 7, quantity: 0 })).toEqual(['name', 'quantity']);
    // Remembered: the same rules again.
    expect(errorsOf({ name: 7, quantity: 0 })).toEqual(['name', 'quantity']);
    // A class declared now (rules registered after the first lookups) is validated by its rules.
    class Later extends Child {
      @IsString() note!: string;
    }
    const later = validateSync(Object.assign(new Later(), { name: 'x', quantity: 1, note: 3 })).map((e) => e.property);
    expect(later).toEqual(['note']);
    expect(errorsOf({ name: 'Bưởi', quantity: 0 })).toEqual(['quantity']);
  });
});
