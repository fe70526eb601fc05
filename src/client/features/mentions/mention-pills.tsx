// For the message renderer (features/formatting): a run of plain text with its mentions drawn as pills. Text nodes
// only, never HTML. Pass it only text outside code; the renderer knows where code is.
import { me, users } from '../conversations/state.js';
import { mentionParts } from './mentions.js';

export function TextWithMentions({ text }: { text: string }) {
  const own = users.value.get(me.value)?.username.toLowerCase();
  return (
    <>
      {mentionParts(text, users.value).map((part, index) =>
        part.kind === 'text' ? (
          part.text
        ) : (
          <span key={index} class={`mention-pill${part.key === own || part.key === 'everyone' || part.key === 'here' ? ' is-me' : ''}`}>
            {part.text}
          </span>
        ),
      )}
    </>
  );
}
