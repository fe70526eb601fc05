// On narrow screens the sidebar is a drawer: a swipe right from the left edge pulls it out, a swipe left closes it.
// Only mostly-horizontal swipes count, so scrolling the messages never opens it.
import { closeSidebar, sidebarOpen } from './layout-state.js';

/** Where a swipe must start to open the drawer (the rest of the screen scrolls code blocks and wide tables). */
const EDGE_PX = 32;
const MIN_SWIPE_PX = 60;

export type Swipe = 'open' | 'close' | null;

/** What a finger that went from `start` to `end` asks of the drawer. */
export function swipeIntent(start: { x: number; y: number }, end: { x: number; y: number }, open: boolean): Swipe {
  const dx = end.x - start.x;
  const dy = end.y - start.y;
  if (Math.abs(dx) < MIN_SWIPE_PX || Math.abs(dy) > Math.abs(dx) / 2) return null;
  if (dx > 0 && !open && start.x <= EDGE_PX) return 'open';
  if (dx < 0 && open) return 'close';
  return null;
}

export function installDrawerSwipe(element: HTMLElement): () => void {
  const narrow = matchMedia('(max-width: 768px)');
  let start: { x: number; y: number } | null = null;
  const onStart = (event: TouchEvent) => {
    const touch = event.touches[0];
    start = narrow.matches && event.touches.length === 1 && touch ? { x: touch.clientX, y: touch.clientY } : null;
  };
  const onEnd = (event: TouchEvent) => {
    const touch = event.changedTouches[0];
    if (!start || !touch) return;
    const intent = swipeIntent(start, { x: touch.clientX, y: touch.clientY }, sidebarOpen.value);
    start = null;
    if (intent === 'open') sidebarOpen.value = true;
    else if (intent === 'close') closeSidebar();
  };
  const onCancel = () => (start = null);
  element.addEventListener('touchstart', onStart, { passive: true });
  element.addEventListener('touchend', onEnd);
  element.addEventListener('touchcancel', onCancel);
  return () => {
    element.removeEventListener('touchstart', onStart);
    element.removeEventListener('touchend', onEnd);
    element.removeEventListener('touchcancel', onCancel);
  };
}
