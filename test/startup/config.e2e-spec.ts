import { API_MAIN, spawnTradeFloor } from '../harness/processes';

/**
 * A bad environment variable stops the process before anything starts, with a non-zero exit and a
 * message naming the variable (the config rules themselves are unit-tested in app-config.spec.ts).
 */
describe('start-up: invalid configuration', () => {
  const cases: Array<[string, Record<string, string>]> = [
    ['PORT', { PORT: 'abc' }],
    ['SEARCH_ENGINE', { SEARCH_ENGINE: 'elastic' }],
    ['DATABASE_URL', { DATABASE_URL: 'ftp://x' }],
    ['MEILI_HOST', { MEILI_HOST: 'not a url' }],
    ['JWT_SECRET', { NODE_ENV: 'production', ENCRYPTION_KEY: Buffer.alloc(32).toString('base64') }],
    ['CORS_ORIGINS', { CORS_ORIGINS: 'example.vn/path' }],
    // Production refuses the .env.example placeholders and an all-zero key (issue 18 §8).
    [
      'JWT_SECRET',
      {
        NODE_ENV: 'production',
        JWT_SECRET: 'change-me-at-least-32-characters-long-random-string',
        ENCRYPTION_KEY: 'q8Zr3vN1xT6pL0wY4mK7sB2dF9hJ5cGeq8Zr3vN1xT4=',
      },
    ],
    ['ENCRYPTION_KEY', { NODE_ENV: 'production', JWT_SECRET: 'q8Zr3vN1xT6pL0wY4mK7sB2dF9hJ5cGeW', ENCRYPTION_KEY: Buffer.alloc(32).toString('base64') }],
    // Variables a marketplace channel declares in its own folder stop start-up the same way.
    ['SHOPEE_RATE_PER_SECOND', { SHOPEE_RATE_PER_SECOND: '0' }],
    ['TIKTOK_SHOP_APP_SECRET', { TIKTOK_SHOP_APP_KEY: 'appkey', TIKTOK_SHOP_SERVICE_ID: '7001' }],
  ];

  it.each(cases)('refuses a bad %s', async (variable, env) => {
    const p = spawnTradeFloor(API_MAIN, { DATA_DIR: `${process.env.TF_TEST_DIR}/never-created`, ...env });
    const exit = await p.waitExit(20_000);
    expect(exit.code).toBe(78);
    expect(p.output).toContain(`TradeFloor cannot start: Invalid environment variable ${variable}:`);
    // Nothing was started: no embedded server, no listener.
    expect(p.output).not.toMatch(/embedded|TradeFloor ready/);
  });

  it('refuses an unknown --role', async () => {
    const p = spawnTradeFloor(API_MAIN, {}, ['--role=scheduler']);
    const exit = await p.waitExit(20_000);
    expect(exit.code).toBe(64);
    expect(p.output).toContain('Unknown --role=scheduler');
  });
});
