// Starting conversations from the sidebar: a private channel (a name and members) or a direct message (one or
// more people). Names typed but not picked are sent too, so the server's "No user named …" is what people read.
import { useSignal } from '@preact/signals';
import type { UserSummary } from '../../../shared/protocol/conversations.js';
import { Button } from '../../ui/button.js';
import { Dialog } from '../../ui/dialog.js';
import { FormError } from '../../ui/form-error.js';
import { TextField } from '../../ui/text-field.js';
import { errorMessage } from '../auth/error-message.js';
import { createPrivateChannel, me, openDirectMessage, users } from './state.js';
import { UserPicker } from './user-picker.js';

/** The picked people plus whatever is still typed in the picker. */
export function namesOf(picked: readonly UserSummary[], query: string): string[] {
  const typed = query.trim().replace(/^@/, '');
  return [...picked.map((user) => user.username), ...(typed ? [typed] : [])];
}

export function NewPrivateChannelDialog({ onClose }: { onClose: () => void }) {
  const name = useSignal('');
  const picked = useSignal<UserSummary[]>([]);
  const query = useSignal('');
  const busy = useSignal(false);
  const error = useSignal<string | null>(null);
  const others = [...users.value.values()].filter((user) => user.id !== me.value);

  return (
    <Dialog title="New private channel" onClose={onClose}>
      {(close) => (
        <form
          class="form"
          noValidate
          onSubmit={async (event) => {
            event.preventDefault();
            if (busy.value) return;
            error.value = null;
            busy.value = true;
            try {
              await createPrivateChannel(name.value, namesOf(picked.value, query.value));
              close();
            } catch (failure) {
              error.value = errorMessage(failure);
            } finally {
              busy.value = false;
            }
          }}
        >
          <TextField label="Name" value={name.value} onValue={(value) => (name.value = value)} autoComplete="off" focusOnMount />
          <UserPicker
            label="Members"
            candidates={others}
            picked={picked.value}
            onChange={(next) => (picked.value = next)}
            query={query.value}
            onQuery={(value) => (query.value = value)}
          />
          <p class="field-message">Only members see the channel. Anyone in it can add people later.</p>
          <FormError message={error.value} />
          <div class="dialog-actions">
            <Button variant="secondary" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" busy={busy.value} busyLabel="Creating…">
              Create channel
            </Button>
          </div>
        </form>
      )}
    </Dialog>
  );
}

export function NewDirectMessageDialog({ onClose }: { onClose: () => void }) {
  const picked = useSignal<UserSummary[]>([]);
  const query = useSignal('');
  const busy = useSignal(false);
  const error = useSignal<string | null>(null);
  const everyone = [...users.value.values()];

  return (
    <Dialog title="New direct message" onClose={onClose}>
      {(close) => (
        <form
          class="form"
          noValidate
          onSubmit={async (event) => {
            event.preventDefault();
            if (busy.value) return;
            const names = namesOf(picked.value, query.value);
            error.value = names.length === 0 ? 'Pick at least one person.' : null;
            if (names.length === 0) return;
            busy.value = true;
            try {
              await openDirectMessage(names);
              close();
            } catch (failure) {
              error.value = errorMessage(failure);
            } finally {
              busy.value = false;
            }
          }}
        >
          <UserPicker
            label="People"
            candidates={everyone}
            picked={picked.value}
            onChange={(next) => (picked.value = next)}
            query={query.value}
            onQuery={(value) => (query.value = value)}
            describe={(user) => (user.id === me.value ? `${user.username} (you)` : user.username)}
            focusOnMount
          />
          <FormError message={error.value} />
          <div class="dialog-actions">
            <Button variant="secondary" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" busy={busy.value} busyLabel="Opening…">
              Start conversation
            </Button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
