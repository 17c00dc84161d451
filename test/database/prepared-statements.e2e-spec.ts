import { prepared } from '@tradefloor/core';
import { createTestApp, type TestApp } from '../harness/test-app';

const HOT = prepared(`SELECT $1::int + 1 AS n /* prepared-statements spec */`);
const COLD = `SELECT $1::int + 2 AS n /* prepared-statements spec */`;

/** The app's pool prepares registered hot texts once per connection, and only those. */
describe('prepared statements', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ worker: false });
  });
  afterAll(async () => {
    await t.close();
  });

  it('runs a registered text as a named statement on the connection, and an unregistered one unnamed', async () => {
    await t.dataSource.transaction(async (m) => {
      // One transaction is one connection: pg_prepared_statements is that session's.
      expect(await m.query(HOT, [41])).toEqual([{ n: 42 }]);
      expect(await m.query(HOT, [1])).toEqual([{ n: 2 }]);
      expect(await m.query(COLD, [1])).toEqual([{ n: 3 }]);
      const statements: Array<{ name: string; statement: string }> = await m.query(
        `SELECT name, statement FROM pg_prepared_statements WHERE statement LIKE '%prepared-statements spec%'`,
      );
      expect(statements).toEqual([{ name: expect.stringMatching(/^tf_[0-9a-f]{20}$/), statement: HOT }]);
    });
  });

  it('keeps errors as they were: a failing prepared statement still rejects with the driver error', async () => {
    await expect(t.dataSource.query(HOT, ['not a number'])).rejects.toThrow(/invalid input syntax for type integer/);
    expect(await t.dataSource.query(HOT, [2])).toEqual([{ n: 3 }]);
  });
});
