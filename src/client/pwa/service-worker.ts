// The service worker (served as /sw.js, scope /): keeps the app shell — index.html and the built, hashed assets —
// so MiniMost opens instantly and, when the server cannot be reached, opens anyway and says it is reconnecting
// instead of showing the browser's error page. It never stores an API answer or anything else with private data:
// only the files every visitor gets alike. The build (scripts/pwa-plugin.ts) fills in the list of files and a
// version, so each release installs a fresh cache and drops the old one.

// The DOM library's types are the ones the app compiles with; these few are what this file uses of a worker's.
interface ExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface FetchEvent extends ExtendableEvent {
  readonly request: Request;
  respondWith(response: Promise<Response>): void;
}
interface WorkerScope {
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', listener: (event: FetchEvent) => void): void;
  skipWaiting(): Promise<void>;
  clients: { claim(): Promise<void> };
  location: Location;
}

declare const SHELL_FILES: readonly string[];
declare const SHELL_VERSION: string;

const scope = self as unknown as WorkerScope;
const CACHE = `minimost-shell-${SHELL_VERSION}`;
const INDEX = '/';

/** Paths the worker leaves to the network, always: the API and the server's own endpoints. */
function neverCached(path: string): boolean {
  return path.startsWith('/api/') || path === '/api' || path === '/metrics' || path === '/healthz' || path === '/ca.pem' || path === '/sw.js';
}

async function putIfOk(cache: Cache, key: string, response: Response): Promise<void> {
  // Only complete, plain answers: never an error page, a redirect or a partial range.
  if (response.ok && response.status === 200 && response.type === 'basic') await cache.put(key, response);
}

scope.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      await cache.addAll([INDEX, ...SHELL_FILES]);
      await scope.skipWaiting();
    })(),
  );
});

scope.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) if (name.startsWith('minimost-shell-') && name !== CACHE) await caches.delete(name);
      await scope.clients.claim();
    })(),
  );
});

/** Pages: the newest index.html when the server answers, the kept one when it does not. */
async function page(request: Request): Promise<Response> {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    await putIfOk(cache, INDEX, response.clone());
    return response;
  } catch (failure) {
    const kept = await cache.match(INDEX);
    if (kept) return kept;
    throw failure;
  }
}

/** Hashed assets never change under their name: the kept copy is as good as a fresh one. */
async function asset(request: Request, path: string): Promise<Response> {
  const cache = await caches.open(CACHE);
  const kept = await cache.match(path);
  if (kept) return kept;
  const response = await fetch(request);
  await putIfOk(cache, path, response.clone());
  return response;
}

/** Other shell files (manifest, icons): fresh when possible. */
async function shellFile(request: Request, path: string): Promise<Response> {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    await putIfOk(cache, path, response.clone());
    return response;
  } catch (failure) {
    const kept = await cache.match(path);
    if (kept) return kept;
    throw failure;
  }
}

scope.addEventListener('fetch', (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== scope.location.origin || neverCached(url.pathname)) return;
  if (request.mode === 'navigate') event.respondWith(page(request));
  else if (url.pathname.startsWith('/assets/')) event.respondWith(asset(request, url.pathname));
  else if (SHELL_FILES.includes(url.pathname)) event.respondWith(shellFile(request, url.pathname));
});
