// The Settings dialog's "This device" section: theme, which key sends, message text size. Kept per device.
import { useId } from 'preact/hooks';
import { enterAddsLine, setEnterAddsLine } from '../keyboard/send-key.js';
import { chooseTheme, themeChoice, type ThemeChoice } from './theme.js';
import { DEFAULT_TEXT_PX, MAX_TEXT_PX, messageTextPx, MIN_TEXT_PX, setMessageTextPx } from './text-size.js';

const THEMES: { value: ThemeChoice; label: string }[] = [
  { value: 'system', label: 'System' },
  { value: 'dark', label: 'Dark' },
  { value: 'light', label: 'Light' },
];

export function DeviceSection() {
  const id = useId();
  return (
    <section class="settings-section" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} class="settings-heading">
        This device
      </h3>
      <fieldset class="settings-fieldset device-choices">
        <legend class="settings-label">Theme</legend>
        {THEMES.map((theme) => (
          <label key={theme.value} class="device-choice">
            <input type="radio" name={`${id}-theme`} value={theme.value} checked={themeChoice.value === theme.value} onChange={() => chooseTheme(theme.value)} />
            {theme.label}
          </label>
        ))}
      </fieldset>
      <label class="device-choice">
        <input type="checkbox" checked={enterAddsLine.value} onChange={(event) => setEnterAddsLine(event.currentTarget.checked)} />
        Enter adds a new line; Shift+Enter sends
      </label>
      <div class="device-text-size">
        <label for={`${id}-size`} class="settings-label">
          Message text size
        </label>
        <input
          id={`${id}-size`}
          type="range"
          min={MIN_TEXT_PX}
          max={MAX_TEXT_PX}
          step={1}
          value={messageTextPx.value}
          aria-valuetext={`${messageTextPx.value} pixels`}
          onInput={(event) => setMessageTextPx(Number(event.currentTarget.value))}
        />
        <output for={`${id}-size`}>{messageTextPx.value} px</output>
        {messageTextPx.value !== DEFAULT_TEXT_PX && (
          <button type="button" class="button button-ghost" onClick={() => setMessageTextPx(DEFAULT_TEXT_PX)}>
            Reset
          </button>
        )}
      </div>
      <p class="settings-hint">Pinch the messages, or Ctrl+scroll over them, to change the text size too.</p>
    </section>
  );
}
