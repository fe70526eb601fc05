import { useSignal } from '@preact/signals';
import { useId, useRef } from 'preact/hooks';
import { PALETTE } from '../../../shared/domain/palette.js';
import type { PublicUser } from '../../../shared/protocol/auth.js';
import { ApiError } from '../../api/api.js';
import { Avatar, coloursOf, colourRef, profileOf } from '../../ui/avatar.js';
import { Button } from '../../ui/button.js';
import { Dialog } from '../../ui/dialog.js';
import { FormError } from '../../ui/form-error.js';
import { TextField } from '../../ui/text-field.js';
import { DeviceSection } from '../appearance/device-section.js';
import { ChangePasswordDialog } from '../auth/change-password-dialog.js';
import { errorMessage } from '../auth/error-message.js';
import { NotificationSettings } from '../notifications/notification-parts.js';
import { chooseColour, deleteAccount, removeAvatar, uploadAvatar } from './state.js';

/** The server's words for its refusals; ours (a file that is not an image) as they are. */
function messageOf(failure: unknown): string {
  return failure instanceof ApiError || !(failure instanceof Error) ? errorMessage(failure) : failure.message;
}

/** Settings for the signed-in person: how others see them (picture, colour) and their account. */
export function SettingsDialog({ user, onClose }: { user: PublicUser; onClose: () => void }) {
  return (
    <Dialog title="Settings" onClose={onClose} wide>
      {(close) => (
        <div class="settings">
          <AvatarSection user={user} />
          <ColourSection user={user} />
          <NotificationSettings />
          <DeviceSection />
          <AccountSection />
          <div class="dialog-actions">
            <Button variant="secondary" onClick={close}>
              Close
            </Button>
          </div>
        </div>
      )}
    </Dialog>
  );
}

function AvatarSection({ user }: { user: PublicUser }) {
  const busy = useSignal<'upload' | 'remove' | null>(null);
  const error = useSignal<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const inputId = useId();
  const hasPicture = (profileOf(user.id)?.avatarVersion ?? null) !== null;

  async function run(kind: 'upload' | 'remove', action: () => Promise<void>) {
    busy.value = kind;
    error.value = null;
    try {
      await action();
    } catch (failure) {
      error.value = messageOf(failure);
    } finally {
      busy.value = null;
    }
  }

  return (
    <section class="settings-section" aria-labelledby={`${inputId}-title`}>
      <h3 id={`${inputId}-title`} class="settings-heading">
        Profile picture
      </h3>
      <div class="settings-avatar">
        <span class="settings-avatar-preview" role="img" aria-label={hasPicture ? 'Your picture' : 'Your initials'}>
          <Avatar name={user.username} userId={user.id} size="xl" />
        </span>
        <div class="settings-avatar-actions">
          <input
            ref={input}
            id={inputId}
            class="visually-hidden"
            type="file"
            accept="image/png,image/jpeg,image/webp"
            aria-label="Upload a picture"
            onChange={(event) => {
              const file = event.currentTarget.files?.[0];
              event.currentTarget.value = '';
              if (file) void run('upload', () => uploadAvatar(file));
            }}
          />
          <Button variant="secondary" busy={busy.value === 'upload'} busyLabel="Uploading…" onClick={() => input.current?.click()}>
            {hasPicture ? 'Change picture' : 'Upload picture'}
          </Button>
          {hasPicture && (
            <Button variant="ghost" busy={busy.value === 'remove'} busyLabel="Removing…" onClick={() => void run('remove', removeAvatar)}>
              Remove picture
            </Button>
          )}
          <p class="settings-hint">JPEG, PNG or WebP. The middle square is used, at 128×128 pixels.</p>
        </div>
      </div>
      <FormError message={error.value} />
    </section>
  );
}

