// One polite live region for the whole app: screen readers speak what is put here (a new message in the open
// conversation, "Message copied") when the person pauses, without moving focus.
import { signal } from '@preact/signals';

const announcement = signal<{ text: string; nonce: number }>({ text: '', nonce: 0 });

export function announce(text: string): void {
  announcement.value = { text, nonce: announcement.value.nonce + 1 };
}

export function LiveRegion() {
  const { text, nonce } = announcement.value;
  // Keyed by the nonce so the same words twice are a new node, which screen readers announce again.
  return (
    // aria-live without role="status": the connection banner is the page's status; this only speaks.
    <div class="visually-hidden live-region" aria-live="polite" aria-atomic="true">
      <span key={nonce}>{text}</span>
    </div>
  );
}
