// Bold, italic, underline, strike and code buttons beside the composer, for the mouse and touch screens; the keyboard
// has the shortcuts (named in each button's tooltip), so the buttons stay out of the Tab order.
import type { RefObject } from 'preact';
import { formatField, type Marker } from './shortcuts.js';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
const mod = isMac ? '⌘' : 'Ctrl+';

const BUTTONS: { marker: Marker; label: string; keys: string | null; glyph: string; class: string }[] = [
  { marker: '**', label: 'Bold', keys: `${mod}B`, glyph: 'B', class: 'is-bold' },
  { marker: '*', label: 'Italic', keys: `${mod}I`, glyph: 'I', class: 'is-italic' },
  { marker: '__', label: 'Underline', keys: `${mod}U`, glyph: 'U', class: 'is-underline' },
  { marker: '~~', label: 'Strikethrough', keys: `${mod}Shift+X`, glyph: 'S', class: 'is-strike' },
  { marker: '`', label: 'Code', keys: null, glyph: '</>', class: 'is-code' },
];

export function FormattingButtons({ field, setText }: { field: RefObject<HTMLTextAreaElement>; setText: (text: string) => void }) {
  return (
    <div class="formatting-buttons" role="toolbar" aria-label="Formatting">
      {BUTTONS.map((button) => (
        <button
          key={button.marker}
          type="button"
          tabIndex={-1}
          class={`formatting-button ${button.class}`}
          aria-label={button.label}
          title={button.keys ? `${button.label} (${button.keys})` : button.label}
          // Keeps the focus, and so the selection, in the text field.
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => {
            if (field.current) formatField(field.current, button.marker, setText);
          }}
        >
          <span aria-hidden="true">{button.glyph}</span>
        </button>
      ))}
    </div>
  );
}
