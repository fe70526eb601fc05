import { statSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from './config-error.js';
import { buildSettings, readSettingsFile, SETTINGS_FILE, type Settings } from './load-config.js';

/** Settings that take effect without a restart: whoever uses them asks for the current value each time. */
export const LIVE_SETTINGS = ['signup', 'message_retention_days', 'max_database_mb', 'metrics_token', 'max_upload_mb', 'attachment_retention_days', 'max_uploads_mb'] as const;

export type CurrentSettings = () => Settings;

/**
 * The settings as they are now: settings.json is read again when its modification time or size changed (one
 * `stat` per call, so callers may ask on every use), with the same flags and environment on top as at start. An
 * edit that does not validate is reported once through `onError` and the last good settings stay in force, so a
 * typo never takes a running server down. Only the LIVE_SETTINGS are meant to be read through this; the others
 * (ports, TLS…) apply at the next start.
 */
export function watchSettingsFile(options: {
  dataDir: string;
  initial: Settings;
  flags: ReadonlyMap<string, string>;
  env: NodeJS.ProcessEnv;
  /** Which changed keys took effect now, and which wait for a restart. */
  onChange?: (changes: { applied: string[]; needRestart: string[] }) => void;
  onError?: (message: string) => void;
}): CurrentSettings {
  const file = path.join(options.dataDir, SETTINGS_FILE);
  const stamp = () => {
    try {
      const stats = statSync(file);
      return `${stats.mtimeMs}:${stats.size}`;
    } catch {
      return 'missing';
    }
  };
  let current = options.initial;
  let seen = stamp();
  return () => {
    const now = stamp();
    if (now === seen) return current;
    seen = now;
    try {
      const next = buildSettings(readSettingsFile(options.dataDir, false), options.flags, options.env);
      const changed = (Object.keys(next) as (keyof Settings)[]).filter((key) => JSON.stringify(next[key]) !== JSON.stringify(current[key]));
      const live: readonly string[] = LIVE_SETTINGS;
      // Only the live keys move; the rest keep their start-up values until the next start.
      current = { ...current, ...Object.fromEntries(LIVE_SETTINGS.map((key) => [key, next[key]])) };
      if (changed.length > 0) {
        options.onChange?.({ applied: changed.filter((k) => live.includes(k)), needRestart: changed.filter((k) => !live.includes(k)) });
      }
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      options.onError?.(`${err.message}; keeping the previous settings`);
    }
    return current;
  };
}
