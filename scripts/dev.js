// `npm run dev`: the server recompiled and restarted on every change, plus Vite's dev server with hot reload for
// the web app (open the URL Vite prints; it forwards /api to the server).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

const children = [];
const run = (command, args) => {
  const child = spawn(command, args, { stdio: 'inherit' });
  children.push(child);
  return child;
};
const stopAll = () => {
  for (const child of children) child.kill('SIGTERM');
  process.exit(0);
};
process.on('SIGINT', stopAll);
process.on('SIGTERM', stopAll);

run('npx', ['tsc', '-p', 'tsconfig.server.json', '--watch', '--preserveWatchOutput']);
const waitForBuild = setInterval(() => {
  if (!existsSync('dist/cli/index.js')) return;
  clearInterval(waitForBuild);
  run('node', ['--watch-path=dist', 'dist/cli/index.js', '--http', '--host', '127.0.0.1', '--port', '8080', '--data-dir', './minimost-data-dev', ...process.argv.slice(2)]);
  run('npx', ['vite', '--host', '127.0.0.1']);
}, 500);
