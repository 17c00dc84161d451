import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import libBoundaries from './tools/eslint/lib-boundaries.js';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'var/**', 'coverage/**', 'test/artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { tradefloor: { rules: { 'lib-boundaries': libBoundaries } } },
    rules: {
      'tradefloor/lib-boundaries': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': 'error',
    },
  },
  {
    // Files go through FileStorage (local disk or S3), so no replica keeps state on its own disk
    // (issue 19). Allowed below: the local-disk adapter, the embedded servers' runtime (data dir,
    // lock, local secrets), the CLIs, and the stamp sheet's font lookup (reads a system font).
    files: ['libs/**/*.ts', 'apps/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        ...['fs', 'node:fs', 'fs/promises', 'node:fs/promises'].map((name) => ({
          name,
          message: 'Write and read files through FileStorage (@tradefloor/core): replicas share no disk.',
        })),
      ],
    },
  },
  {
    files: [
      'libs/core/src/storage/local-disk-file-storage.ts',
      'libs/core/src/runtime/**/*.ts',
      'apps/api/src/cli/**/*.ts',
      'libs/traceability/src/stamps/render/sheet-font.ts',
      // Finds the compiled worker-thread script beside it: code, not data.
      'libs/traceability/src/stamps/render/page-graphics-pool.ts',
      '**/*.spec.ts',
    ],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts', '**/*.spec.ts'],
    rules: { 'no-console': 'off', 'tradefloor/lib-boundaries': 'off' },
  },
  {
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { require: 'readonly', module: 'writable', __dirname: 'readonly', process: 'readonly', console: 'readonly', globalThis: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  { files: ['**/*.mjs'], languageOptions: { sourceType: 'module' } },
);
