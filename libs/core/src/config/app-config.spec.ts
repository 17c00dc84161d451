import { resolve } from 'node:path';
import { ConfigError, loadConfig } from './app-config';

const SECRET = 'a'.repeat(32);
const STRONG_SECRET = 'q8Zr3vN1xT6pL0wY4mK7sB2dF9hJ5cGe';
const STRONG_KEY = Buffer.from(Array.from({ length: 32 }, (_, i) => (i * 97 + 13) % 256)).toString('base64');

function errorOf(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error(`expected a ConfigError for ${JSON.stringify(env)}`);
}

describe('loadConfig', () => {
  it('gives the documented defaults for an empty environment', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      nodeEnv: 'development',
      host: '0.0.0.0',
      port: 3000,
      publicBaseUrl: 'http://localhost:3000',
      dataDir: resolve('var'),
      meiliIndexPrefix: 'tf_',
      searchEngine: 'meilisearch',
      searchEngineExplicit: false,
      embeddedPgPort: 54329,
      embeddedMeiliPort: 7719,
      accessTokenTtlSeconds: 900,
      refreshTokenTtlSeconds: 2592000,
      corsOrigins: [],
      bodyLimitBytes: 1048576,
      logLevel: 'info',
      trustProxy: false,
      workerConcurrency: 4,
      jobLockSeconds: 60,
      dbPoolSize: 10,
      jobPollIntervalMs: 1000,
      loginMaxPerIp: 30,
      loginMaxPerAccount: 5,
      loginWindowSeconds: 900,
    });
    expect(c.databaseUrl).toBeUndefined();
    expect(c.meiliHost).toBeUndefined();
    expect(c.jwtSecret).toBeUndefined();
  });

  it('treats blank values as unset and trims values', () => {
    expect(loadConfig({ PORT: '  ', HOST: ' 127.0.0.1 ' })).toMatchObject({ port: 3000, host: '127.0.0.1' });
  });

  it.each([
    ['PORT', 'abc', /must be an integer/],
    ['PORT', '70000', /between 1 and 65535/],
    ['PORT', '0', /between 1 and 65535/],
    ['PORT', '3.5', /must be an integer/],
    ['EMBEDDED_PG_PORT', 'x', /integer/],
    ['EMBEDDED_MEILI_PORT', '-1', /between/],
    ['ACCESS_TOKEN_TTL_SECONDS', '901', /between 30 and 900/],
    ['REFRESH_TOKEN_TTL_SECONDS', '10', /between 300/],
    ['BODY_LIMIT_BYTES', '100', /between 1024/],
    ['WORKER_CONCURRENCY', '65', /between 1 and 64/],
    ['JOB_LOCK_SECONDS', '0', /between 1 and 3600/],
    ['DB_POOL_SIZE', '201', /between 1 and 200/],
    ['JOB_POLL_INTERVAL_MS', '5', /between 10 and 60000/],
    ['LOGIN_MAX_PER_IP', '0', /between/],
    ['LOGIN_MAX_PER_ACCOUNT', '1001', /between/],
    ['LOGIN_WINDOW_SECONDS', '86401', /between/],
    ['NODE_ENV', 'staging', /one of development, production, test/],
    ['SEARCH_ENGINE', 'elastic', /one of meilisearch, postgres/],
    ['LOG_LEVEL', 'verbose', /one of fatal/],
    ['TRUST_PROXY', 'maybe', /not an IP address or CIDR/],
    ['TRUST_PROXY', 'true', /no longer accepts true/],
    ['TRUST_PROXY', '11', /hop count/],
    ['DATABASE_URL', 'ftp://x', /must use postgres: or postgresql:/],
    ['DATABASE_URL', 'not a url', /valid URL/],
    ['MEILI_HOST', 'postgres://x', /must use http: or https:/],
    ['PUBLIC_BASE_URL', 'ftp://x', /must use http: or https:/],
    ['MEILI_INDEX_PREFIX', 'bad prefix!', /letters, digits/],
    ['JWT_SECRET', 'short', /at least 32 characters/],
    ['ENCRYPTION_KEY', Buffer.alloc(16).toString('base64'), /32 bytes/],
    ['CORS_ORIGINS', 'https://ok.vn,example.vn', /"example.vn" is not an origin/],
    ['CORS_ORIGINS', 'https://ok.vn/path', /is not an origin/],
    ['ADMIN_EMAIL', 'not-an-email', /email address/],
  ])('rejects %s=%s, naming the variable', (name, value, problem) => {
    const err = errorOf({ [name]: value, ...(name === 'ADMIN_EMAIL' ? { ADMIN_PASSWORD: 'long-enough-pw' } : {}) });
    expect(err.variable).toBe(name);
    expect(err.message).toMatch(new RegExp(`^Invalid environment variable ${name}: `));
    expect(err.message).toMatch(problem);
  });

  it('never echoes a rejected URL (it may hold a password)', () => {
    expect(errorOf({ DATABASE_URL: 'mysql://user:s3cret@host/db' }).message).not.toContain('s3cret');
  });

  it('requires JWT_SECRET and ENCRYPTION_KEY in production', () => {
    expect(errorOf({ NODE_ENV: 'production', ENCRYPTION_KEY: STRONG_KEY }).variable).toBe('JWT_SECRET');
    expect(errorOf({ NODE_ENV: 'production', JWT_SECRET: STRONG_SECRET }).variable).toBe('ENCRYPTION_KEY');
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: STRONG_SECRET, ENCRYPTION_KEY: STRONG_KEY })).toMatchObject({
      jwtSecret: STRONG_SECRET,
      encryptionKey: STRONG_KEY,
    });
  });

  it('refuses the .env.example placeholders and low-entropy keys in production only (issue 18 §8)', () => {
    const prod = { NODE_ENV: 'production', JWT_SECRET: STRONG_SECRET, ENCRYPTION_KEY: STRONG_KEY };
    const placeholderSecret = errorOf({ ...prod, JWT_SECRET: 'change-me-at-least-32-characters-long-random-string' });
    expect(placeholderSecret.variable).toBe('JWT_SECRET');
    expect(placeholderSecret.message).toMatch(/placeholder/);
    expect(errorOf({ ...prod, JWT_SECRET: SECRET }).variable).toBe('JWT_SECRET');
    expect(errorOf({ ...prod, ENCRYPTION_KEY: Buffer.alloc(32).toString('base64') }).variable).toBe('ENCRYPTION_KEY');
    expect(errorOf({ ...prod, ADMIN_EMAIL: 'admin@tinh.gov.vn', ADMIN_PASSWORD: 'change-me-admin-password' }).variable).toBe('ADMIN_PASSWORD');
    expect(errorOf({ ...prod, MEILI_MASTER_KEY: 'change-me-meilisearch-master-key' }).variable).toBe('MEILI_MASTER_KEY');
    // Development keeps accepting them (local installs, tests).
    expect(loadConfig({ JWT_SECRET: SECRET, ENCRYPTION_KEY: Buffer.alloc(32).toString('base64') }).jwtSecret).toBe(SECRET);
  });

  it('requires ADMIN_EMAIL and ADMIN_PASSWORD together, with a password of 10+ characters', () => {
    expect(errorOf({ ADMIN_EMAIL: 'admin@tinh.gov.vn' }).variable).toBe('ADMIN_PASSWORD');
    expect(errorOf({ ADMIN_PASSWORD: 'long-enough-pw' }).variable).toBe('ADMIN_EMAIL');
    expect(errorOf({ ADMIN_EMAIL: 'admin@tinh.gov.vn', ADMIN_PASSWORD: 'short' }).variable).toBe('ADMIN_PASSWORD');
    expect(loadConfig({ ADMIN_EMAIL: 'Admin@Tinh.Gov.VN', ADMIN_PASSWORD: 'long-enough-pw' }).adminEmail).toBe('admin@tinh.gov.vn');
  });

  it('parses valid values', () => {
    const c = loadConfig({
      PORT: '8080',
      DATABASE_URL: 'postgresql://u:p@db:5432/tradefloor',
      MEILI_HOST: 'http://meili:7700',
      SEARCH_ENGINE: 'postgres',
      CORS_ORIGINS: 'https://a.vn, http://localhost:5173,',
      TRUST_PROXY: '1',
      PUBLIC_BASE_URL: 'https://sangiaodich.vn/',
      DATA_DIR: '/srv/tradefloor',
    });
    expect(c).toMatchObject({
      port: 8080,
      databaseUrl: 'postgresql://u:p@db:5432/tradefloor',
      meiliHost: 'http://meili:7700',
      searchEngine: 'postgres',
      searchEngineExplicit: true,
      corsOrigins: ['https://a.vn', 'http://localhost:5173'],
      trustProxy: 1,
      publicBaseUrl: 'https://sangiaodich.vn',
      dataDir: '/srv/tradefloor',
    });
    expect(loadConfig({ CORS_ORIGINS: '*' }).corsOrigins).toEqual(['*']);
    expect(loadConfig({ TRUST_PROXY: '0' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 127.0.0.1,::1' }).trustProxy).toEqual(['10.0.0.0/8', '127.0.0.1', '::1']);
    expect(loadConfig({ PORT: '4000' }).publicBaseUrl).toBe('http://localhost:4000');
  });
});
