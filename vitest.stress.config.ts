import { defineConfig } from 'vitest/config';

// `npm run test:stress`: crash, soak and abuse suites that take minutes. One file at a time, so each gets the
// machine to itself and its figures mean something.
export default defineConfig({
  test: {
    include: ['test/stress/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    poolOptions: { forks: { singleFork: true } },
    testTimeout: 15 * 60_000,
    hookTimeout: 60_000,
  },
});
