import type { ComponentChildren, JSX } from 'preact';

type ButtonProps = Omit<JSX.ButtonHTMLAttributes<HTMLButtonElement>, 'class'> & {
  variant?: 'primary' | 'secondary' | 'ghost' | 'danger';
  /** Shows a spinner and `busyLabel`; the button stays focusable (aria-disabled) so focus is not lost meanwhile. */
  busy?: boolean;
  busyLabel?: string;
  block?: boolean;
  children: ComponentChildren;
};

export function Button({ variant = 'primary', busy = false, busyLabel, block = false, children, type = 'button', onClick, ...rest }: ButtonProps) {
  const classes = ['button', `button-${variant}`, block ? 'button-block' : '', busy ? 'is-busy' : ''].filter(Boolean).join(' ');
  return (
    <button
      {...rest}
      type={type}
      class={classes}
      aria-disabled={busy ? true : undefined}
      aria-busy={busy ? true : undefined}
      onClick={(event) => {
        if (busy) event.preventDefault();
        else onClick?.(event);
      }}
    >
      {busy && <span class="spinner" aria-hidden="true" />}
      <span>{busy && busyLabel ? busyLabel : children}</span>
    </button>
  );
}
