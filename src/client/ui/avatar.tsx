// Avatars: the person's uploaded picture, else their initials on their colour. The colour is the one they chose
// from the palette, else one derived from their id (names can change; ids cannot); their name is drawn in the
// same hue. Who has which picture and colour comes from the user list (see `showProfilesFrom`), so every avatar
// and name on screen follows a change as soon as the `user.updated` event arrives.
import { signal, type ReadonlySignal } from '@preact/signals';
import { useState } from 'preact/hooks';
import { paletteColour } from '../../shared/domain/palette.js';
import type { PresenceStatus } from '../../shared/protocol/conversations.js';
import { avatarPath } from '../../shared/protocol/profiles.js';

/** What an avatar needs to know about a person beyond their id and name. */
export interface AvatarProfile {
  avatarVersion?: number | null | undefined;
  colour?: string | null | undefined;
  deleted?: boolean | undefined;
}

const none = signal<ReadonlyMap<number, AvatarProfile>>(new Map());
let profiles: ReadonlySignal<ReadonlyMap<number, AvatarProfile>> = none;

/** Where avatars look people up: the conversations feature hands over its user list once at start. */
export function showProfilesFrom(source: ReadonlySignal<ReadonlyMap<number, AvatarProfile>>): void {
  profiles = source;
}

export function profileOf(userId: number): AvatarProfile | undefined {
  return profiles.value.get(userId);
}

export function initialsOf(name: string): string {
  const parts = name.split(/[_\-\s.]+/).filter(Boolean);
  const letters = parts.length >= 2 ? (parts[0]?.[0] ?? '') + (parts[1]?.[0] ?? '') : [...name].slice(0, 2).join('');
  return letters.toUpperCase();
}

/**
 * The same person always gets the same colours, on every screen and every client. `colour` overrides what the user
 * list says (a preview in Settings); read during a render, the lookup makes that render follow changes.
 */
export function coloursOf(userId: number, colour?: string | null): { background: string; text: string } {
  const { background, text } = paletteColour(userId, colour === undefined ? profileOf(userId)?.colour : colour);
  return { background, text };
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
  size?: 'xs' | 'sm' | 'md' | 'lg' | 'xl';
  /** Shows a presence dot, with its meaning as text for screen readers. */
  status?: PresenceStatus | undefined;
}

export function Avatar({ name, userId, size = 'md', status }: AvatarProps) {
  const profile = profileOf(userId);
  const version = profile && !profile.deleted ? (profile.avatarVersion ?? null) : null;
  const src = version === null ? null : avatarPath(userId, version);
  // A picture that cannot be loaded (replaced a moment ago, offline) falls back to the initials.
  const [failed, setFailed] = useState<string | null>(null);
  const face =
    src !== null && failed !== src ? (
      <img class={`avatar avatar-${size} avatar-image`} src={src} alt="" aria-hidden="true" draggable={false} onError={() => setFailed(src)} />
    ) : (
      <span ref={colourRef('--avatar-colour', coloursOf(userId).background)} class={`avatar avatar-${size}`} aria-hidden="true">
        {initialsOf(name)}
      </span>
    );
  if (!status) return face;
  return (
    <span class="avatar-with-status">
      {face}
      <PresenceDot status={status} />
    </span>
  );
}

export function PresenceDot({ status }: { status: PresenceStatus }) {
  return <span class={`presence-dot is-${status}`} role="img" aria-label={PRESENCE_LABELS[status]} title={PRESENCE_LABELS[status]} />;
}
