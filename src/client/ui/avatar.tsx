// Coloured initials stand in for profile pictures, so people can tell each other apart at a glance. The colour
// comes from the user id (names can change; ids cannot), and the author's name is drawn in the same hue.
import type { PresenceStatus } from '../../shared/protocol/conversations.js';

// Calm, mid-saturation hues that all keep white initials readable (contrast ≥ 4.5:1) …
const BACKGROUNDS = ['#c2410c', '#b45309', '#4d7c0f', '#047857', '#0e7490', '#1d4ed8', '#6d28d9', '#a21caf', '#be123c', '#475569'];
// … and the same hues, lighter, for names on the dark page (contrast ≥ 4.5:1 on --colour-bg).
const TEXTS = ['#fb923c', '#fbbf24', '#a3e635', '#34d399', '#22d3ee', '#60a5fa', '#a78bfa', '#e879f9', '#fb7185', '#94a3b8'];

export function initialsOf(name: string): string {
  const parts = name.split(/[_\-\s.]+/).filter(Boolean);
  const letters = parts.length >= 2 ? (parts[0]?.[0] ?? '') + (parts[1]?.[0] ?? '') : [...name].slice(0, 2).join('');
  return letters.toUpperCase();
}

/** The same person always gets the same colours, on every screen and every client. */
export function coloursOf(userId: number): { background: string; text: string } {
  // Stepping by 7 (coprime to 10) gives people who signed up one after another clearly different hues.
  const index = (((userId * 7) % BACKGROUNDS.length) + BACKGROUNDS.length) % BACKGROUNDS.length;
  return { background: BACKGROUNDS[index] ?? '#475569', text: TEXTS[index] ?? '#94a3b8' };
}

export const PRESENCE_LABELS: Record<PresenceStatus, string> = {
  active: 'Active',
  idle: 'Away',
  hidden: 'In another tab',
  offline: 'Offline',
};

/** Sets a colour from script, not a style="" attribute: the CSP allows only stylesheets from our origin. */
export function colourRef(property: string, value: string) {
  return (element: HTMLElement | null) => element?.style.setProperty(property, value);
}

interface AvatarProps {
  name: string;
  userId: number;
  size?: 'xs' | 'sm' | 'md' | 'lg';
  /** Shows a presence dot, with its meaning as text for screen readers. */
  status?: PresenceStatus | undefined;
}

export function Avatar({ name, userId, size = 'md', status }: AvatarProps) {
  const initials = (
    <span ref={colourRef('--avatar-colour', coloursOf(userId).background)} class={`avatar avatar-${size}`} aria-hidden="true">
      {initialsOf(name)}
    </span>
  );
  if (!status) return initials;
  return (
    <span class="avatar-with-status">
      {initials}
      <PresenceDot status={status} />
    </span>
  );
}

export function PresenceDot({ status }: { status: PresenceStatus }) {
  return <span class={`presence-dot is-${status}`} role="img" aria-label={PRESENCE_LABELS[status]} title={PRESENCE_LABELS[status]} />;
}
