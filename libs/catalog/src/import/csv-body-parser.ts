import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { MAX_IMPORT_BYTES } from './product-import.service';

interface FastifyLike {
  hasContentTypeParser(type: string): boolean;
  addContentTypeParser(
    type: string,
    opts: { parseAs: 'buffer'; bodyLimit: number },
    parser: (req: unknown, body: Buffer, done: (err: Error | null, body?: Buffer) => void) => void,
  ): void;
}

/** Lets the import accept a raw `text/csv` body (as bytes, up to the import limit). */
@Injectable()
export class CsvBodyParser implements OnModuleInit {
  constructor(private readonly host: HttpAdapterHost) {}

  onModuleInit(): void {
    const instance = this.host.httpAdapter?.getInstance?.() as FastifyLike | undefined;
    if (!instance?.addContentTypeParser || instance.hasContentTypeParser('text/csv')) return;
    instance.addContentTypeParser('text/csv', { parseAs: 'buffer', bodyLimit: MAX_IMPORT_BYTES + 1 }, (_req, body, done) => done(null, body));
  }
}
