import { ConfigError } from './config-error.js';
import type { SettingSpec } from './settings-table.js';

export type SettingSource = 'settings.json' | 'flag' | 'env' | 'default';

function where(spec: SettingSpec, source: SettingSource): string {
  if (source === 'flag') return `--${spec.key.replace(/_/g, '-')}`;
  if (source === 'env') return `MINIMOST_${spec.key.toUpperCase()}`;
  return `"${spec.key}" in settings.json`;
}

function expected(spec: SettingSpec): string {
  const t = spec.type;
  switch (t.kind) {
    case 'int':
      return `a whole number from ${t.min} to ${t.max}`;
    case 'bool':
      return 'true or false';
    case 'string':
      return t.describe ?? 'a string';
    case 'choice':
      return `one of ${t.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'path':
      return 'a file path';
    case 'names':
      return t.describe ? `${t.describe} (at most ${t.maxItems})` : `a list of up to ${t.maxItems} names of lower-case letters, digits, "-" and "_" (at most 80 characters)`;
  }
}

function fail(spec: SettingSpec, source: SettingSource, raw: unknown): never {
  const got = typeof raw === 'string' ? JSON.stringify(raw) : JSON.stringify(raw) ?? String(raw);
  throw new ConfigError(`invalid ${where(spec, source)}: expected ${expected(spec)}, got ${got}`);
}

/**
 * Checks one raw value. Flags and environment variables arrive as strings and are converted; settings.json
 * values must already have the right JSON type.
 */
export function validateSetting(spec: SettingSpec, raw: unknown, source: SettingSource): unknown {
  const fromText = source === 'flag' || source === 'env';
  const t = spec.type;
  switch (t.kind) {
    case 'int': {
      const n = fromText && typeof raw === 'string' && /^-?\d+$/.test(raw.trim()) ? Number(raw) : raw;
      if (typeof n !== 'number' || !Number.isInteger(n) || n < t.min || n > t.max) fail(spec, source, raw);
      return n;
    }
    case 'bool': {
      if (typeof raw === 'boolean') return raw;
      if (fromText && typeof raw === 'string') {
        const v = raw.trim().toLowerCase();
        if (['1', 'true', 'yes', 'on'].includes(v)) return true;
        if (['0', 'false', 'no', 'off'].includes(v)) return false;
      }
      return fail(spec, source, raw);
    }
    case 'string':
      if (typeof raw !== 'string') fail(spec, source, raw);
      if (raw !== '' && t.pattern && !t.pattern.test(raw)) fail(spec, source, raw);
      return raw;
    case 'choice': {
      const value = fromText && typeof raw === 'string' ? raw.trim().toLowerCase() : raw;
      if (typeof value !== 'string' || !t.values.includes(value)) fail(spec, source, raw);
      return value;
    }
    case 'path':
      if (typeof raw !== 'string' || raw.includes('\0')) fail(spec, source, raw);
      return raw;
    case 'names': {
      const list = fromText && typeof raw === 'string' ? raw.split(',').map((s) => s.trim()).filter(Boolean) : raw;
      if (!Array.isArray(list) || list.length < (t.minItems ?? 1) || list.length > t.maxItems) fail(spec, source, raw);
      if (!list.every((n): n is string => typeof n === 'string' && t.pattern.test(n))) fail(spec, source, raw);
      if (new Set(list).size !== list.length) {
        throw new ConfigError(`invalid ${where(spec, source)}: names must not repeat, got ${JSON.stringify(list)}`);
      }
      return list;
    }
  }
}
