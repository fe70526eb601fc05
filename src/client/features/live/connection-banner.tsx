import { connection, stoppedReason } from './state.js';

/** Shown while the live connection is lost; inserted (not just filled) so screen readers announce it. */
export function ConnectionBanner() {
  if (stoppedReason.value === 'too-many-tabs') {
    return (
      <div role="alert" class="connection-banner">
        MiniMost is open in too many tabs, so this one is not updating. Close some tabs and reload this one.
      </div>
    );
  }
  if (connection.value !== 'reconnecting') return null;
  return (
    <div role="status" class="connection-banner">
      <span class="spinner" aria-hidden="true" />
      Reconnecting…
    </div>
  );
}
