// The controls for alerts: the header's one-click sound switch, the conversation header's bell (mute), and the
// Notifications section of Settings.
import { useSignal } from '@preact/signals';
import { useId } from 'preact/hooks';
import type { Conversation } from '../../../shared/protocol/conversations.js';
import { FormError } from '../../ui/form-error.js';
import { Icon } from '../../ui/icons.js';
import { errorMessage } from '../auth/error-message.js';
import {
  enableDesktopNotifications,
  muteConversation,
  mutedConversations,
  notificationPermission,
  preferences,
  unmuteConversation,
  updatePreferences,
} from './state.js';

/** Runs a change and keeps its failure to show beside the control. */
function useChange() {
  const error = useSignal<string | null>(null);
  const run = async (change: () => Promise<void>) => {
    error.value = null;
    try {
      await change();
    } catch (failure) {
      error.value = errorMessage(failure);
    }
  };
  return { error, run };
}

export function SoundButton() {
  const { error, run } = useChange();
  const on = preferences.value.sounds;
  const label = on ? 'Mute all sounds' : 'Turn sounds on';
  return (
    <button
      type="button"
      class={`icon-button sound-button${on ? '' : ' is-muted'}`}
      aria-pressed={!on}
      aria-label={label}
      title={error.value ?? label}
      onClick={() => void run(() => updatePreferences({ sounds: !on }))}
    >
      <Icon name={on ? 'sound' : 'soundOff'} />
    </button>
  );
}

export function MuteButton({ conversation }: { conversation: Conversation }) {
  const { error, run } = useChange();
  const open = useSignal(false);
  const mute = mutedConversations.value.get(conversation.id);
  const label = mute ? 'Conversation muted' : 'Mute conversation';
  return (
    <div class="mute-control">
      <button
        type="button"
        class={`icon-button mute-button${mute ? ' is-muted' : ''}`}
        aria-label={label}
        title={error.value ?? label}
        aria-expanded={open.value}
        onClick={() => (open.value = !open.value)}
      >
        <Icon name={mute ? 'bellOff' : 'bell'} />
      </button>
      {open.value && (
        <div class="mute-menu" role="group" aria-label="Alerts for this conversation">
          <label class="mute-option">
            <input
              type="checkbox"
              checked={mute !== undefined}
              onChange={() => void run(() => (mute ? unmuteConversation(conversation.id) : muteConversation(conversation.id, false)))}
            />
            Mute this conversation
          </label>
          <label class={`mute-option${mute ? '' : ' is-disabled'}`}>
            <input
              type="checkbox"
              disabled={!mute}
              checked={mute?.muteMentions ?? false}
              onChange={() => void run(() => muteConversation(conversation.id, !(mute?.muteMentions ?? false)))}
            />
            Mute mentions too
          </label>
          <FormError message={error.value} />
        </div>
      )}
    </div>
  );
}

const PERMISSION_TEXT = {
  granted: 'This browser shows MiniMost notifications.',
  denied: 'This browser blocks notifications from MiniMost: allow them in the site settings (the padlock beside the address).',
  default: 'This browser will ask once you turn them on.',
  unsupported: 'This browser cannot show notifications.',
} as const;

export function NotificationSettings() {
  const { error, run } = useChange();
  const id = useId();
  const prefs = preferences.value;
  const permission = notificationPermission.value;
  const desktopOn = prefs.desktopNotifications && permission === 'granted';
  return (
    <section class="settings-section" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} class="settings-heading">
        Notifications
      </h3>
      <label class="settings-toggle">
        <input
          type="checkbox"
          checked={desktopOn}
          disabled={permission === 'unsupported' || permission === 'denied'}
          onChange={() => void run(() => (desktopOn ? updatePreferences({ desktopNotifications: false }) : enableDesktopNotifications()))}
        />
        Desktop notifications
      </label>
      <p class="settings-hint" data-permission={permission}>
        {PERMISSION_TEXT[permission]}
      </p>
      <label class="settings-toggle">
        <input type="checkbox" checked={prefs.sounds} onChange={() => void run(() => updatePreferences({ sounds: !prefs.sounds }))} />
        Sounds
      </label>
      <label class="settings-toggle">
        <input
          type="checkbox"
          checked={prefs.notifyWhileFocused}
          onChange={() => void run(() => updatePreferences({ notifyWhileFocused: !prefs.notifyWhileFocused }))}
        />
        Notify while MiniMost is focused (messages in other conversations)
      </label>
      <p class="settings-hint">Mentions always notify unless their conversation is muted with its mentions. These settings follow you to every device.</p>
      <FormError message={error.value} />
    </section>
  );
}
