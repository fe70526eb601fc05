// Browser tests: the built server and Debian's Chromium, both inside a loopback-only network namespace
// (run through scripts/netns-run; e2e/support/global-setup.ts refuses to start anywhere else).
import { defineConfig } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const PORT = 18080;
const BASE_URL = `http://127.0.0.1:${PORT}`;

// Playwright loads this file in the runner and again in every worker. The fresh data folder is made once, in the
// runner, and handed on through the environment so the workers (and the server) all agree on the same one.
process.env.MINIMOST_E2E_DATA_DIR ??= mkdtempSync(path.join(os.tmpdir(), 'minimost-e2e-'));
const dataDir = process.env.MINIMOST_E2E_DATA_DIR;

const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: 'e2e',
  globalSetup: './e2e/support/global-setup.ts',
  reporter: 'list',
  workers: 2,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 5_000 },
  use: {
    baseURL: BASE_URL,
    headless: true,
    browserName: 'chromium',
    viewport: { width: 1280, height: 800 },
    // The app follows the system theme; journeys see the dark one, as most people at a chat all day do (a11y.spec.ts
    // checks both).
    colorScheme: 'dark',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: CHROMIUM_PATH,
      // From TESTING.md: no sandbox inside the namespace, nothing phoning home, fake media devices, and ICE
      // candidates on loopback (without the last flag a loopback-only host gathers none).
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--use-fake-device-for-media-stream',
        '--use-fake-ui-for-media-stream',
        '--allow-loopback-in-peer-connection',
      ],
    },
  },
  webServer: {
    // The built server, exactly as `npx minimost` runs it; `npm test` builds first.
    command: `node bin/minimost.js --http --host 127.0.0.1 --port ${PORT} --no-stun --data-dir ${JSON.stringify(dataDir)}`,
    url: `${BASE_URL}/healthz`,
    reuseExistingServer: false,
    timeout: 30_000,
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      // Failed logins are answered after a deliberate delay; 3 s in production, short here to keep tests quick.
      MINIMOST_LOGIN_FAILURE_DELAY_MS: '200',
      // Every person in every test signs up and logs in from the one address 127.0.0.1; the per-address defaults
      // (10 sign-ups, 20 logins a minute) would throttle the suite itself. The server's own tests cover the limits.
      MINIMOST_SIGNUP_RATE_LIMIT_PER_MINUTE: '600',
      MINIMOST_LOGIN_RATE_LIMIT_PER_MINUTE: '600',
      // The history journeys seed hundreds of messages over the API in seconds; the default is 120 a minute.
      MINIMOST_MESSAGE_RATE_LIMIT_PER_MINUTE: '100000',
      // The page e2e/previews.spec.ts serves on loopback for the link preview journey.
      MINIMOST_PREVIEW_ALLOW_HOSTS: '127.0.0.1:18099',
      // An unanswered call rings this long before it counts as missed (30 s by default).
      MINIMOST_CALL_RING_SECONDS: '5',
    },
  },
});
