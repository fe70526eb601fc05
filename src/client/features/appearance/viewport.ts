// Keeps the layout as tall as what is visible: when an on-screen keyboard covers part of the page (iOS Safari, which
// ignores `interactive-widget=resizes-content`), the shell shrinks so the composer stays just above the keyboard.
export function trackVisualViewport(): () => void {
  const viewport = window.visualViewport;
  if (!viewport) return () => undefined;
  const update = () => document.documentElement.style.setProperty('--visible-height', `${Math.round(viewport.height)}px`);
  update();
  viewport.addEventListener('resize', update);
  return () => {
    viewport.removeEventListener('resize', update);
    document.documentElement.style.removeProperty('--visible-height');
  };
}
