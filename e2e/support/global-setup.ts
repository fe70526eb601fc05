// Runs once before any browser starts: refuses to go on outside a loopback-only network namespace (a browser
// there could reach the LAN, and WebRTC would gather the machine's real addresses), or without Chromium.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export default function globalSetup(): void {
  const up = execFileSync('ip', ['-o', 'link', 'show', 'up'])
    .toString()
    .trim()
    .split('\n')
    .map((line) => line.split(':')[1]?.trim() ?? '');
  if (up.join() !== 'lo') {
    throw new Error(`not in a loopback-only namespace (interfaces up: ${up.join(', ')}); run through scripts/netns-run`);
  }

  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(chromium)) {
    throw new Error(`Chromium not found at ${chromium}: install it with \`apt-get install -y chromium\` or set CHROMIUM_PATH`);
  }
}
