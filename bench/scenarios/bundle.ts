import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { removeTempDir } from '../lib/cleanup.js';
import type { ScenarioResult } from '../lib/report.js';
import { prepareDataFolder } from '../lib/seed.js';
import { REPO_ROOT, startServer } from '../lib/server.js';
import { fmt } from '../lib/stats.js';

/*
 * Scenario 7 (sizes). The initial load is what index.html references directly (module scripts, modulepreloads,
 * stylesheets); everything else under assets/ is loaded on demand. Gzip sizes use zlib's default level, roughly
 * what a compressing server or proxy sends. The bench also asks the running server for the main script with
 * `Accept-Encoding: gzip, br` to record what it actually sends over the wire.
 */

interface Asset {
  file: string;
  raw: number;
  gzip: number;
}

const CLIENT_DIR = path.join(REPO_ROOT, 'dist/client');

function sizeOf(file: string): Asset {
  const bytes = readFileSync(path.join(CLIENT_DIR, file));
  return { file, raw: bytes.length, gzip: gzipSync(bytes).length };
}

function initialFiles(html: string): string[] {
  const refs = [...html.matchAll(/<(?:script|link)\b[^>]*?(?:src|href)="\/?([^"]+\.(?:js|css))"/g)].map((m) => m[1] as string);
  return [...new Set(refs)];
}

const sum = (assets: Asset[], key: 'raw' | 'gzip') => assets.reduce((total, a) => total + a[key], 0);
const kb = (bytes: number) => `${fmt(bytes / 1024, 1)} KB`;

async function servedEncoding(file: string): Promise<string> {
  const dir = await prepareDataFolder('bundle');
  const server = await startServer(dir);
  try {
    const response = await fetch(`${server.baseUrl}/${file}`, { headers: { 'accept-encoding': 'gzip, br' } });
    const body = await response.arrayBuffer();
    return `${response.headers.get('content-encoding') ?? 'none (uncompressed)'}, ${kb(body.byteLength)} on the wire`;
  } finally {
    await server.stop();
    removeTempDir(dir);
  }
}

export async function runBundle(): Promise<ScenarioResult> {
  const html = readFileSync(path.join(CLIENT_DIR, 'index.html'), 'utf8');
  const initial = initialFiles(html).map(sizeOf);
  const all = readdirSync(path.join(CLIENT_DIR, 'assets'))
    .filter((f) => /\.(js|css)$/.test(f))
    .map((f) => sizeOf(`assets/${f}`));
  const lazy = all.filter((a) => !initial.some((i) => i.file === a.file));
  const byType = (assets: Asset[], ext: string) => assets.filter((a) => a.file.endsWith(ext));
  const initialGzip = sum(initial, 'gzip');
  const mainScript = byType(initial, '.js')[0];
  return {
    id: 'bundle',
    title: '7. Web app bundle',
    params: { dir: 'dist/client', gzip: 'zlib default level' },
    status: 'ok',
    rows: [
      { metric: 'initial JS raw / gzip', value: `${kb(sum(byType(initial, '.js'), 'raw'))} / ${kb(sum(byType(initial, '.js'), 'gzip'))}` },
      { metric: 'initial CSS raw / gzip', value: `${kb(sum(byType(initial, '.css'), 'raw'))} / ${kb(sum(byType(initial, '.css'), 'gzip'))}` },
      { metric: 'initial JS + CSS gzip', value: kb(initialGzip), target: '≤ 150 KB', verdict: initialGzip <= 150 * 1024 ? 'meets' : 'misses' },
      { metric: 'on-demand chunks raw / gzip', value: `${lazy.length} files, ${kb(sum(lazy, 'raw'))} / ${kb(sum(lazy, 'gzip'))}` },
      { metric: 'main script as served', value: mainScript ? await servedEncoding(mainScript.file) : '–' },
      { metric: 'chat visible after login', value: 'run `npm run bench:browser`', target: '≤ 1 s' },
    ],
    data: { initial, lazy },
  };
}
