import { useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import type { PublicUser } from '../../shared/protocol/auth.js';
import { ChangePasswordDialog } from '../features/auth/change-password-dialog.js';
import { PresenceChoices } from '../features/presence/presence-choices.js';
import { statusOf } from '../features/presence/state.js';
import { settingsOpen } from '../features/settings/state.js';
import { Avatar, PRESENCE_LABELS } from '../ui/avatar.js';

/**
 * The signed-in person's name and avatar, opening a small account panel. A disclosure (button + region) rather than
 * an ARIA menu: it holds a heading and ordinary buttons, and needs no arrow-key handling to be usable.
 */
export function UserMenu({ user }: { user: PublicUser }) {
  const open = useSignal(false);
  const dialogOpen = useSignal(false);
  const root = useRef<HTMLDivElement>(null);
  // The item that opened the dialog is hidden by then, so give focus back to the menu button explicitly.
  const focusButton = () => root.current?.querySelector('button')?.focus();

  useEffect(() => {
    if (!open.value) return;
    const closeOnOutsideClick = (event: MouseEvent) => {
      if (!root.current?.contains(event.target as Node)) open.value = false;
    };
    document.addEventListener('mousedown', closeOnOutsideClick);
    return () => document.removeEventListener('mousedown', closeOnOutsideClick);
  }, [open.value]);

  return (
    <div
      class="user-menu"
      ref={root}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && open.value) {
          event.preventDefault();
          open.value = false;
          focusButton();
        }
      }}
    >
      <button
        type="button"
        class="user-menu-button"
        aria-expanded={open.value}
        aria-controls="user-menu-panel"
        onClick={() => (open.value = !open.value)}
      >
        {/* The dot is decorative here: the button is named after the person; the panel says the status in words. */}
        <span aria-hidden="true" class="user-menu-avatar">
          <Avatar name={user.username} userId={user.id} size="sm" status={statusOf(user.id)} />
        </span>
        <span class="user-menu-name">{user.username}</span>
        <svg class="user-menu-caret" viewBox="0 0 12 12" aria-hidden="true">
          <path d="M2.5 4.5 6 8l3.5-3.5" />
        </svg>
      </button>
      <div id="user-menu-panel" class="user-menu-panel" hidden={!open.value}>
        <div class="user-menu-who">
          <Avatar name={user.username} userId={user.id} size="lg" />
          <div>
            <p class="user-menu-label">Signed in as</p>
            <p class="user-menu-username">{user.username}</p>
            <p class="user-menu-label">{PRESENCE_LABELS[statusOf(user.id)]}</p>
          </div>
        </div>
        <PresenceChoices onChosen={() => (open.value = false)} />
        <button
          type="button"
          class="user-menu-item"
          onClick={() => {
            open.value = false;
            settingsOpen.value = true;
          }}
        >
          Settings
        </button>
        <button
          type="button"
          class="user-menu-item"
          onClick={() => {
            open.value = false;
            dialogOpen.value = true;
          }}
        >
          Change password
        </button>
      </div>
      {dialogOpen.value && (
        <ChangePasswordDialog
          onClose={() => {
            dialogOpen.value = false;
            focusButton();
          }}
        />
      )}
    </div>
  );
}
