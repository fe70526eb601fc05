// The main area for one open conversation: its messages, who is typing, and the composer. Mounted per
// conversation (keyed by id), so switching starts each one fresh: its own scroll position and "New messages".
import { useEffect, useState } from 'preact/hooks';
import type { Conversation } from '../../../shared/protocol/conversations.js';
import { Icon } from '../../ui/icons.js';
import { isSystemConversation } from '../conversations/model.js';
import { TypingLine } from '../typing/typing-line.js';
import { Composer } from './composer.js';
import { MessageList } from './message-list.js';
import { ensureTimeline } from './state.js';
import { jumpTarget, setViewport, unreadMarker } from './view-state.js';

export function ConversationView({ conversation }: { conversation: Conversation }) {
  const id = conversation.id;
  // Opened to show one message (a search result)? Read before the list takes the jump target and clears it.
  const [opensAtMessage] = useState(() => jumpTarget.peek()?.conversationId === id);
  useEffect(() => {
    unreadMarker.value = conversation.unreadCount > 0 ? { conversationId: id, afterSeq: conversation.readSeq } : null;
    ensureTimeline(id, { atMessage: opensAtMessage });
    return () => setViewport(null, true);
  }, []);

  return (
    <div class="conversation">
      <MessageList conversation={conversation} />
      <TypingLine conversationId={id} />
      {isSystemConversation(conversation) ? (
        <p class="composer-readonly">
          <Icon name="info" />
          Only MiniMost writes here.
        </p>
      ) : (
        <Composer conversation={conversation} />
      )}
    </div>
  );
}
