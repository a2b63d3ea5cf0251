// @ts-check
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      '.hookflow/**',
      '**/*.d.ts',
      // A plugin author's package with its own tooling; the scaffold test builds and tests what it generates.
      'packages/sdk/templates/**',
    ],
  },
  eslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-floating-promises': 'error',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: {
      globals: {
        require: 'readonly',
        module: 'writable',
        __dirname: 'readonly',
        console: 'readonly',
        process: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/test/**/*.ts'],
    rules: {
      // Tests assert on parsed JSON bodies and use non-null assertions after `expect`s.
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
    },
  },
  // Architecture rules: which layer may import which. `allowTypeImports`: types vanish at build time.
  {
    // Temporal workflow code (the interpreter and what it runs) is replayed deterministically in a sandbox.
    files: ['packages/engine/src/interpreter/**/*.ts', 'packages/engine/src/expressions/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '**/store',
                '**/store/**',
                '**/activities/**',
                '**/executions',
                '**/executions/**',
                '**/worker/**',
              ],
              allowTypeImports: true,
              message: 'Workflow code must not import store, activity or client values (types only).',
            },
            {
              group: [
                'mongoose',
                'express',
                '@temporalio/client',
                '@temporalio/worker',
                '@temporalio/activity',
                'node:*',
              ],
              allowTypeImports: true,
              message: 'Workflow code runs in the Temporal sandbox: no Node APIs, database or client.',
            },
          ],
        },
      ],
    },
  },
  {
    // The SDK and every plugin (built-in nodes and triggers, examples) depend on the SDK alone.
    files: [
      'packages/sdk/**/*.ts',
      'packages/engine/src/nodes/**/*.ts',
      'packages/triggers-*/src/**/*.ts',
      'examples/**/*.js',
      'examples/**/*.ts',
    ],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@hookflow/*', '!@hookflow/sdk', '!@hookflow/sdk/*'],
              message: 'Plugins and the SDK depend on @hookflow/sdk only (never the engine, server or store).',
            },
            {
              group: ['mongoose', 'express', 'express/*', '@temporalio/*'],
              message: 'Plugins and the SDK load nothing of Temporal, mongoose or Express.',
            },
          ],
        },
      ],
    },
  },
  {
    // The SDK's own tests may also use the shared test stack kit (packing and scaffolding plugins).
    files: ['packages/sdk/test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^@hookflow/(?!sdk(/|$)|dev-stack/testing$)',
              message: 'SDK tests use the SDK and @hookflow/dev-stack/testing only.',
            },
          ],
        },
      ],
    },
  },
  {
    // A plain-JavaScript plugin requires the SDK and Node's own modules, nothing else.
    files: ['examples/**/*.js'],
    rules: { '@typescript-eslint/no-require-imports': ['error', { allow: ['^@hookflow/sdk(/.*)?$', '^node:'] }] },
  },
  {
    files: ['packages/engine/src/nodes/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['../*', '@hookflow/*', '!@hookflow/sdk', '!@hookflow/sdk/*', 'mongoose', '@temporalio/*'],
              message: 'Built-in nodes are plugins: they depend on @hookflow/sdk only, not on the engine around them.',
            },
          ],
        },
      ],
    },
  },
  {
    // The engine never depends on the HTTP server.
    files: ['packages/engine/**/*.ts'],
    ignores: [
      'packages/engine/src/nodes/**',
      'packages/engine/src/interpreter/**',
      'packages/engine/src/expressions/**',
    ],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@hookflow/server', '@hookflow/server/*', 'express', 'express/*', '**/server/src/**'],
              message: 'The engine must not import the server (or Express).',
            },
          ],
        },
      ],
    },
  },
  prettier,
);
