import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'bench/**/*.test.ts'],
    // The long-running suites run with `npm run test:stress`.
    exclude: ['test/stress/**', 'node_modules/**', 'dist/**'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Integration files each start their own server on a random loopback port and a fresh data folder.
    pool: 'forks',
  },
});
