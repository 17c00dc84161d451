import { resolve } from 'node:path';
import { placeholderProblem, weakKeyProblem, weakSecretProblem } from './secret-strength';

export type SearchEngineKind = 'meilisearch' | 'postgres';
export type NodeEnv = 'development' | 'production' | 'test';
export type TrustProxy = false | number | string[];

/** Everything the process reads from its environment, validated once at start-up. */
export interface AppConfig {
  nodeEnv: NodeEnv;
  host: string;
  port: number;
  publicBaseUrl: string;
  dataDir: string;
  databaseUrl?: string;
  meiliHost?: string;
  meiliMasterKey?: string;
  /** Prefix of every Meilisearch index name, so several installations (or test files) share one server. */
  meiliIndexPrefix: string;
  searchEngine: SearchEngineKind;
  /** True when SEARCH_ENGINE was set explicitly (so the embedded fallback must not override it). */
  searchEngineExplicit: boolean;
  embeddedPgPort: number;
  embeddedMeiliPort: number;
  jwtSecret?: string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  encryptionKey?: string;
  adminEmail?: string;
  adminPassword?: string;
  corsOrigins: string[];
  bodyLimitBytes: number;
  logLevel: string;
  /**
   * TRUST_PROXY: `false` (direct), a hop count (the client is that many proxies back in
   * X-Forwarded-For, counted from the right), or the proxies' addresses/CIDRs. Never "any".
   */
  trustProxy: TrustProxy;
  workerConcurrency: number;
  jobLockSeconds: number;
  dbPoolSize: number;
  jobPollIntervalMs: number;
  loginMaxPerIp: number;
  loginMaxPerAccount: number;
  loginWindowSeconds: number;
  /** Registrations allowed per client per window (REGISTER_MAX_PER_IP, REGISTER_WINDOW_SECONDS). */
  registerMaxPerIp: number;
  registerWindowSeconds: number;
  /** How long an email verification link works (EMAIL_VERIFICATION_TTL_SECONDS). */
  emailVerificationTtlSeconds: number;
  /** When true, an editor's publish request waits for an admin's approval (BULLETIN_REQUIRE_APPROVAL). */
  bulletinRequireApproval: boolean;
  /** How often buffered bulletin and product page views are written to the database (VIEW_FLUSH_INTERVAL_MS). */
  viewFlushIntervalMs: number;
  /** Content edits (name, description, category, images) of a published product send it back to review. */
  productEditsRequireReview: boolean;
  /** Traceability: a stamp scanned more than this many times gets the `warning` verdict. */
  stampWarnScans: number;
  /** Traceability: a stamp scanned from more than this many distinct (coarse) places gets `warning`. */
  stampWarnPlaces: number;
  /** Traceability: stamp verifications allowed per client per minute. */
  stampScanRatePerMinute: number;
  /** Traceability: most stamps one batch may have in total (over all issuing requests). */
  stampMaxPerBatch: number;
  /** Traceability: most stamps one issuing request may create. */
  stampMaxPerRequest: number;
  /** Traceability: most stamps one enterprise may issue per Vietnam day (all its batches together). */
  stampDailyQuota: number;
  partnerSync: PartnerSyncConfig;
  search: SearchConfig;
  /**
   * The environment this configuration was read from, for contexts that declare their own
   * variables (each marketplace channel validates its own at start-up with the same rules).
   */
  env: EnvReader;
  inquiries: InquiriesConfig;
  /** Outgoing mail: smtp:// or smtps:// URL with credentials (SMTP_URL); unset = log only. */
  smtpUrl?: string;
  /** Sender address of outgoing mail (MAIL_FROM). */
  mailFrom: string;
  /** Where uploaded files live (STORAGE and S3_*). */
  storage: StorageConfig;
  /** Longest time a stopping API process waits for in-flight requests (SHUTDOWN_DRAIN_MS). */
  shutdownDrainMs: number;
  pageCache: PageCacheConfig;
}

