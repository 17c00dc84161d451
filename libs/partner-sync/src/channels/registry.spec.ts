import { ConfigError, loadConfig } from '@tradefloor/core';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { validateChannelConfig } from './channel-registry.service';
import { CHANNELS } from './registry';

const ROOT = join(__dirname, '../../../..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

/**
 * Prose, not code: these files mention a marketplace by name in Vietnamese text or sample data
 * (a real bulletin of the province, sanitiser samples, warehouse names in demo trace events).
 */
const PROSE = ['libs/news-bulletin/src/seed/seed-article.ts', 'libs/core/src/text/rich-text.spec.ts', 'apps/api/src/cli/demo-data/trace-events.ts'];

describe('channel registry', () => {
  it('has unique names and every channel declares its display names and how it connects', () => {
    expect(new Set(CHANNELS.map((c) => c.name)).size).toBe(CHANNELS.length);
    for (const c of CHANNELS) {
      expect(c.name).toMatch(/^[a-z][a-z0-9-]*$/);
      expect(c.labels.vi && c.labels.en && c.displayName).toBeTruthy();
      expect(['authorization-code', 'credentials', 'none']).toContain(c.auth.kind);
    }
  });

  it('lists every variable a channel declares in the README configuration table', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    for (const c of CHANNELS)
      for (const v of c.config.variables)
        expect({ variable: v.name, listed: readme.includes(`| \`${v.name}\` |`) }).toEqual({ variable: v.name, listed: true });
  });

  it('validates each channel’s variables with core’s rules, naming the bad one', () => {
    const variableOf = (env: Record<string, string>) => {
      try {
        validateChannelConfig(loadConfig(env));
      } catch (err) {
        if (err instanceof ConfigError) return err.variable;
        throw err;
      }
      return 'none';
    };
    expect(variableOf({})).toBe('none');
    // Variables that existed before channels declared their own keep their meaning.
    expect(variableOf({ SHOPEE_RATE_PER_SECOND: '0' })).toBe('SHOPEE_RATE_PER_SECOND');
    expect(variableOf({ VOSO_RATE_PER_SECOND: 'fast' })).toBe('VOSO_RATE_PER_SECOND');
    expect(variableOf({ POSTMART_BASE_URL: 'not a url' })).toBe('POSTMART_BASE_URL');
    expect(variableOf({ SHOPEE_PARTNER_ID: '12' })).toBe('SHOPEE_PARTNER_KEY');
    expect(variableOf({ TIKTOK_SHOP_APP_SECRET: 'x' })).toBe('TIKTOK_SHOP_APP_KEY');
  });

  it('is the only place outside each channel’s folder that names a channel', () => {
    const words = CHANNELS.filter((c) => c.kind === 'push').flatMap((c) => [c.name.split('-')[0], c.displayName.split(' ')[0].toLowerCase()]);
    const pattern = new RegExp([...new Set(words)].join('|'), 'i');
    const own = CHANNELS.map((c) => `libs/partner-sync/src/channels/${c.name}/`);
    const allowed = (file: string) =>
      own.some((dir) => file.startsWith(dir)) ||
      file === 'libs/partner-sync/src/channels/registry.ts' ||
      file === 'libs/partner-sync/src/channels/registry.spec.ts' ||
      file.startsWith('libs/core/src/database/migrations/') ||
      PROSE.includes(file);
    const offenders = ['libs', 'apps/api/src', 'apps/worker/src']
      .flatMap((dir) => sources(join(ROOT, dir)))
      .map((path) => relative(ROOT, path))
      .filter((file) => !allowed(file))
      .flatMap((file) =>
        readFileSync(join(ROOT, file), 'utf8')
          .split('\n')
          .map((line, i) => ({ file, line: i + 1, text: line.trim() }))
          .filter((l) => pattern.test(l.text)),
      );
    expect(offenders).toEqual([]);
  });
});
