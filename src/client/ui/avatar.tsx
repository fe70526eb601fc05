// Coloured initials stand in for profile pictures, so people can tell each other apart at a glance.

// Calm, mid-saturation hues that all keep white initials readable (contrast ≥ 4.5:1).
const COLOURS = ['#c2410c', '#b45309', '#4d7c0f', '#047857', '#0e7490', '#1d4ed8', '#6d28d9', '#a21caf', '#be123c', '#475569'];

export function initialsOf(name: string): string {
  const parts = name.split(/[_\-\s.]+/).filter(Boolean);
  const letters = parts.length >= 2 ? (parts[0]?.[0] ?? '') + (parts[1]?.[0] ?? '') : [...name].slice(0, 2).join('');
  return letters.toUpperCase();
}

/** The same name always gets the same colour, on every screen and every client. */
export function colourOf(name: string): string {
  let hash = 0;
  for (const char of name.toLowerCase()) hash = (hash * 31 + (char.codePointAt(0) ?? 0)) >>> 0;
  return COLOURS[hash % COLOURS.length] ?? '#475569';
}

export function Avatar({ name, size = 'md' }: { name: string; size?: 'sm' | 'md' | 'lg' }) {
  const ref = (element: HTMLSpanElement | null) => {
    // Set from script, not a style="" attribute: the CSP allows only stylesheets from our origin.
    if (element) element.style.setProperty('--avatar-colour', colourOf(name));
  };
  return (
    <span ref={ref} class={`avatar avatar-${size}`} aria-hidden="true">
      {initialsOf(name)}
    </span>
  );
}
