import { Writable } from 'node:stream';
import type { Logger } from 'pino';
import { createLogger } from '../logging/logger';
import { lazyChildLoggerFactory } from './lazy-request-logger';

function capture(level: string): { logger: Logger; lines: Array<Record<string, unknown>> } {
  const lines: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { logger: createLogger(level, sink), lines };
}

describe('lazyChildLoggerFactory (req.log)', () => {
  it('makes no pino child until a line is logged at an enabled level', () => {
    const { logger, lines } = capture('warn');
    const child = jest.spyOn(logger, 'child');
    const log = lazyChildLoggerFactory(logger, { reqId: 'r-1' }, {});
    log.info({ a: 1 }, 'not written');
    log.debug('not written either');
    expect(child).not.toHaveBeenCalled();
    expect(lines).toHaveLength(0);

    log.warn({ body: { password: 'hunter2' }, a: 2 }, 'written');
    expect(child).toHaveBeenCalledTimes(1);
    log.error('again');
    expect(child).toHaveBeenCalledTimes(1);
    expect(lines.map((l) => [l.reqId, l.level, l.msg])).toEqual([
      ['r-1', 'warn', 'written'],
      ['r-1', 'error', 'again'],
    ]);
    // Redaction still applies: the child is pino's own.
    expect(lines[0].body).toEqual({ password: '[redacted]' });
  });

  it('answers level questions without making the child, and its children carry the request id', () => {
    const { logger, lines } = capture('info');
    const log = lazyChildLoggerFactory(logger, { reqId: 'r-2' }, {});
    expect(log.level).toBe('info');
    expect((log as unknown as Logger).isLevelEnabled('debug')).toBe(false);
    log.child({ component: 'x' }).info('from a grandchild');
    expect(lines[0]).toMatchObject({ reqId: 'r-2', component: 'x', msg: 'from a grandchild' });
  });
});