/** The cache of rendered anonymous storefront pages (apps/api/src/web/cache). */
export interface PageCacheConfig {
  /** PAGE_CACHE_ENABLED: false renders every page. */
  enabled: boolean;
  /** PAGE_CACHE_MAX_BYTES: memory bound of the cached pages per process (least recently used dropped first). */
  maxBytes: number;
  /** PAGE_CACHE_TTL_SECONDS: safety net only; pages are dropped by events when what they show changes. */
  ttlSeconds: number;
}

/**
 * File storage: `local` (files under DATA_DIR/media, one machine only) or `s3` (an S3-compatible
 * bucket shared by every replica).
 */
export type StorageConfig =
  | { kind: 'local' }
  | {
      kind: 's3';
      /** Base URL of the S3 API, e.g. `https://s3.ap-southeast-1.amazonaws.com` or `http://minio:9000`. */
      endpoint: string;
      bucket: string;
      region: string;
      accessKeyId: string;
      secretAccessKey: string;
      /** `endpoint/bucket/key` (MinIO, most self-hosted stores) instead of `bucket.endpoint/key`. */
      forcePathStyle: boolean;
    };

/** Search index upkeep (libs/search). */
export interface SearchConfig {
  /** How often the sampled drift check compares index and database (SEARCH_DRIFT_CHECK_SECONDS). */
  driftCheckSeconds: number;
  /**
   * SEARCH_FAILOVER: `postgres` keeps the PostgreSQL engine's tables in step beside Meilisearch and
   * answers searches from them while Meilisearch is down or slow; `off` does not. Default:
   * `postgres` for an embedded Meilisearch (no MEILI_HOST), `off` otherwise.
   */
  failover: 'postgres' | 'off';
  /** A Meilisearch search slower than this is answered by the failover engine (SEARCH_FAILOVER_TIMEOUT_MS). */
  failoverTimeoutMs: number;
  /** While failed over, how often Meilisearch is probed (SEARCH_FAILOVER_PROBE_MS). */
  failoverProbeMs: number;
}

/** Buyer inquiries (libs/inquiries): anti-spam limits. */
export interface InquiriesConfig {
  /** Inquiries one client (IP hash, or signed-in user) may send per window. */
  maxPerClient: number;
  /** Inquiries one phone number may send per window. */
  maxPerPhone: number;
  windowSeconds: number;
  /** A form submitted sooner than this after it was served is treated as a bot. */
  minFillSeconds: number;
}

/**
 * Marketplace sync engine limits (libs/partner-sync). Each channel declares and validates its own
 * variables (endpoints, platform credentials, rate) from `AppConfig.env`.
 */
