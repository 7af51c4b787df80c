import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // `npm run test:cluster` runs it (vitest.cluster.config.ts): it builds and starts a whole cluster.
    exclude: ['test/cluster/**', 'node_modules/**'],
    setupFiles: ['test/setup.ts'],
    // Each file that needs Temporal starts its own server; two cores are the limit here.
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
