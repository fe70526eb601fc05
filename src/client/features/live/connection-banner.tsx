import { connection } from './state.js';

/** Shown while the live connection is lost; inserted (not just filled) so screen readers announce it. */
export function ConnectionBanner() {
  if (connection.value !== 'reconnecting') return null;
  return (
    <div role="status" class="connection-banner">
      <span class="spinner" aria-hidden="true" />
      Reconnecting…
    </div>
  );
}
