import type { PublicUser } from '../../../shared/protocol/auth.js';
import { SettingsDialog } from './settings-dialog.js';
import { settingsOpen } from './state.js';

/** The gear in the top bar; the dialog gives focus back to it when it closes. */
export function SettingsButton({ user }: { user: PublicUser }) {
  return (
    <>
      <button type="button" class="icon-button settings-button" aria-label="Settings" title="Settings" aria-haspopup="dialog" onClick={() => (settingsOpen.value = true)}>
        <svg viewBox="0 0 20 20" aria-hidden="true" focusable="false">
          <path d="M8.6 2h2.8l.4 2.2c.5.2 1 .5 1.4.8l2.1-.8 1.4 2.4-1.7 1.5a5.6 5.6 0 0 1 0 1.8l1.7 1.5-1.4 2.4-2.1-.8c-.4.3-.9.6-1.4.8l-.4 2.2H8.6l-.4-2.2c-.5-.2-1-.5-1.4-.8l-2.1.8-1.4-2.4L5 10.9a5.6 5.6 0 0 1 0-1.8L3.3 7.6l1.4-2.4 2.1.8c.4-.3.9-.6 1.4-.8L8.6 2ZM10 7.2a2.8 2.8 0 1 0 0 5.6 2.8 2.8 0 0 0 0-5.6Z" />
        </svg>
      </button>
      {settingsOpen.value && <SettingsDialog user={user} onClose={() => (settingsOpen.value = false)} />}
    </>
  );
}
