// The colours a person can pick for their initials avatar and their name. A fixed list, so every client draws the
// same person the same way and the server can refuse anything else.

export interface PaletteColour {
  /** What the API stores and sends. */
  key: string;
  /** What a person reads next to the swatch. */
  label: string;
  /** Behind white initials: contrast ≥ 4.5:1 with white. */
  background: string;
  /** The same hue, lighter, for a name on the dark page: contrast ≥ 4.5:1 on --colour-bg. */
  text: string;
}

export const PALETTE: readonly PaletteColour[] = [
  { key: 'red', label: 'Red', background: '#b91c1c', text: '#f87171' },
  { key: 'orange', label: 'Orange', background: '#c2410c', text: '#fb923c' },
  { key: 'amber', label: 'Amber', background: '#b45309', text: '#fbbf24' },
  { key: 'lime', label: 'Lime', background: '#4d7c0f', text: '#a3e635' },
  { key: 'green', label: 'Green', background: '#15803d', text: '#4ade80' },
  { key: 'teal', label: 'Teal', background: '#0f766e', text: '#2dd4bf' },
  { key: 'cyan', label: 'Cyan', background: '#0e7490', text: '#22d3ee' },
  { key: 'blue', label: 'Blue', background: '#1d4ed8', text: '#60a5fa' },
  { key: 'indigo', label: 'Indigo', background: '#4338ca', text: '#818cf8' },
  { key: 'violet', label: 'Violet', background: '#6d28d9', text: '#a78bfa' },
  { key: 'pink', label: 'Pink', background: '#be185d', text: '#f472b6' },
  { key: 'slate', label: 'Slate', background: '#475569', text: '#94a3b8' },
];

export function isPaletteKey(key: string): boolean {
  return PALETTE.some((colour) => colour.key === key);
}

/**
 * The colour someone has chosen, else one derived from their id (names can change; ids cannot). Stepping by 7
 * (coprime to 12) gives people who signed up one after another clearly different hues.
 */
export function paletteColour(userId: number, chosen?: string | null): PaletteColour {
  const picked = chosen ? PALETTE.find((colour) => colour.key === chosen) : undefined;
  if (picked) return picked;
  const index = (((userId * 7) % PALETTE.length) + PALETTE.length) % PALETTE.length;
  return PALETTE[index] ?? (PALETTE[0] as PaletteColour);
}
