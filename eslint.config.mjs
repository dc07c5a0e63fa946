import js from '@eslint/js';
import importPlugin from 'eslint-plugin-import';
import tseslint from 'typescript-eslint';

// Rules that need type information are left out: linting the tree stays a matter of seconds.
export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'coverage/',
      'test/generated/',
      'web/src/generated/',
      'test-output/',
      '.data/',
      '.test-data/',
      'exports/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { import: importPlugin },
    settings: {
      // The node resolver with .ts extensions: eslint-import-resolver-typescript would need platform bindings.
      'import/resolver': { node: { extensions: ['.ts', '.js', '.json'] } },
      'import/extensions': ['.ts', '.js'],
      'import/parsers': { '@typescript-eslint/parser': ['.ts'] },
    },
    rules: {
      'import/no-cycle': ['error', { ignoreExternal: true }],
      'import/no-default-export': 'error',
      'import/no-self-import': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      // type-graphql and TypeORM take classes and resolver lists typed as `Function`.
      '@typescript-eslint/no-unsafe-function-type': 'off',
      // The compiler checks it with the types in hand (noFallthroughCasesInSwitch), exhaustive switches included.
      'no-fallthrough': 'off',
    },
  },
  {
    // Tests (and bench:api) read GraphQL responses of ad-hoc queries, whose shape the query text gives.
    files: ['test/**/*.ts', 'scripts/bench-api.ts', 'scripts/bench-api/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // jest loads these through their default export.
    files: ['test/support/global-setup.ts', 'test/support/global-teardown.ts'],
    rules: { 'import/no-default-export': 'off' },
  },
  {
    // Below the edges: no GraphQL, no HTTP server, no process entry points.
    files: ['src/catalog/**', 'src/reports/**', 'src/exports/**', 'src/audit/**', 'src/ingest/**', 'src/connectors/**', 'src/schedules/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/graphql', '**/graphql/**', 'graphql', 'type-graphql', '@apollo/*'],
              message: 'Domain modules sit below the GraphQL edge.',
            },
            {
              group: [
                '../server',
                '../../server',
                '../http/**',
                '../../http/**',
                '../cli/**',
                '../worker',
                '../../worker',
                '../index',
                'express',
              ],
              message: 'Domain modules sit below the HTTP, CLI and worker edges.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { module: 'writable', require: 'readonly', process: 'readonly', __dirname: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
