// The "Call" button in a conversation's header (DMs and private channels only).
import type { Conversation } from '../../../shared/protocol/conversations.js';
import { CallIcon } from './call-icons.js';
import { canCall } from './model.js';
import { activeCall, startCall } from './state.js';

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
