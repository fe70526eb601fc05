// Changing a private channel from its header: rename it, add people, leave it.
import { useSignal } from '@preact/signals';
import type { Conversation, UserSummary } from '../../../shared/protocol/conversations.js';
import { Button } from '../../ui/button.js';
import { Dialog } from '../../ui/dialog.js';
import { FormError } from '../../ui/form-error.js';
import { TextField } from '../../ui/text-field.js';
import { namesOf } from './new-conversation-dialogs.js';
import { addPeople, leaveChannel, renameChannel, users } from './state.js';
import { useAction } from './use-action.js';
import { UserPicker } from './user-picker.js';


export function RenameChannelDialog({ conversation, onClose }: { conversation: Conversation; onClose: () => void }) {
  const name = useSignal(conversation.name ?? '');
  const { busy, error, run } = useAction();
  return (
    <Dialog title="Rename channel" onClose={onClose}>
      {(close) => (
        <form
          class="form"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void run(() => renameChannel(conversation.id, name.value), close);
          }}
        >
          <TextField label="Name" value={name.value} onValue={(value) => (name.value = value)} autoComplete="off" focusOnMount />
          <FormError message={error.value} />
          <div class="dialog-actions">
            <Button variant="secondary" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" busy={busy.value} busyLabel="Renaming…">
              Rename
            </Button>
          </div>
        </form>
      )}
    </Dialog>
  );
}

export function AddPeopleDialog({ conversation, onClose }: { conversation: Conversation; onClose: () => void }) {
  const picked = useSignal<UserSummary[]>([]);
  const query = useSignal('');
  const { busy, error, run } = useAction();
  const members = new Set(conversation.memberIds);
  const candidates = [...users.value.values()].filter((user) => !members.has(user.id));
  return (
    <Dialog title={`Add people to ${conversation.name ?? ''}`} onClose={onClose}>
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
            void run(() => addPeople(conversation.id, names), close);
          }}
        >
          <UserPicker
            label="People"
            candidates={candidates}
            picked={picked.value}
            onChange={(next) => (picked.value = next)}
            query={query.value}
            onQuery={(value) => (query.value = value)}
            focusOnMount
          />
          <p class="field-message">They will see messages from now on, not the channel’s earlier history.</p>
          <FormError message={error.value} />
          <div class="dialog-actions">
            <Button variant="secondary" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" busy={busy.value} busyLabel="Adding…">
              Add
            </Button>
          </div>
        </form>
      )}
    </Dialog>
  );
}

export function LeaveChannelDialog({ conversation, onClose }: { conversation: Conversation; onClose: () => void }) {
  const { busy, error, run } = useAction();
  return (
    <Dialog title={`Leave ${conversation.name ?? 'channel'}?`} onClose={onClose}>
      {(close) => (
        <div class="form">
          <p class="dialog-text">You will stop seeing this channel and its messages. A member can add you again later.</p>
          <FormError message={error.value} />
          <div class="dialog-actions">
            <Button variant="secondary" onClick={close}>
              Cancel
            </Button>
            <Button variant="danger" busy={busy.value} busyLabel="Leaving…" onClick={() => void run(() => leaveChannel(conversation.id), close)}>
              Leave channel
            </Button>
          </div>
        </div>
      )}
    </Dialog>
  );
}
