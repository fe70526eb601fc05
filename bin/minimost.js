#!/usr/bin/env node
// The package's command: runs the compiled CLI (`npm run build` produces dist/).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/cli/index.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  console.error('minimost: dist/ is missing; run `npm run build` first (npm start does it for you).');
  process.exit(1);
}
await import(entry.href);
