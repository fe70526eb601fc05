import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import { pwa } from './scripts/pwa-plugin.js';

/**
 * Writes `.br` and `.gz` twins of every text asset, once at build time, at the highest levels; the server sends
 * whichever the browser accepts (@fastify/static `preCompressed`) without compressing on each request.
 */
function precompress(): Plugin {
  let outDir = '';
  const compressible = /\.(js|css|html|svg|json|webmanifest|txt)$/;
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const file = path.join(dir, name);
      return statSync(file).isDirectory() ? walk(file) : [file];
    });
  return {
    name: 'minimost-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      for (const file of walk(outDir)) {
        if (!compressible.test(file)) continue;
        const raw = readFileSync(file);
        if (raw.length < 1024) continue;
        writeFileSync(`${file}.br`, brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length } }));
        writeFileSync(`${file}.gz`, gzipSync(raw, { level: 9 }));
      }
    },
  };
}

// The API server in development runs with `--http --port 8080`; everything the web app fetches from it is proxied so
// the page and the API share one origin, exactly as in production (cookies, CSRF and CSP all behave the same).
const apiServer = 'http://127.0.0.1:8080';

export default defineConfig({
  root: 'src/client',
  // Preact's automatic JSX runtime through esbuild: no plugin needed.
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  plugins: [pwa(), precompress()],
  build: {
    outDir: '../../dist/client',
    emptyOutDir: true,
    // The CSP (`default-src 'self'`) rejects data: URLs, so small assets must stay files rather than be inlined.
    assetsInlineLimit: 0,
    // Every browser we support has native modulepreload; the polyfill would only add bytes.
    modulePreload: { polyfill: false },
  },
  server: {
    host: '127.0.0.1',
    proxy: {
      '/api/ws': { target: apiServer, ws: true },
      '/api': { target: apiServer },
      '/ca.pem': { target: apiServer },
      '/healthz': { target: apiServer },
    },
  },
});
