import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// CI's dependency audit, judged on recorded `npm audit --omit=dev --json` outputs: no request leaves the machine.
const fixture = (name: string) => path.join(import.meta.dirname, 'fixtures', `audit-${name}.json`);

function judge(report: string): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['scripts/audit.js', '--report', report], { encoding: 'utf8', timeout: 20_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('scripts/audit.js', () => {
  it('fails on high and critical findings, naming each package, its severity and advisory', () => {
    const { code, stdout, stderr } = judge(fixture('high'));
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toEqual([
      'audit: 3 high or critical finding(s) in production dependencies:',
      '  tar (critical): Arbitrary File Creation/Overwrite via insufficient symlink protection https://github.com/advisories/GHSA-r628-mhmh-qjhw',
      '  body-parser (high): body-parser vulnerable to denial of service when url encoding is enabled https://github.com/advisories/GHSA-qwcr-r2fm-qrc7',
      '  express (high): through body-parser, path-to-regexp',
      'audit: update or replace these packages (`npm audit --omit=dev` shows the fixes available).',
    ]);
    // The low finding beside them is not listed.
    expect(stderr).not.toContain('cookie');
  });

  it('passes when nothing is high or critical', () => {
    expect(judge(fixture('moderate-only'))).toEqual({ code: 0, stdout: 'audit: production dependencies: 1 low or moderate finding(s), none high or critical.\n', stderr: '' });
    expect(judge(fixture('clean'))).toEqual({ code: 0, stdout: 'audit: production dependencies: no known vulnerabilities.\n', stderr: '' });
  });

  it('warns on one line, without failing, when the advisory endpoint refuses or cannot be reached', () => {
    const refused = judge(fixture('endpoint-405'));
    expect(refused.code).toBe(0);
    expect(refused.stderr).toBe(
      'audit: WARNING: the dependency audit could not run: the advisory endpoint answered 405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk; production dependencies were NOT checked for known vulnerabilities.\n',
    );
    const offline = judge(fixture('offline'));
    expect(offline.code).toBe(0);
    expect(offline.stderr.trim().split('\n')).toHaveLength(1);
    expect(offline.stderr).toMatch(/^audit: WARNING: the dependency audit could not run: the advisory endpoint could not be reached \(ENOTFOUND: request to .* failed/);
  });

  it('fails when npm printed no report at all', () => {
    const garbage = path.join(os.tmpdir(), `minimost-audit-${process.pid}.txt`);
    writeFileSync(garbage, 'npm error code ERESOLVE\n');
    const { code, stderr } = judge(garbage);
    rmSync(garbage);
    expect(code).toBe(1);
    expect(stderr).toBe('audit: npm audit printed no JSON report; see its output above.\n');
  });
});
