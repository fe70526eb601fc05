// Starting conversations from the sidebar: a private channel (a name and members) or a direct message (one or
// more people). Names typed but not picked are sent too, so the server's "No user named …" is what people read.
import { useSignal } from '@preact/signals';
import type { UserSummary } from '../../../shared/protocol/conversations.js';
import { Button } from '../../ui/button.js';
import { Dialog } from '../../ui/dialog.js';
import { FormError } from '../../ui/form-error.js';
import { TextField } from '../../ui/text-field.js';
import { createPrivateChannel, me, openDirectMessage, users } from './state.js';
import { useAction } from './use-action.js';
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
  const { busy, error, run } = useAction();
  const others = [...users.value.values()].filter((user) => user.id !== me.value);

  return (
    <Dialog title="New private channel" onClose={onClose}>
      {(close) => (
        <form
          class="form"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void run(() => createPrivateChannel(name.value, namesOf(picked.value, query.value)), close);
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
  const { busy, error, run } = useAction();
  const everyone = [...users.value.values()];

  return (
    <Dialog title="New direct message" onClose={onClose}>
      {(close) => (
        <form
          class="form"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            const names = namesOf(picked.value, query.value);
            if (names.length === 0) {
              error.value = 'Pick at least one person.';
              return;
            }
            void run(() => openDirectMessage(names), close);
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
