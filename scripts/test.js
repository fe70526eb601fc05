// `npm test`: every check, in order, stopping at the first failure. The same command runs in CI.
import { spawnSync } from 'node:child_process';

const steps = [
  ['Chromium present', 'node', ['scripts/check-chromium.js']],
  ['Lint', 'npx', ['eslint', '--max-warnings', '0', '.']],
  ['Type-check', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']],
  ['Build', 'npm', ['run', '-s', 'build']],
  ['Unit and integration tests', 'npx', ['vitest', 'run']],
  ['Browser tests (loopback-only network namespace)', 'scripts/netns-run', ['npx', 'playwright', 'test']],
];

for (const [title, command, args] of steps) {
  console.log(`\n=== ${title} ===`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: 'inherit' });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) {
    console.error(`\n✗ ${title} failed after ${seconds}s (exit ${result.status ?? result.signal}).`);
    process.exit(1);
  }
  console.log(`✓ ${title} (${seconds}s)`);
}
