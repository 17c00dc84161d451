import type { EntityManager } from 'typeorm';
import { FollowedCache } from './followed-cache';
import type { PageCache } from './page-cache.service';

/** A page cache that is (or is not) listening, whose invalidations the test fires by hand. */
function fakePageCache(active: boolean) {
  const followers: Array<() => void> = [];
  const cache = {
    active,
    onInvalidated: (_tag: string, fn: () => void) => followers.push(fn),
    invalidateTags: async () => undefined,
  } as unknown as PageCache;
  return { cache, fire: () => followers.forEach((fn) => fn()) };
}

describe('FollowedCache', () => {
  it('reads only what it does not hold, remembers absence, and reads again after an invalidation', async () => {
    const { cache, fire } = fakePageCache(true);
    const held = new FollowedCache<number>(cache, 'tag', 60_000);
    const asked: string[][] = [];
    const load = async (keys: string[]) => {
      asked.push(keys);
      return new Map(keys.filter((k) => k !== 'none').map((k) => [k, k.length]));
    };
    expect([...(await held.many(['a', 'none'], load))]).toEqual([
      ['a', 1],
      ['none', undefined],
    ]);
    expect([...(await held.many(['a', 'none', 'bb'], load))]).toEqual([
      ['a', 1],
      ['none', undefined],
      ['bb', 2],
    ]);
    fire();
    await held.many(['a'], load);
    expect(asked).toEqual([['a', 'none'], ['bb'], ['a']]);
  });

  it('does not keep what a read started before an invalidation found', async () => {
    const { cache, fire } = fakePageCache(true);
    const held = new FollowedCache<string>(cache, 'tag', 60_000);
    let calls = 0;
    const stale = held.many(['k'], async () => {
      calls++;
      fire(); // the change commits while this read is on its way
      return new Map([['k', 'old']]);
    });
    expect((await stale).get('k')).toBe('old');
    expect((await held.many(['k'], async () => (calls++, new Map([['k', 'new']])))).get('k')).toBe('new');
    expect(calls).toBe(2);
  });

  it('reads through while the page cache is not hearing invalidations', async () => {
    const { cache } = fakePageCache(false);
    const held = new FollowedCache<number>(cache, 'tag', 60_000);
    let calls = 0;
    const load = async (keys: string[]) => (calls++, new Map(keys.map((k) => [k, 1])));
    await held.many(['a'], load);
    await held.many(['a'], load);
    expect(calls).toBe(2);
  });

  it('hands invalidate to the page cache with its tag, in the caller’s transaction', async () => {
    const { cache } = fakePageCache(true);
    const calls: unknown[][] = [];
    (cache as unknown as { invalidateTags: (...args: unknown[]) => Promise<void> }).invalidateTags = async (...args) => void calls.push(args);
    const manager = {} as EntityManager;
    await new FollowedCache<number>(cache, 'sales-terms', 1000).invalidate(manager);
    expect(calls).toEqual([[manager, ['sales-terms']]]);
  });
});
