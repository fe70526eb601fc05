import { defineConfig } from 'vite';

// The API server in development runs with `--http --port 8080`; everything the web app fetches from it is proxied so
// the page and the API share one origin, exactly as in production (cookies, CSRF and CSP all behave the same).
const apiServer = 'http://127.0.0.1:8080';

export default defineConfig({
  root: 'src/client',
  // Preact's automatic JSX runtime through esbuild: no plugin needed.
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
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
