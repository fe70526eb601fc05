import type { ComponentChildren } from 'preact';
import { navigate, type RoutePath } from './router.js';

interface LinkProps {
  to: RoutePath;
  class?: string;
  /** Marks the link as the page being shown (aria-current="page"). */
  current?: boolean;
  /** Runs after an in-app navigation (e.g. to close the narrow-screen sidebar). */
  onFollow?: () => void;
  children: ComponentChildren;
}

/** An in-app link: a real `<a href>` (so it can be opened in a new tab), followed without a page load. */
export function Link({ to, class: className, current, onFollow, children }: LinkProps) {
  return (
    <a
      href={to}
      class={className}
      aria-current={current ? 'page' : undefined}
      onClick={(event) => {
        // Leave modified clicks (new tab, new window, download) to the browser.
        if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
        event.preventDefault();
        navigate(to);
        onFollow?.();
      }}
    >
      {children}
    </a>
  );
}
