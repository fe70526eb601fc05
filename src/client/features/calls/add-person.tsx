// "Add person" in a call: fuzzy search over the conversation's members who are not in the call; picking one rings
// them. Only members can be added, so a call never shows anyone a conversation they are not in.
import { useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import type { Call } from '../../../shared/protocol/calls.js';
import { Avatar } from '../../ui/avatar.js';
import { fuzzyFilter } from '../conversations/fuzzy.js';
import { conversations, me, users } from '../conversations/state.js';
import { inviteToCall, participantState } from './state.js';

export function AddPerson({ call, onClose }: { call: Call; onClose: () => void }) {
  const query = useSignal('');
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);
  const memberIds = conversations.value.get(call.conversationId)?.memberIds ?? [];
  const candidates = memberIds
    .filter((id) => id !== me.value && participantState(call, id) !== 'joined')
    .map((id) => users.value.get(id))
    .filter((user) => user !== undefined);
  const matches = fuzzyFilter(query.value, candidates, (user) => user.username);

  return (
    <div
      class="call-add-person"
      role="dialog"
      aria-label="Add person to the call"
      onKeyDown={(event) => {
        if (event.key === 'Escape') onClose();
      }}
    >
      <input
        ref={input}
        class="field-input"
        type="search"
        aria-label="Find a person"
        placeholder="Find a person"
        value={query.value}
        onInput={(event) => (query.value = event.currentTarget.value)}
      />
      {candidates.length === 0 ? (
        <p class="call-add-empty">Everyone in this conversation is already in the call. Add people to the channel first.</p>
      ) : (
        <ul class="call-add-list">
          {matches.map((user) => {
            const ringing = participantState(call, user.id) === 'ringing';
            return (
              <li key={user.id}>
                <button
                  type="button"
                  class="call-add-option"
                  aria-label={`Ring ${user.username}`}
                  disabled={ringing}
                  onClick={() => {
                    inviteToCall(user.id);
                    onClose();
                  }}
                >
                  <Avatar name={user.username} userId={user.id} size="sm" />
                  <span>{user.username}</span>
                  {ringing && <span class="call-add-note">ringing…</span>}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