function ColourSection({ user }: { user: PublicUser }) {
  const error = useSignal<string | null>(null);
  const chosen = profileOf(user.id)?.colour ?? null;
  const name = useId();

  async function pick(colour: string | null) {
    error.value = null;
    try {
      await chooseColour(colour);
    } catch (failure) {
      error.value = messageOf(failure);
    }
  }

  const options = [{ key: null, label: 'Automatic' }, ...PALETTE];
  return (
    <section class="settings-section">
      <fieldset class="settings-fieldset">
        <legend class="settings-heading">Name colour</legend>
        <p class="settings-hint">
          How others see your name:{' '}
          <span class="settings-name-preview" ref={colourRef('--author-colour', coloursOf(user.id).text)}>
            {user.username}
          </span>
        </p>
        <div class="swatches" role="radiogroup" aria-label="Name colour">
          {options.map((option) => (
            <label key={option.key ?? 'auto'} class={`swatch${option.key === chosen ? ' is-chosen' : ''}`} title={option.label}>
              <input
                type="radio"
                class="swatch-input"
                name={name}
                value={option.key ?? ''}
                checked={option.key === chosen}
                onChange={() => void pick(option.key)}
              />
              <span class={`swatch-colour${option.key === null ? ' is-automatic' : ''}`} ref={colourRef('--swatch-colour', coloursOf(user.id, option.key).text)} aria-hidden="true" />
              <span class="visually-hidden">{option.label}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <FormError message={error.value} />
    </section>
  );
}

function AccountSection() {
  const changingPassword = useSignal(false);
  const deleting = useSignal(false);
  return (
    <section class="settings-section">
      <h3 class="settings-heading">Account</h3>
      <div class="settings-row">
        <Button variant="secondary" onClick={() => (changingPassword.value = true)}>
          Change password…
        </Button>
        {!deleting.value && (
          <Button variant="danger" onClick={() => (deleting.value = true)}>
            Delete account…
          </Button>
        )}
      </div>
      {deleting.value && <DeleteAccountForm onCancel={() => (deleting.value = false)} />}
      {changingPassword.value && <ChangePasswordDialog onClose={() => (changingPassword.value = false)} />}
    </section>
  );
}

function DeleteAccountForm({ onCancel }: { onCancel: () => void }) {
  const password = useSignal('');
  const mode = useSignal<'soft' | 'hard'>('soft');
  const busy = useSignal(false);
  const error = useSignal<string | null>(null);
  const name = useId();

  async function submit(event: Event) {
    event.preventDefault();
    if (busy.value) return;
    error.value = null;
    if (!password.value) {
      error.value = 'Enter your password to confirm.';
      return;
    }
    busy.value = true;
    try {
      await deleteAccount({ password: password.value, mode: mode.value });
    } catch (failure) {
      error.value = messageOf(failure);
      busy.value = false;
    }
  }

  return (
    <form class="form settings-delete" onSubmit={submit} noValidate aria-label="Delete account">
      <p class="settings-warning">
        Deleting your account signs you out everywhere and removes your picture and settings. Your username becomes free for someone
        else. This cannot be undone.
      </p>
      <fieldset class="settings-fieldset">
        <legend class="field-label">Your messages</legend>
        <label class="settings-choice">
          <input type="radio" name={name} checked={mode.value === 'soft'} onChange={() => (mode.value = 'soft')} />
          <span>Keep them, shown as from “Deleted user”</span>
        </label>
        <label class="settings-choice">
          <input type="radio" name={name} checked={mode.value === 'hard'} onChange={() => (mode.value = 'hard')} />
          <span>Remove them everywhere</span>
        </label>
      </fieldset>
      <TextField label="Password" type="password" value={password.value} onValue={(v) => (password.value = v)} autoComplete="current-password" focusOnMount revealable />
      <FormError message={error.value} />
      <div class="dialog-actions">
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" variant="danger" busy={busy.value} busyLabel="Deleting…">
          Delete my account
        </Button>
      </div>
    </form>
  );
}
