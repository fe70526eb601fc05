// One table describes every setting: its key in settings.json, its command-line flag, its environment variable,
// its type, range and default. The parser, the validator, `--help` and the default settings.json all read it, so
// a new setting is one new row.

export type SettingType =
  | { kind: 'int'; min: number; max: number }
  | { kind: 'bool' }
  | { kind: 'string'; pattern?: RegExp; describe?: string }
  | { kind: 'choice'; values: readonly string[] }
  | { kind: 'path' }
  | { kind: 'names'; pattern: RegExp; maxItems: number; minItems?: number; describe?: string };

export interface SettingSpec {
  key: string;
  type: SettingType;
  default: unknown;
  help: string;
  /** Written into a new settings.json; `false` for machine-specific values better left to flags. */
  persist: boolean;
}

const CHANNEL_NAME = /^[a-z0-9][a-z0-9_-]{0,79}$/;
// A host name, IPv4 address or bracketed IPv6 address, with an optional port. Linear: classes in sequence.
// eslint-disable-next-line security/detect-unsafe-regex
const ALLOWED_HOST = /^(?:\[[0-9a-f:.]{2,45}\]|[a-z0-9][a-z0-9.-]{0,252})(?::[0-9]{1,5})?$/;

export const SETTINGS: readonly SettingSpec[] = [
  { key: 'host', type: { kind: 'string', pattern: /^[0-9A-Za-z.:_-]{1,255}$/, describe: 'an IP address or host name' }, default: '0.0.0.0', help: 'address to listen on', persist: true },
  { key: 'port', type: { kind: 'int', min: 0, max: 65535 }, default: 8443, help: 'HTTPS (or HTTP with --http) port', persist: true },
  { key: 'http', type: { kind: 'bool' }, default: false, help: 'serve plain HTTP (behind a TLS reverse proxy, or for tests)', persist: true },
  { key: 'tls_cert', type: { kind: 'path' }, default: '', help: 'PEM certificate to use instead of the generated one', persist: true },
  { key: 'tls_key', type: { kind: 'path' }, default: '', help: 'PEM private key for --tls-cert', persist: true },
  // Linear: two disjoint character classes in sequence, no nested quantifiers.
  // eslint-disable-next-line security/detect-unsafe-regex
  { key: 'public_url', type: { kind: 'string', pattern: /^https?:\/\/[^\s/]+(\/[^\s]*)?$/, describe: 'a URL such as https://chat.lan:8443' }, default: '', help: 'address people use to reach MiniMost (used in reset links and Origin checks)', persist: true },
  { key: 'trust_proxy', type: { kind: 'bool' }, default: false, help: 'trust X-Forwarded-* headers from a reverse proxy', persist: true },
  { key: 'stun', type: { kind: 'bool' }, default: true, help: 'run the bundled STUN server for calls', persist: true },
  { key: 'stun_port', type: { kind: 'int', min: 0, max: 65535 }, default: 3478, help: 'UDP port of the STUN server', persist: true },
  { key: 'call_ring_seconds', type: { kind: 'int', min: 1, max: 600 }, default: 30, help: 'how long an unanswered call rings before it counts as missed', persist: true },
  { key: 'password_min_length', type: { kind: 'int', min: 8, max: 1024 }, default: 12, help: 'minimum password length', persist: true },
  { key: 'login_max_failures', type: { kind: 'int', min: 1, max: 1000 }, default: 5, help: 'consecutive failed logins before the account locks', persist: true },
  { key: 'login_lockout_minutes', type: { kind: 'int', min: 1, max: 10080 }, default: 15, help: 'how long a locked account stays locked', persist: true },
  { key: 'login_failure_delay_ms', type: { kind: 'int', min: 0, max: 10000 }, default: 3000, help: 'delay before answering a failed login', persist: true },
  { key: 'login_rate_limit_per_minute', type: { kind: 'int', min: 1, max: 100000 }, default: 20, help: 'login attempts per IP address per minute', persist: true },
  { key: 'signup_rate_limit_per_minute', type: { kind: 'int', min: 1, max: 100000 }, default: 10, help: 'sign-ups per IP address per minute', persist: true },
  { key: 'message_rate_limit_per_minute', type: { kind: 'int', min: 1, max: 1000000 }, default: 120, help: 'messages one user may send per minute', persist: true },
  { key: 'reaction_rate_limit_per_minute', type: { kind: 'int', min: 1, max: 1000000 }, default: 300, help: 'reactions one user may add or take back per minute', persist: true },
  { key: 'upload_rate_limit_per_minute', type: { kind: 'int', min: 1, max: 1000000 }, default: 60, help: 'uploads (of up to 10 files each) one user may start per minute', persist: true },
  { key: 'max_sockets_per_user', type: { kind: 'int', min: 1, max: 1000 }, default: 20, help: 'open WebSockets (browser tabs) one person may have at once', persist: true },
  { key: 'refusal_delay_ms', type: { kind: 'int', min: 0, max: 60000 }, default: 1000, help: 'how long answers are held for someone refused over and over (past a rate limit, too large, too many tabs); 0 answers at once', persist: true },
  { key: 'request_timeout_seconds', type: { kind: 'int', min: 1, max: 3600 }, default: 30, help: 'longest a client may take to send one whole request (cuts off slow-body attacks)', persist: true },
  { key: 'session_idle_minutes', type: { kind: 'int', min: 5, max: 525600 }, default: 43200, help: 'sign a session out after this long without use', persist: true },
  // FULL waits for the disk on every commit, so an acknowledged message survives a power cut; NORMAL survives a
  // crash of MiniMost but may lose the last moments of messages to a power cut, and sends faster (docs/PERFORMANCE.md).
  { key: 'durability', type: { kind: 'choice', values: ['full', 'normal'] }, default: 'full', help: '"full": a message is acknowledged once it is on disk; "normal": faster, but a power cut can lose the last acknowledged messages', persist: true },
  { key: 'channels', type: { kind: 'names', pattern: CHANNEL_NAME, maxItems: 200 }, default: ['general', 'random'], help: 'public channels, in sidebar order', persist: true },
  // Operations (docs/deployment.md). signup, the retention settings and metrics_token are read again from
  // settings.json when used, so changing them needs no restart.
  { key: 'signup', type: { kind: 'choice', values: ['open', 'closed'] }, default: 'open', help: 'whether anyone may sign up ("closed": the admin adds people with minimost users add)', persist: true },
  { key: 'message_retention_days', type: { kind: 'int', min: 0, max: 36500 }, default: 0, help: 'remove messages older than this many days (0 keeps them forever)', persist: true },
  { key: 'max_database_mb', type: { kind: 'int', min: 0, max: 100000000 }, default: 0, help: 'cap on the data the database holds, in MB; over it the heaviest senders\' oldest messages go first (0: no cap)', persist: true },
  { key: 'attachment_retention_days', type: { kind: 'int', min: 0, max: 36500 }, default: 0, help: 'remove files sent with messages after this many days, leaving a placeholder (0 keeps them forever)', persist: true },
  { key: 'max_uploads_mb', type: { kind: 'int', min: 0, max: 100000000 }, default: 0, help: 'cap on the files kept, in MB; over it the heaviest uploaders\' oldest files go first (0: no cap)', persist: true },
  { key: 'max_upload_mb', type: { kind: 'int', min: 1, max: 4096 }, default: 25, help: 'largest file one person may attach, in MB', persist: true },
  { key: 'log_level', type: { kind: 'choice', values: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] }, default: 'info', help: 'log detail on stdout ("debug" also logs every request)', persist: true },
  { key: 'metrics_token', type: { kind: 'string', pattern: /^[A-Za-z0-9._~+/=-]{16,200}$/, describe: 'at least 16 letters, digits or ._~+/=-' }, default: '', help: 'bearer token for GET /metrics from other machines (empty: this machine only)', persist: true },
  // Link previews (docs/SECURITY.md, "Link previews"): read at start.
  { key: 'link_previews', type: { kind: 'bool' }, default: true, help: 'fetch previews of links in messages (title, description, image; Bitbucket source lines)', persist: true },
  { key: 'preview_allow_hosts', type: { kind: 'names', pattern: ALLOWED_HOST, maxItems: 100, minItems: 0, describe: 'a list of lower-case host names or addresses, each optionally with :port' }, default: [], help: 'hosts on private addresses that link previews may still fetch (e.g. a LAN Bitbucket Server: "git.lan:7990")', persist: true },
];

export function flagName(key: string): string {
  return key.replace(/_/g, '-');
}

export function envName(key: string): string {
  return `MINIMOST_${key.toUpperCase()}`;
}

export function defaultSettings(): Record<string, unknown> {
  return Object.fromEntries(SETTINGS.filter((s) => s.persist).map((s) => [s.key, s.default]));
}
