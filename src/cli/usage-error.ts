/** The command line is wrong: reported as one line, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** Reads a `--<name> MINUTES` option: a whole number from 1 to `max`. */
export function minutesOption(extra: ReadonlyMap<string, string>, name: string, fallback: number, max: number): number {
  const text = extra.get(name) ?? String(fallback);
  const minutes = Number(text);
  if (!/^\d+$/.test(text) || minutes < 1 || minutes > max) {
    throw new UsageError(`invalid --${name}: expected minutes from 1 to ${max}, got ${JSON.stringify(text)}`);
  }
  return minutes;
}
