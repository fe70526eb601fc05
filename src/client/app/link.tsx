import type { ComponentChildren } from 'preact';
import { navigate, type RoutePath } from './router.js';

/** An in-app link: a real `<a href>` (so it can be opened in a new tab), followed without a page load. */
export function Link({ to, class: className, children }: { to: RoutePath; class?: string; children: ComponentChildren }) {
  return (
    <a
      href={to}
      class={className}
      onClick={(event) => {
        // Leave modified clicks (new tab, new window, download) to the browser.
        if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
        event.preventDefault();
        navigate(to);
      }}
    >
      {children}
    </a>
  );
}
