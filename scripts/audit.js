// CI's dependency check: `npm audit --omit=dev` must find nothing high or critical in what ships. Where the
// registry's advisory endpoint cannot be reached (offline, a mirror that does not implement it), the audit cannot
// run at all: that is said on one warning line and does not fail the build, so the check is real wherever the
// endpoint answers. `--report <file>` judges a recorded `npm audit --json` output instead (the tests use it).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const BLOCKING = new Set(['high', 'critical']);

/** The JSON npm printed, or null when it printed none (npm itself broke: that fails the check). */
export function parseReport(text) {
  try {
    const report = JSON.parse(text);
    return report !== null && typeof report === 'object' ? report : null;
  } catch {
    return null;
  }
}

/** Why the advisory endpoint gave no report, in a few words; null when the report is a real audit. */
function endpointFailure(report) {
  if (report.vulnerabilities && typeof report.vulnerabilities === 'object') return null;
  if (typeof report.statusCode === 'number') return `the advisory endpoint answered ${report.message ?? report.statusCode}`;
  const error = report.error;
  if (error && typeof error === 'object') {
    const reason = [error.code, error.summary].filter((part) => typeof part === 'string' && part !== '').join(': ');
    return `the advisory endpoint could not be reached (${reason || 'no reason given'})`;
  }
  return null;
}

/** The advisories behind one finding: their titles and addresses, or the packages it comes through. */
function advisoriesOf(finding) {
  const via = Array.isArray(finding.via) ? finding.via : [];
  const direct = via.filter((v) => v && typeof v === 'object').map((v) => [v.title, v.url].filter(Boolean).join(' '));
  if (direct.length > 0) return [...new Set(direct)].join('; ');
  const through = via.filter((v) => typeof v === 'string');
  return through.length > 0 ? `through ${through.join(', ')}` : 'no advisory given';
}

/**
 * Decides from npm's report: `fail` on any high or critical finding (or no report at all), `warn` when the endpoint
 * could not be asked, `pass` otherwise. `lines` is what to print.
 */
export function judge(report) {
  if (report === null) return { outcome: 'fail', lines: ['audit: npm audit printed no JSON report; see its output above.'] };
  const failure = endpointFailure(report);
  if (failure !== null) {
    return { outcome: 'warn', lines: [`audit: WARNING: the dependency audit could not run: ${failure}; production dependencies were NOT checked for known vulnerabilities.`] };
  }
  if (!report.vulnerabilities || typeof report.vulnerabilities !== 'object') {
    return { outcome: 'fail', lines: ['audit: the npm audit report has no "vulnerabilities" section; cannot judge it.'] };
  }
  const blocking = Object.entries(report.vulnerabilities)
    .filter(([, finding]) => finding && BLOCKING.has(finding.severity))
    .map(([name, finding]) => ({ name: finding.name ?? name, severity: finding.severity, advisory: advisoriesOf(finding) }))
    .sort((a, b) => (a.severity === b.severity ? a.name.localeCompare(b.name) : a.severity === 'critical' ? -1 : 1));
  const total = Object.keys(report.vulnerabilities).length;
  if (blocking.length === 0) {
    const others = total === 0 ? 'no known vulnerabilities' : `${total} low or moderate finding(s), none high or critical`;
    return { outcome: 'pass', lines: [`audit: production dependencies: ${others}.`] };
  }
  return {
    outcome: 'fail',
    lines: [
      `audit: ${blocking.length} high or critical finding(s) in production dependencies:`,
      ...blocking.map((b) => `  ${b.name} (${b.severity}): ${b.advisory}`),
      'audit: update or replace these packages (`npm audit --omit=dev` shows the fixes available).',
    ],
  };
}

function main(args) {
  const from = args.indexOf('--report');
  let output;
  if (from >= 0) {
    output = readFileSync(args[from + 1] ?? '', 'utf8');
  } else {
    // npm exits non-zero both for findings and for a failed request: the JSON says which.
    const result = spawnSync('npm', ['audit', '--omit=dev', '--json'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (result.error) {
      console.error(`audit: could not start npm: ${result.error.message}`);
      return 1;
    }
    output = result.stdout;
    if (parseReport(output) === null) process.stderr.write(result.stderr);
  }
  const verdict = judge(parseReport(output));
  for (const line of verdict.lines) (verdict.outcome === 'pass' ? console.log : console.error)(line);
  return verdict.outcome === 'fail' ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) process.exit(main(process.argv.slice(2)));
