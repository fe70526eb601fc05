// `-- VISUAL --` in the header while a message is selected, as Vim shows its mode.
import { mode } from './state.js';

export function ModeIndicator() {
  if (mode.value !== 'visual') return null;
  return <span class="mode-indicator">-- VISUAL --</span>;
}
