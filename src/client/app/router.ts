// A path signal kept in step with the History API. The server answers every non-/api GET with index.html, so any
// of the routes can also be opened directly or reloaded.
import { signal } from '@preact/signals';
import type { RoutePath } from './routes.js';

export { ROUTES, conversationPath, type RoutePath } from './routes.js';

export const currentPath = signal<string>(location.pathname);

export function navigate(path: RoutePath, options: { replace?: boolean } = {}): void {
  if (path === location.pathname && !location.hash) return;
  if (options.replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  currentPath.value = path;
}

addEventListener('popstate', () => {
  currentPath.value = location.pathname;
});
