import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync, renameSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from './config-error.js';
import { SETTINGS, defaultSettings, envName } from './settings-table.js';
import { validateSetting } from './validate-setting.js';

export interface Settings {
  host: string;
  port: number;
  http: boolean;
  tls_cert: string;
  tls_key: string;
  public_url: string;
  trust_proxy: boolean;
  stun: boolean;
  stun_port: number;
  call_ring_seconds: number;
  password_min_length: number;
  login_max_failures: number;
  login_lockout_minutes: number;
  login_failure_delay_ms: number;
  login_rate_limit_per_minute: number;
  signup_rate_limit_per_minute: number;
  message_rate_limit_per_minute: number;
  reaction_rate_limit_per_minute: number;
  upload_rate_limit_per_minute: number;
  max_sockets_per_user: number;
  refusal_delay_ms: number;
  request_timeout_seconds: number;
  session_idle_minutes: number;
  channels: string[];
  signup: 'open' | 'closed';
  message_retention_days: number;
  max_database_mb: number;
  max_upload_mb: number;
  attachment_retention_days: number;
  max_uploads_mb: number;
  log_level: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  durability: 'full' | 'normal';
  metrics_token: string;
  link_previews: boolean;
  preview_allow_hosts: string[];
}

export interface Config {
  dataDir: string;
  settings: Settings;
}

export const SETTINGS_FILE = 'settings.json';
export const DEFAULT_DATA_DIR = './minimost-data';

export function resolveDataDir(flag: string | undefined, env: NodeJS.ProcessEnv): string {
  return path.resolve(flag ?? env.MINIMOST_DATA_DIR ?? DEFAULT_DATA_DIR);
}

/** Creates the data folder private to the account that runs MiniMost (0700), tightening it if it exists. */
export function ensureDataDir(dataDir: string): void {
  if (existsSync(dataDir) && !statSync(dataDir).isDirectory()) {
    throw new ConfigError(`data folder ${dataDir} exists but is not a folder`);
  }
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if ((statSync(dataDir).mode & 0o077) !== 0) chmodSync(dataDir, 0o700);
}

/** Reads settings.json; writes one with every default on first start so admins see what they can change. */
export function readSettingsFile(dataDir: string, create: boolean): Record<string, unknown> {
  const file = path.join(dataDir, SETTINGS_FILE);
  if (!existsSync(file)) {
    if (!create) return {};
    const tmp = `${file}.tmp`;
    writeFileSync(tmp, `${JSON.stringify(defaultSettings(), null, 2)}\n`, { mode: 0o600 });
    renameSync(tmp, file);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ConfigError(`${file} is not valid JSON: ${(err as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ConfigError(`${file} must hold a JSON object of settings`);
  }
  return parsed as Record<string, unknown>;
}

/** Later sources win: defaults < settings.json < environment < command-line flags. */
export function buildSettings(
  file: Record<string, unknown>,
  flags: ReadonlyMap<string, string>,
  env: NodeJS.ProcessEnv,
): Settings {
  const known = new Set(SETTINGS.map((s) => s.key));
  for (const key of Object.keys(file)) {
    if (!known.has(key)) throw new ConfigError(`unknown setting "${key}" in settings.json (see minimost --help)`);
  }
  const out: Record<string, unknown> = {};
  for (const spec of SETTINGS) {
    let value = spec.default;
    if (spec.key in file) value = validateSetting(spec, file[spec.key], 'settings.json');
    const fromEnv = env[envName(spec.key)];
    if (fromEnv !== undefined) value = validateSetting(spec, fromEnv, 'env');
    const fromFlag = flags.get(spec.key);
    if (fromFlag !== undefined) value = validateSetting(spec, fromFlag, 'flag');
    out[spec.key] = value;
  }
  const settings = out as unknown as Settings;
  if ((settings.tls_cert === '') !== (settings.tls_key === '')) {
    throw new ConfigError('invalid --tls-cert/--tls-key: expected both or neither, got only one');
  }
  return settings;
}

export function loadConfig(options: {
  dataDir: string;
  flags: ReadonlyMap<string, string>;
  env: NodeJS.ProcessEnv;
  createFiles: boolean;
}): Config {
  if (options.createFiles) ensureDataDir(options.dataDir);
  const file = readSettingsFile(options.dataDir, options.createFiles);
  return { dataDir: options.dataDir, settings: buildSettings(file, options.flags, options.env) };
}