export interface PartnerSyncConfig {
  /** Concurrent listing jobs per worker process. */
  concurrency: number;
  maxAttempts: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** How long one job may hold a listing (renewed before each partner call). */
  listingLeaseSeconds: number;
  httpTimeoutMs: number;
  reconcileIntervalSeconds: number;
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`Invalid environment variable ${variable}: ${problem}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function str(env: Env, name: string): string | undefined {
  const v = env[name];
  return v === undefined || v.trim() === '' ? undefined : v.trim();
}

function int(env: Env, name: string, def: number, min: number, max: number): number {
  const raw = str(env, name);
  if (raw === undefined) return def;
  if (!/^-?\d+$/.test(raw)) throw new ConfigError(name, `must be an integer (got "${raw}")`);
  const n = Number(raw);
  if (n < min || n > max) throw new ConfigError(name, `must be between ${min} and ${max} (got ${n})`);
  return n;
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], def: T): T {
  const raw = str(env, name);
  if (raw === undefined) return def;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new ConfigError(name, `must be one of ${allowed.join(', ')} (got "${raw}")`);
  }
  return raw as T;
}

function bool(env: Env, name: string, def: boolean): boolean {
  const raw = str(env, name);
  if (raw === undefined) return def;
  if (['1', 'true', 'yes'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(name, `must be true or false (got "${raw}")`);
}

function url(env: Env, name: string, protocols: string[]): string | undefined {
  const raw = str(env, name);
  if (raw === undefined) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(name, 'must be a valid URL');
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(name, `must use ${protocols.join(' or ')}`);
  }
  return raw;
}

function email(env: Env, name: string): string | undefined {
  const raw = str(env, name);
  if (raw === undefined) return undefined;
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(raw)) throw new ConfigError(name, 'must be an email address');
  return raw.toLowerCase();
}

/**
 * Reads variables with the rules every variable follows (blank = unset, trimmed, a bad value is a
 * ConfigError naming it). The values are held privately so that logging a config object never
 * prints the environment.
 */
export class EnvReader {
  readonly #env: Env;

  constructor(env: Env) {
    this.#env = { ...env };
  }

  str(name: string): string | undefined {
    return str(this.#env, name);
  }

  int(name: string, def: number, min: number, max: number): number {
    return int(this.#env, name, def, min, max);
  }

  bool(name: string, def: boolean): boolean {
    return bool(this.#env, name, def);
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], def: T): T {
    return oneOf(this.#env, name, allowed, def);
  }

  url(name: string, protocols: string[]): string | undefined {
    return url(this.#env, name, protocols);
  }

  /** An http(s) base URL without its trailing slash. */
  baseUrl(name: string, def: string): string {
    return (url(this.#env, name, ['http:', 'https:']) ?? def).replace(/\/$/, '');
  }

  toJSON(): string {
    return '[environment]';
  }
}

function loadPartnerSyncConfig(env: Env): PartnerSyncConfig {
  const listingLeaseSeconds = int(env, 'SYNC_LISTING_LEASE_SECONDS', 120, 2, 3600);
  const httpTimeoutMs = int(env, 'SYNC_HTTP_TIMEOUT_MS', 15_000, 100, 120_000);
  if (httpTimeoutMs >= listingLeaseSeconds * 1000) {
    throw new ConfigError('SYNC_HTTP_TIMEOUT_MS', 'must be shorter than SYNC_LISTING_LEASE_SECONDS');
  }
  return {
    concurrency: int(env, 'SYNC_CONCURRENCY', 8, 1, 256),
    maxAttempts: int(env, 'SYNC_MAX_ATTEMPTS', 12, 1, 1000),
    backoffBaseMs: int(env, 'SYNC_BACKOFF_BASE_MS', 2000, 1, 3_600_000),
    backoffMaxMs: int(env, 'SYNC_BACKOFF_MAX_MS', 15 * 60_000, 1, 86_400_000),
    listingLeaseSeconds,
    httpTimeoutMs,
    reconcileIntervalSeconds: int(env, 'SYNC_RECONCILE_INTERVAL_SECONDS', 3600, 5, 7 * 86400),
  };
}

function loadSearchConfig(env: Env): SearchConfig {
  const embeddedMeili = str(env, 'MEILI_HOST') === undefined;
  return {
    driftCheckSeconds: int(env, 'SEARCH_DRIFT_CHECK_SECONDS', 120, 10, 86_400),
    failover: oneOf(env, 'SEARCH_FAILOVER', ['postgres', 'off'] as const, embeddedMeili ? 'postgres' : 'off'),
    failoverTimeoutMs: int(env, 'SEARCH_FAILOVER_TIMEOUT_MS', 1000, 50, 60_000),
    failoverProbeMs: int(env, 'SEARCH_FAILOVER_PROBE_MS', 2000, 100, 600_000),
  };
}

const IPV4_CIDR = /^(\d{1,3})(\.\d{1,3}){3}(\/\d{1,2})?$/;
const IPV6_CIDR = /^[0-9a-f:]+(%\w+)?(\/\d{1,3})?$/i;

/**
 * `true` used to mean "trust every X-Forwarded-For entry", i.e. let the client pick its IP by
 * sending the header through a proxy that appends (issue 18 §4). Now: a hop count or addresses.
 */
function trustProxy(env: Env): TrustProxy {
  const raw = str(env, 'TRUST_PROXY');
  if (raw === undefined || ['false', '0', 'no'].includes(raw.toLowerCase())) return false;
  if (/^\d+$/.test(raw)) {
    const hops = Number(raw);
    if (hops > 10) throw new ConfigError('TRUST_PROXY', `hop count must be between 0 and 10 (got ${hops})`);
    return hops;
  }
  if (['true', 'yes'].includes(raw.toLowerCase())) {
    throw new ConfigError(
      'TRUST_PROXY',
      'no longer accepts true (it let clients choose their IP): give the number of proxies in front (e.g. 1) or their addresses/CIDRs (e.g. 10.0.0.0/8,127.0.0.1)',
    );
  }
  const list = raw
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean);
  for (const address of list) {
    if (!IPV4_CIDR.test(address) && !IPV6_CIDR.test(address) && !['loopback', 'linklocal', 'uniquelocal'].includes(address)) {
      throw new ConfigError('TRUST_PROXY', `"${address}" is not an IP address or CIDR (e.g. 10.0.0.0/8)`);
    }
  }
  return list;
}

/** NODE_ENV=production: placeholders and low-entropy keys stop the start-up with the variable named. */
function refuseWeakSecrets(env: Env): void {
  const checks: Array<[string, (v: string) => string | undefined]> = [
    ['JWT_SECRET', weakSecretProblem],
    ['ENCRYPTION_KEY', (v) => weakKeyProblem(Buffer.from(v, 'base64'))],
    ['MEILI_MASTER_KEY', placeholderProblem],
    ['ADMIN_PASSWORD', placeholderProblem],
    ['SMTP_URL', placeholderProblem],
  ];
  for (const [name, problem] of checks) {
    const value = str(env, name);
    const found = value === undefined ? undefined : problem(value);
    if (found) throw new ConfigError(name, `${found} (NODE_ENV=production)`);
  }
}

function loadStorageConfig(env: Env): StorageConfig {
  const kind = oneOf(env, 'STORAGE', ['local', 's3'] as const, 'local');
  if (kind === 'local') return { kind };
  const region = str(env, 'S3_REGION') ?? 'us-east-1';
  if (!/^[a-z0-9-]{1,40}$/.test(region)) throw new ConfigError('S3_REGION', `must be a region name like ap-southeast-1 (got "${region}")`);
  const bucket = str(env, 'S3_BUCKET');
  if (!bucket) throw new ConfigError('S3_BUCKET', 'is required when STORAGE=s3');
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket))
    throw new ConfigError('S3_BUCKET', 'must be a bucket name (3–63 lower-case letters, digits, . and -)');
  const accessKeyId = str(env, 'S3_ACCESS_KEY_ID');
  if (!accessKeyId) throw new ConfigError('S3_ACCESS_KEY_ID', 'is required when STORAGE=s3');
  const secretAccessKey = str(env, 'S3_SECRET_ACCESS_KEY');
  if (!secretAccessKey) throw new ConfigError('S3_SECRET_ACCESS_KEY', 'is required when STORAGE=s3');
  return {
    kind,
    endpoint: (url(env, 'S3_ENDPOINT', ['http:', 'https:']) ?? `https://s3.${region}.amazonaws.com`).replace(/\/$/, ''),
    bucket,
    region,
    accessKeyId,
    secretAccessKey,
    forcePathStyle: bool(env, 'S3_FORCE_PATH_STYLE', false),
  };
}

