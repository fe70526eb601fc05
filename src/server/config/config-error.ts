/** A configuration problem, reported as one line naming the bad key and what it expects. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}
