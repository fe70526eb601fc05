// `?`: every shortcut, listed from the table the handler uses (keymap.ts), so the list cannot drift from the keys.
import { Button } from '../../ui/button.js';
import { Dialog } from '../../ui/dialog.js';
import { SHORTCUTS, type Mode } from './keymap.js';
import { enterAddsLine } from './send-key.js';
import { helpOpen, mode } from './state.js';

const MODES: { mode: Mode; title: string; note: string }[] = [
  { mode: 'normal', title: 'Anywhere but a text field', note: 'Keys never fire while you type; Esc leaves a text field first.' },
  { mode: 'visual', title: 'Visual mode (a message is selected)', note: 'The header shows -- VISUAL --.' },
];

export function KeyboardHelp() {
  if (!helpOpen.value) return null;
  const send = enterAddsLine.value ? 'Shift+Enter' : 'Enter';
  const newLine = enterAddsLine.value ? 'Enter' : 'Shift+Enter';
  const composer: [string, string][] = [
    [send, 'Send'],
    [newLine, 'New line (swap the two in Settings)'],
    ['↑', 'Edit your last message (empty composer)'],
    ['Ctrl+B, Ctrl+I, Ctrl+U, Ctrl+Shift+X', 'Bold, italic, underline, strikethrough'],
    ['@', 'Mention someone'],
    ['Esc', 'Cancel the reply, then leave the composer'],
  ];
  return (
    <Dialog title="Keyboard shortcuts" onClose={() => (helpOpen.value = false)} wide>
      {(close) => (
        <div class="keyboard-help">
          {MODES.map((section) => (
            <ShortcutTable
              key={section.mode}
              title={section.title}
              note={section.note}
              current={mode.value === section.mode}
              rows={SHORTCUTS.filter((shortcut) => shortcut.mode === section.mode).map((shortcut) => [shortcut.label, shortcut.description])}
            />
          ))}
          <ShortcutTable title="In the composer" rows={composer} />
          <p class="keyboard-help-note">
            Search is <kbd>/</kbd> or <kbd>f</kbd>: <kbd>Ctrl</kbd>+<kbd>K</kbd> is the previous conversation. <kbd>Ctrl</kbd>+<kbd>J</kbd> and{' '}
            <kbd>Ctrl</kbd>+<kbd>K</kbd> work from the composer too; in other text fields they stay the browser’s. Shortcuts with Ctrl work with ⌘ on
            a Mac; no shortcut uses Alt.
          </p>
          <div class="dialog-actions">
            <Button variant="secondary" onClick={close}>
              Close
            </Button>
          </div>
        </div>
      )}
    </Dialog>
  );
}

function ShortcutTable({ title, rows, note, current = false }: { title: string; rows: [string, string][]; note?: string; current?: boolean }) {
  return (
    <section class="keyboard-help-section">
      <h3 class="keyboard-help-title">
        {title}
        {current && <span class="keyboard-help-current"> (now)</span>}
      </h3>
      {note && <p class="keyboard-help-note">{note}</p>}
      <table class="keyboard-help-table">
        <thead class="visually-hidden">
          <tr>
            <th scope="col">Key</th>
            <th scope="col">Action</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([keys, description]) => (
            <tr key={keys + description}>
              <td>
                <kbd>{keys}</kbd>
              </td>
              <td>{description}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
