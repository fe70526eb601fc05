import { describe, expect, it } from 'vitest';
import { ConfigError } from './config-error.js';
import { buildSettings } from './load-config.js';
import { parseFlags } from './parse-flags.js';

const settingsFrom = (argv: string[], file: Record<string, unknown> = {}, env: NodeJS.ProcessEnv = {}) =>
  buildSettings(file, parseFlags(argv).settings, env);

describe('link preview settings', () => {
  it('are on with an empty allowlist by default', () => {
    expect(settingsFrom([])).toMatchObject({ link_previews: true, preview_allow_hosts: [] });
    expect(settingsFrom(['--no-link-previews']).link_previews).toBe(false);
  });

  it('read the allowlist as a list in settings.json and comma-separated elsewhere', () => {
    expect(settingsFrom([], { preview_allow_hosts: ['git.lan:7990', '10.0.0.5', '[fd00::5]:443'] }).preview_allow_hosts).toEqual(['git.lan:7990', '10.0.0.5', '[fd00::5]:443']);
    expect(settingsFrom([], {}, { MINIMOST_PREVIEW_ALLOW_HOSTS: 'git.lan, 127.0.0.1:18099' }).preview_allow_hosts).toEqual(['git.lan', '127.0.0.1:18099']);
    expect(settingsFrom(['--preview-allow-hosts', '']).preview_allow_hosts).toEqual([]);
  });

  it('refuse entries that are not hosts', () => {
    for (const bad of [['http://git.lan'], ['git.lan/path'], ['Git.LAN'], ['git.lan:port'], ['*.lan'], ['a', 'a'], [42]]) {
      expect(() => settingsFrom([], { preview_allow_hosts: bad }), JSON.stringify(bad)).toThrow(ConfigError);
    }
    expect(() => settingsFrom([], { preview_allow_hosts: ['http://x'] })).toThrow(/preview_allow_hosts.*host names or addresses/);
  });
});
