import { describe, expect, it } from 'vitest';
import { ConfigError } from './config-error.js';
import { buildSettings } from './load-config.js';
import { parseFlags } from './parse-flags.js';
import { SETTINGS, defaultSettings } from './settings-table.js';

const settingsFrom = (argv: string[], file: Record<string, unknown> = {}, env: NodeJS.ProcessEnv = {}) =>
  buildSettings(file, parseFlags(argv).settings, env);

describe('settings', () => {
  it('defaults to HTTPS on 0.0.0.0:8443 with STUN on 3478 and #general, #random', () => {
    expect(settingsFrom([])).toMatchObject({ host: '0.0.0.0', port: 8443, http: false, stun: true, stun_port: 3478, channels: ['general', 'random'] });
    expect(Object.keys(defaultSettings()).sort()).toEqual(SETTINGS.map((s) => s.key).sort());
  });

  it('lets flags win over the environment, which wins over settings.json', () => {
    expect(settingsFrom([], { port: 1 }).port).toBe(1);
    expect(settingsFrom([], { port: 1 }, { MINIMOST_PORT: '2' }).port).toBe(2);
    expect(settingsFrom(['--port', '3'], { port: 1 }, { MINIMOST_PORT: '2' }).port).toBe(3);
    expect(settingsFrom(['--port=4']).port).toBe(4);
  });

  it('reads booleans as --x / --no-x flags and words in the environment', () => {
    expect(settingsFrom(['--no-stun', '--http'])).toMatchObject({ stun: false, http: true });
    expect(settingsFrom([], {}, { MINIMOST_STUN: 'off', MINIMOST_HTTP: 'yes' })).toMatchObject({ stun: false, http: true });
    expect(() => settingsFrom([], { http: 'yes' })).toThrow('invalid "http" in settings.json: expected true or false, got "yes"');
  });

  it('reads channel lists from JSON arrays and comma-separated text', () => {
    expect(settingsFrom(['--channels', 'ops, dev'])).toMatchObject({ channels: ['ops', 'dev'] });
    expect(() => settingsFrom([], { channels: [] })).toThrow(ConfigError);
    expect(() => settingsFrom([], { channels: ['a', 'a'] })).toThrow(/must not repeat/);
  });

  it('rejects unknown keys and flags, and flags without values', () => {
    expect(() => settingsFrom([], { colour: 'blue' })).toThrow('unknown setting "colour" in settings.json');
    expect(() => parseFlags(['--colour', 'blue'])).toThrow('unknown option --colour');
    expect(() => parseFlags(['--port'])).toThrow('option --port needs a value');
    expect(() => parseFlags(['--port', '--http'])).toThrow('option --port needs a value');
  });

  it('collects positionals and subcommand options', () => {
    const parsed = parseFlags(['reset-password', 'alice', '--expires', '5', '--data-dir', '/tmp/x'], ['expires']);
    expect(parsed.positionals).toEqual(['reset-password', 'alice']);
    expect(parsed.extra.get('expires')).toBe('5');
    expect(parsed.dataDir).toBe('/tmp/x');
  });
});
