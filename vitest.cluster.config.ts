import { defineConfig } from 'vitest/config';
import base from './vitest.config.ts';

// `npm run test:cluster`: the self-hosted cluster test alone, its steps in order, in one file.
export default defineConfig({
  test: {
    ...base.test,
    include: ['test/cluster/**/*.test.ts'],
    exclude: ['node_modules/**'],
    maxWorkers: 1,
  },
});