/** Parses and validates the environment. Throws ConfigError naming the first bad variable. */
export function loadConfig(env: Env = process.env): AppConfig {
  const nodeEnv = oneOf(env, 'NODE_ENV', ['development', 'production', 'test'] as const, 'development');
  const port = int(env, 'PORT', 3000, 1, 65535);
  const databaseUrl = url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']);
  const meiliHost = url(env, 'MEILI_HOST', ['http:', 'https:']);
  const searchEngineRaw = str(env, 'SEARCH_ENGINE');
  const searchEngine = oneOf(env, 'SEARCH_ENGINE', ['meilisearch', 'postgres'] as const, 'meilisearch');

  const jwtSecret = str(env, 'JWT_SECRET');
  if (jwtSecret !== undefined && jwtSecret.length < 32) {
    throw new ConfigError('JWT_SECRET', 'must be at least 32 characters');
  }
  if (nodeEnv === 'production' && !jwtSecret) {
    throw new ConfigError('JWT_SECRET', 'is required when NODE_ENV=production');
  }
  const encryptionKey = str(env, 'ENCRYPTION_KEY');
  if (encryptionKey !== undefined && Buffer.from(encryptionKey, 'base64').length !== 32) {
    throw new ConfigError('ENCRYPTION_KEY', 'must be 32 bytes encoded in base64');
  }
  if (nodeEnv === 'production' && !encryptionKey) {
    throw new ConfigError('ENCRYPTION_KEY', 'is required when NODE_ENV=production');
  }

  if (nodeEnv === 'production') refuseWeakSecrets(env);

  const adminEmail = email(env, 'ADMIN_EMAIL');
  const adminPassword = str(env, 'ADMIN_PASSWORD');
  if (adminEmail && !adminPassword) throw new ConfigError('ADMIN_PASSWORD', 'is required when ADMIN_EMAIL is set');
  if (adminPassword && !adminEmail) throw new ConfigError('ADMIN_EMAIL', 'is required when ADMIN_PASSWORD is set');
  if (adminPassword && adminPassword.length < 10) {
    throw new ConfigError('ADMIN_PASSWORD', 'must be at least 10 characters');
  }

  const cors = str(env, 'CORS_ORIGINS');
  const corsOrigins = cors
    ? cors
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean)
    : [];
  for (const origin of corsOrigins) {
    if (origin !== '*' && !/^https?:\/\/[^/\s]+$/.test(origin)) {
      throw new ConfigError('CORS_ORIGINS', `"${origin}" is not an origin like https://example.vn`);
    }
  }

  return {
    nodeEnv,
    host: str(env, 'HOST') ?? '0.0.0.0',
    port,
    publicBaseUrl: (url(env, 'PUBLIC_BASE_URL', ['http:', 'https:']) ?? `http://localhost:${port}`).replace(/\/$/, ''),
    dataDir: resolve(str(env, 'DATA_DIR') ?? 'var'),
    databaseUrl,
    meiliHost,
    meiliMasterKey: str(env, 'MEILI_MASTER_KEY'),
    meiliIndexPrefix: (() => {
      const v = str(env, 'MEILI_INDEX_PREFIX') ?? 'tf_';
      if (!/^[A-Za-z0-9_-]{0,40}$/.test(v)) throw new ConfigError('MEILI_INDEX_PREFIX', 'may contain only letters, digits, _ and - (max 40)');
      return v;
    })(),
    searchEngine,
    searchEngineExplicit: searchEngineRaw !== undefined,
    embeddedPgPort: int(env, 'EMBEDDED_PG_PORT', 54329, 1, 65535),
    embeddedMeiliPort: int(env, 'EMBEDDED_MEILI_PORT', 7719, 1, 65535),
    jwtSecret,
    accessTokenTtlSeconds: int(env, 'ACCESS_TOKEN_TTL_SECONDS', 900, 30, 900),
    refreshTokenTtlSeconds: int(env, 'REFRESH_TOKEN_TTL_SECONDS', 30 * 24 * 3600, 300, 90 * 24 * 3600),
    encryptionKey,
    adminEmail,
    adminPassword,
    corsOrigins,
    bodyLimitBytes: int(env, 'BODY_LIMIT_BYTES', 1024 * 1024, 1024, 100 * 1024 * 1024),
    logLevel: oneOf(env, 'LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const, 'info'),
    trustProxy: trustProxy(env),
    workerConcurrency: int(env, 'WORKER_CONCURRENCY', 4, 1, 64),
    jobLockSeconds: int(env, 'JOB_LOCK_SECONDS', 60, 1, 3600),
    dbPoolSize: int(env, 'DB_POOL_SIZE', 10, 1, 200),
    jobPollIntervalMs: int(env, 'JOB_POLL_INTERVAL_MS', 1000, 10, 60000),
    loginMaxPerIp: int(env, 'LOGIN_MAX_PER_IP', 30, 1, 100000),
    loginMaxPerAccount: int(env, 'LOGIN_MAX_PER_ACCOUNT', 5, 1, 1000),
    loginWindowSeconds: int(env, 'LOGIN_WINDOW_SECONDS', 900, 1, 86400),
    registerMaxPerIp: int(env, 'REGISTER_MAX_PER_IP', 10, 1, 1_000_000),
    registerWindowSeconds: int(env, 'REGISTER_WINDOW_SECONDS', 3600, 1, 7 * 86400),
    emailVerificationTtlSeconds: int(env, 'EMAIL_VERIFICATION_TTL_SECONDS', 86400, 300, 30 * 86400),
    bulletinRequireApproval: bool(env, 'BULLETIN_REQUIRE_APPROVAL', false),
    viewFlushIntervalMs: int(env, 'VIEW_FLUSH_INTERVAL_MS', 2000, 100, 3_600_000),
    productEditsRequireReview: bool(env, 'PRODUCT_EDITS_REQUIRE_REVIEW', false),
    partnerSync: loadPartnerSyncConfig(env),
    search: loadSearchConfig(env),
    env: new EnvReader(env),
    stampWarnScans: int(env, 'STAMP_WARN_SCANS', 20, 1, 1_000_000),
    stampWarnPlaces: int(env, 'STAMP_WARN_PLACES', 3, 1, 10_000),
    stampScanRatePerMinute: int(env, 'STAMP_SCAN_RATE_PER_MINUTE', 60, 1, 100_000),
    stampMaxPerBatch: int(env, 'STAMP_MAX_PER_BATCH', 1_000_000, 1, 100_000_000),
    stampMaxPerRequest: int(env, 'STAMP_MAX_PER_REQUEST', 100_000, 1, 100_000),
    stampDailyQuota: int(env, 'STAMP_DAILY_QUOTA', 200_000, 1, 100_000_000),
    inquiries: {
      maxPerClient: int(env, 'INQUIRY_MAX_PER_CLIENT', 10, 1, 100_000),
      maxPerPhone: int(env, 'INQUIRY_MAX_PER_PHONE', 5, 1, 100_000),
      windowSeconds: int(env, 'INQUIRY_WINDOW_SECONDS', 3600, 1, 7 * 86400),
      minFillSeconds: int(env, 'INQUIRY_MIN_FILL_SECONDS', 3, 0, 600),
    },
    smtpUrl: url(env, 'SMTP_URL', ['smtp:', 'smtps:']),
    mailFrom: email(env, 'MAIL_FROM') ?? 'no-reply@localhost',
    storage: loadStorageConfig(env),
    shutdownDrainMs: int(env, 'SHUTDOWN_DRAIN_MS', 10_000, 0, 600_000),
    pageCache: {
      enabled: bool(env, 'PAGE_CACHE_ENABLED', true),
      maxBytes: int(env, 'PAGE_CACHE_MAX_BYTES', 64 * 1024 * 1024, 64 * 1024, 16 * 1024 * 1024 * 1024),
      ttlSeconds: int(env, 'PAGE_CACHE_TTL_SECONDS', 300, 1, 86_400),
    },
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');
