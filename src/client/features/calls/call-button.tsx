// The "Call" button in a conversation's header (DMs and private channels only).
import type { Conversation } from '../../../shared/protocol/conversations.js';
import { CallIcon } from './call-icons.js';
import { canCall } from './model.js';
import { sharing, startSharing } from './share-state.js';
import { activeCall, callError, startCall } from './state.js';

export function CallButton({ conversation }: { conversation: Conversation }) {
  if (!canCall(conversation)) return null;
  const inThisCall = activeCall.value?.conversationId === conversation.id;
  return (
    <button
      type="button"
      class="icon-button"
      aria-label="Call"
      title={inThisCall ? 'You are in this call' : 'Call'}
      disabled={inThisCall}
      onClick={() => void startCall(conversation.id)}
    >
      <CallIcon name="phone" />
    </button>
  );
}

/** "Share screen" without a call: members see "alice is sharing their screen — Watch". */
export function ShareScreenButton({ conversation }: { conversation: Conversation }) {
  if (!canCall(conversation)) return null;
  const busy = sharing.value !== null;
  return (
    <button
      type="button"
      class="icon-button"
      aria-label="Share screen"
      title={busy ? 'You are already sharing your screen' : 'Share screen'}
      disabled={busy}
      onClick={() =>
        void startSharing(conversation.id).catch(() => {
          callError.value = 'The screen could not be shared.';
        })
      }
    >
      <CallIcon name="screen" />
    </button>
  );
}
