import { useSignal } from '@preact/signals';
import { errorMessage } from '../auth/error-message.js';

/** Runs a dialog's action: busy while it runs, closes on success, shows the server's message on failure. */
export function useAction() {
  const busy = useSignal(false);
  const error = useSignal<string | null>(null);
  const run = async (action: () => Promise<void>, close: () => void) => {
    if (busy.value) return;
    busy.value = true;
    error.value = null;
    try {
      await action();
      close();
    } catch (failure) {
      error.value = errorMessage(failure);
    } finally {
      busy.value = false;
    }
  };
  return { busy, error, run };
}
