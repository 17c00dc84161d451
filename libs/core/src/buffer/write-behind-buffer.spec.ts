import pino from 'pino';
import { WriteBehindBuffer } from './write-behind-buffer';

const logger = pino({ level: 'silent' });

function counter(write: (batch: Array<{ key: string; n: number }>) => Promise<number>, maxEntries = 100) {
  return new WriteBehindBuffer<{ key: string; n: number }>({
    name: 'test',
    intervalMs: 3_600_000,
    maxEntries,
    merge: (a, b) => (a ? { key: a.key, n: a.n + b.n } : b),
    write,
    logger,
  });
}

describe('WriteBehindBuffer', () => {
  it('merges entries per key and writes them in one batch', async () => {
    const written: Array<Array<{ key: string; n: number }>> = [];
    const buf = counter(async (batch) => (written.push(batch), batch.length));
    buf.add('a', { key: 'a', n: 1 });
    buf.add('a', { key: 'a', n: 2 });
    buf.add('b', { key: 'b', n: 1 });
    expect(buf.size()).toBe(2);
    expect(await buf.flush()).toBe(2);
    expect(written).toEqual([
      [
        { key: 'a', n: 3 },
        { key: 'b', n: 1 },
      ],
    ]);
    expect(await buf.flush()).toBe(0);
    expect(written).toHaveLength(1);
  });

  it('puts a failed batch back, merged with what arrived meanwhile', async () => {
    let fail = true;
    const written: Array<Array<{ key: string; n: number }>> = [];
    const buf = counter(async (batch) => {
      if (fail) throw new Error('database down');
      written.push(batch);
      return batch.length;
    });
    buf.add('a', { key: 'a', n: 2 });
    expect(await buf.flush()).toBe(0);
    buf.add('a', { key: 'a', n: 5 });
    fail = false;
    await buf.flush();
    expect(written).toEqual([[{ key: 'a', n: 7 }]]);
  });

  it('starts a flush on its own when the buffer is full', async () => {
    const written: number[] = [];
    const buf = counter(async (batch) => (written.push(batch.length), batch.length), 3);
    for (const k of ['a', 'b', 'c']) buf.add(k, { key: k, n: 1 });
    await buf.flush();
    expect(written).toEqual([3]);
  });
});
