import { useEffect, useId, useRef, useState } from 'preact/hooks';

interface TextFieldProps {
  label: string;
  value: string;
  onValue: (value: string) => void;
  type?: 'text' | 'password';
  autoComplete?: string;
  /** Focus on mount. The `autofocus` attribute is ignored for elements a single-page app inserts later. */
  focusOnMount?: boolean;
  /** Short guidance under the field, announced with it. */
  hint?: string | undefined;
  /** A problem with the value; marks the field invalid and is announced with it. */
  error?: string | null | undefined;
  /** Ids of other elements describing the field (e.g. a password checklist). */
  describedBy?: string | undefined;
  onBlur?: () => void;
  /** Adds a Show/Hide button so a person can check what they typed. */
  revealable?: boolean;
}

/** A labelled input. The visible label is the accessible name, so it is exactly `label` (tests rely on that). */
export function TextField(props: TextFieldProps) {
  const { label, value, onValue, type = 'text', hint, error, revealable = false } = props;
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [revealed, setRevealed] = useState(false);

  useEffect(() => {
    if (props.focusOnMount) input.current?.focus();
  }, []);

  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [errorId, hintId, props.describedBy].filter(Boolean).join(' ') || undefined;
  const isPassword = type === 'password';

  return (
    <div class="field">
      <label class="field-label" for={id}>
        {label}
      </label>
      <div class={`field-control${error ? ' is-invalid' : ''}`}>
        <input
          ref={input}
          id={id}
          class="field-input"
          type={isPassword && !revealed ? 'password' : 'text'}
          value={value}
          onInput={(event) => onValue(event.currentTarget.value)}
          onBlur={props.onBlur}
          autoComplete={props.autoComplete}
          // Usernames and passwords are exact strings: no capitalising, correcting or spell-checking them.
          autoCapitalize="none"
          autoCorrect="off"
          spellcheck={false}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
        />
        {revealable && isPassword && (
          // Its name is the visible "Show"/"Hide" alone, never containing "password", so the field's label stays the
          // only thing on the page called "Password".
          <button type="button" class="field-reveal" aria-controls={id} onClick={() => setRevealed(!revealed)}>
            {revealed ? 'Hide' : 'Show'}
          </button>
        )}
      </div>
      {error && (
        <p id={errorId} class="field-message is-error">
          {error}
        </p>
      )}
      {hint && (
        <p id={hintId} class="field-message">
          {hint}
        </p>
      )}
    </div>
  );
}
