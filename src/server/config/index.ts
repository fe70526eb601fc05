export { ConfigError } from './config-error.js';
export { parseFlags, type ParsedFlags } from './parse-flags.js';
export { SETTINGS, flagName, envName, defaultSettings } from './settings-table.js';
export {
  loadConfig,
  resolveDataDir,
  ensureDataDir,
  buildSettings,
  DEFAULT_DATA_DIR,
  SETTINGS_FILE,
  type Config,
  type Settings,
} from './load-config.js';
