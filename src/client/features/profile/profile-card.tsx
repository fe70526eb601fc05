// A small card about a person, opened from their name or avatar on a message: a bigger avatar, their name and
// presence, and a button to message them. Opens on hover (after a short pause, so moving the mouse across the
// list opens nothing), on click or tap, and from the keyboard on the name.
import type { ComponentChildren } from 'preact';
import { useSignal } from '@preact/signals';
import { useEffect, useId, useRef } from 'preact/hooks';
import { Avatar, coloursOf, colourRef, PresenceDot, PRESENCE_LABELS, profileOf } from '../../ui/avatar.js';
import { Button } from '../../ui/button.js';
import { errorMessage } from '../auth/error-message.js';
import { me, openDirectMessage } from '../conversations/state.js';
import { statusOf } from '../presence/state.js';

const OPEN_DELAY_MS = 400;
const CLOSE_DELAY_MS = 200;
const CARD_WIDTH = 240;

interface TriggerProps {
  userId: number;
  name: string;
  class: string;
  /** The avatar in the gutter repeats the name beside it: reachable by pointer, not a second Tab stop. */
  pointerOnly?: boolean;
  colour?: boolean;
  children: ComponentChildren;
}

export function ProfileTrigger({ userId, name, class: className, pointerOnly = false, colour = false, children }: TriggerProps) {
  const open = useSignal(false);
  const button = useRef<HTMLButtonElement>(null);
  const card = useRef<HTMLDivElement>(null);
  const timer = useRef<number | undefined>(undefined);
  const cardId = useId();
  // Read while rendering (not in the ref callback), so a colour change re-renders the name.
  const nameColour = colour ? coloursOf(userId).text : null;

  const later = (ms: number, action: () => void) => {
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(action, ms);
  };
  const show = () => later(OPEN_DELAY_MS, () => (open.value = true));
  const hide = () => later(CLOSE_DELAY_MS, () => (open.value = false));
  const keep = () => window.clearTimeout(timer.current);
  useEffect(() => () => window.clearTimeout(timer.current), []);

  useEffect(() => {
    if (!open.value) return;
    // Fixed to the viewport so the scrolling message list cannot clip it; placed from script (the CSP forbids style="").
    const place = () => {
      const anchor = button.current?.getBoundingClientRect();
      const element = card.current;
      if (!anchor || !element) return;
      const left = Math.max(8, Math.min(anchor.left, window.innerWidth - CARD_WIDTH - 8));
      const below = anchor.bottom + 6;
      const height = element.offsetHeight;
      const top = below + height > window.innerHeight - 8 ? Math.max(8, anchor.top - height - 6) : below;
      element.style.setProperty('left', `${left}px`);
      element.style.setProperty('top', `${top}px`);
    };
    place();
    const closeOutside = (event: MouseEvent) => {
      const target = event.target as Node;
      if (!card.current?.contains(target) && !button.current?.contains(target)) open.value = false;
    };
    const closeOnScroll = () => (open.value = false);
    document.addEventListener('mousedown', closeOutside);
    window.addEventListener('resize', closeOnScroll);
    document.addEventListener('scroll', closeOnScroll, true);
    return () => {
      document.removeEventListener('mousedown', closeOutside);
      window.removeEventListener('resize', closeOnScroll);
      document.removeEventListener('scroll', closeOnScroll, true);
    };
  }, [open.value]);

  return (
    <span
      class="profile-anchor"
      onKeyDown={(event) => {
        if (event.key === 'Escape' && open.value) {
          event.stopPropagation();
          open.value = false;
          button.current?.focus();
        }
      }}
    >
      <button
        ref={(element) => {
          button.current = element;
          if (nameColour) colourRef('--author-colour', nameColour)(element);
        }}
        type="button"
        class={`profile-trigger ${className}`}
        aria-expanded={open.value}
        aria-controls={open.value ? cardId : undefined}
        // A pointer-only copy (the avatar beside the name) is hidden from assistive technology: the name button
        // next to it is the one to reach, and an initial as visible text would not match any spoken name.
        aria-hidden={pointerOnly || undefined}
        tabIndex={pointerOnly ? -1 : undefined}
        onClick={() => {
          keep();
          open.value = !open.value;
        }}
        onMouseEnter={show}
        onMouseLeave={hide}
      >
        {children}
      </button>
      {open.value && (
        <div ref={card} id={cardId} class="profile-card" role="dialog" aria-label={name} onMouseEnter={keep} onMouseLeave={hide}>
          <ProfileCardContent userId={userId} name={name} onDone={() => (open.value = false)} />
        </div>
      )}
    </span>
  );
}

function ProfileCardContent({ userId, name, onDone }: { userId: number; name: string; onDone: () => void }) {
  const busy = useSignal(false);
  const error = useSignal<string | null>(null);
  const status = statusOf(userId);
  const deleted = profileOf(userId)?.deleted === true;
  const self = userId === me.value;

  async function message() {
    busy.value = true;
    error.value = null;
    try {
      await openDirectMessage([name]);
      onDone();
    } catch (failure) {
      error.value = errorMessage(failure);
      busy.value = false;
    }
  }

  return (
    <>
      <div class="profile-card-who">
        <Avatar name={name} userId={userId} size="xl" />
        <div>
          <p class="profile-card-name" ref={colourRef('--author-colour', coloursOf(userId).text)}>
            {name}
            {self && <span class="profile-card-you"> (you)</span>}
          </p>
          {!deleted && (
            <p class="profile-card-status">
              <span aria-hidden="true">
                <PresenceDot status={status} />
              </span>{' '}
              {PRESENCE_LABELS[status]}
            </p>
          )}
        </div>
      </div>
      {!self && !deleted && (
        <Button block busy={busy.value} busyLabel="Opening…" onClick={() => void message()}>
          Message
        </Button>
      )}
      {error.value && (
        <p role="alert" class="profile-card-error">
          {error.value}
        </p>
      )}
    </>
  );
}
