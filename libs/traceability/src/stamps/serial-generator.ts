import { Injectable } from '@nestjs/common';
import { generateSerials } from '../codes/serial-code';

/** Source of fresh serials; a provider so that a test can force a collision and see it retried. */
@Injectable()
export class SerialGenerator {
  generate(count: number): string[] {
    return generateSerials(count);
  }
}
