import { useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import type { PublicUser } from '../../shared/protocol/auth.js';
import { ChangePasswordDialog } from '../features/auth/change-password-dialog.js';
import { Avatar } from '../ui/avatar.js';

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
        <Avatar name={user.username} size="sm" />
        <span class="user-menu-name">{user.username}</span>
        <svg class="user-menu-caret" viewBox="0 0 12 12" aria-hidden="true">
          <path d="M2.5 4.5 6 8l3.5-3.5" />
        </svg>
      </button>
      <div id="user-menu-panel" class="user-menu-panel" hidden={!open.value}>
        <div class="user-menu-who">
          <Avatar name={user.username} size="lg" />
          <div>
            <p class="user-menu-label">Signed in as</p>
            <p class="user-menu-username">{user.username}</p>
          </div>
        </div>
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
