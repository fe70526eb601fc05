import { parseArgs } from 'node:util';

export interface BenchOptions {
  quick: boolean;
  /** Adds the 5,000-client fan-out, which needs several minutes and much of the machine. */
  large: boolean;
  /** Scenario numbers to run (1–8); null runs all. */
  only: Set<number> | null;
  /** Runs every server with --cpu-prof, writing .cpuprofile files to bench/results/profiles. */
  profile: boolean;
  /** Scenario 8: caps the ramp at this many simulated users (a shorter check than the full ramp). */
  maxUsers: number | null;
}

export const USAGE = `Usage: npm run bench [-- options]

  --quick        smoke run of about a minute: smaller N, shorter durations
  --large        also run the 5,000-client fan-out (full mode only)
  --only LIST    run only these scenarios, e.g. --only 1,4
  --profile      run the servers with --cpu-prof (profiles in bench/results/profiles; adds overhead)
  --max-users N  scenario 8: stop the ramp at N simulated users
  --help         show this help

Results: a table on stdout, and bench/results/<timestamp>.json (+ .md) with machine and parameters.
The browser timing (scenario 7b) is separate: npm run bench:browser, inside scripts/netns-run.`;

export function parseOptions(argv: string[]): BenchOptions | 'help' {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean', default: false },
      large: { type: 'boolean', default: false },
      only: { type: 'string' },
      profile: { type: 'boolean', default: false },
      'max-users': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) return 'help';
  const only = values.only === undefined ? null : new Set(values.only.split(',').map((n) => Number(n.trim())));
  if (only && [...only].some((n) => !Number.isInteger(n) || n < 1 || n > 8)) throw new Error(`--only expects scenario numbers 1–8, got "${values.only}"`);
  const maxUsers = values['max-users'] === undefined ? null : Number(values['max-users']);
  if (maxUsers !== null && !(Number.isInteger(maxUsers) && maxUsers >= 8 && maxUsers <= 10_000)) throw new Error(`--max-users expects a whole number from 8 to 10,000, got "${values['max-users']}"`);
  return { quick: values.quick ?? false, large: values.large ?? false, only, profile: values.profile ?? false, maxUsers };
}
