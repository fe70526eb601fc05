import type { ComponentChildren } from 'preact';
import { useEffect, useId, useRef } from 'preact/hooks';

/**
 * A modal `<dialog>`: the browser traps focus, closes it on Escape and returns focus to the opener, which a
 * hand-made overlay would have to reimplement. Mount it to open it; `onClose` runs however it closes, and the
 * parent unmounts it then. `children` gets a `close` function for Cancel buttons and finished forms.
 */
export function Dialog({ title, onClose, children, wide = false }: { title: string; onClose: () => void; children: (close: () => void) => ComponentChildren; wide?: boolean }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    dialog.current?.showModal();
  }, []);
  const close = () => dialog.current?.close();
  return (
    <dialog ref={dialog} class={`dialog${wide ? ' dialog-wide' : ''}`} aria-labelledby={titleId} onClose={onClose}>
      <h2 id={titleId} class="dialog-title">
        {title}
      </h2>
      {children(close)}
    </dialog>
  );
}
