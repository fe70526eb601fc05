// "Appear away", "Appear offline", "Appear online" in the account menu: a manual override of the automatic presence.
import { useSignal } from '@preact/signals';
import type { PresenceOverride } from '../../../shared/protocol/conversations.js';
import { errorMessage } from '../auth/error-message.js';
import { chooseOverride, override } from './state.js';

const CHOICES: { value: PresenceOverride; label: string; dot: string }[] = [
  { value: null, label: 'Appear online', dot: 'active' },
  { value: 'away', label: 'Appear away', dot: 'idle' },
  { value: 'offline', label: 'Appear offline', dot: 'offline' },
];

export function PresenceChoices({ onChosen }: { onChosen: () => void }) {
  const error = useSignal<string | null>(null);
  return (
    <div class="user-menu-group" role="group" aria-label="Presence">
      {CHOICES.map((choice) => {
        const chosen = override.value === choice.value;
        return (
          <button
            key={choice.label}
            type="button"
            class="user-menu-item"
            aria-pressed={override.value === undefined ? undefined : chosen}
            onClick={async () => {
              error.value = null;
              try {
                await chooseOverride(choice.value);
                onChosen();
              } catch (failure) {
                error.value = errorMessage(failure);
              }
            }}
          >
            <span class={`presence-dot is-${choice.dot}`} aria-hidden="true" />
            {choice.label}
            {chosen && (
              <span class="user-menu-check" aria-hidden="true">
                ✓
              </span>
            )}
          </button>
        );
      })}
      {error.value && (
        <p role="alert" class="topbar-error">
          {error.value}
        </p>
      )}
    </div>
  );
}
