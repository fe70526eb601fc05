// "alice is typing…" under the message list. Space is always reserved for it, so the list does not jump.
import { usernameOf } from '../conversations/model.js';
import { users } from '../conversations/state.js';
import { typists } from './state.js';
import { typingText, typistsIn } from './typing.js';

export function TypingLine({ conversationId }: { conversationId: number }) {
  const names = typistsIn(typists.value, conversationId, Date.now()).map((id) => usernameOf(users.value, id));
  const text = typingText(names);
  return (
    <div class="typing-line">
      {text && (
        <>
          <span class="typing-dots" aria-hidden="true">
            <span />
            <span />
            <span />
          </span>
          <span>{text}</span>
        </>
      )}
    </div>
  );
}
