import { builtinModules } from 'node:module';
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// Workflow code runs in Temporal's deterministic sandbox: Node's built-ins are not there.
const nodeBuiltins = builtinModules.flatMap((name) => [name, `node:${name}`]);
const noNodeBuiltins = nodeBuiltins.map((name) => ({
  name,
  message: 'Workflow code runs in the Temporal sandbox: no Node built-ins (use an activity).',
}));

// The SDK's internals change without notice: one module alone reads one, fenced and checked at the
// worker's start (workflows/reset.ts; README, "Resets").
const noSdkInternals = {
  group: ['@temporalio/*/lib/*'],
  message: "An internal of Temporal's SDK: use its public API (workflows/reset.ts is the one exception).",
};

export default tseslint.config(
  { ignores: ['node_modules/', '.tools/', '.data/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: globals.node,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', ignoreRestSiblings: true }],
      'no-restricted-imports': ['error', { patterns: [noSdkInternals] }],
    },
  },
  {
    // Runs in the browser, beside Chart.js (client/web/assets/).
    files: ['client/web/assets/**/*.js'],
    languageOptions: { globals: { ...globals.browser, Chart: 'readonly' }, sourceType: 'script' },
  },
  {
    // Loaded by the SDK with require(): CommonJS on purpose.
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['workflows/**/*.ts', 'test/sandbox/**/*.ts', 'bench/workflows.ts'],
    rules: {
      'no-restricted-globals': ['error', 'process', 'Buffer', 'require', '__dirname', '__filename'],
      'no-restricted-imports': ['error', { paths: noNodeBuiltins, patterns: [noSdkInternals] }],
    },
  },
  {
    files: ['workflows/reset.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: noNodeBuiltins }] },
  },
);
