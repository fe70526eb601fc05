// Registers the service worker (src/client/pwa/service-worker.ts, built to /sw.js) once the page has loaded, so
// it never competes with the app's own first requests. The dev server has no /sw.js: there it only warns.
export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator)) return;
  addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch((error: unknown) => {
      console.warn('MiniMost: the service worker could not be registered', error);
    });
  });
}
