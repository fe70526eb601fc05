import { existsSync } from 'node:fs';
import type { ParsedFlags } from '../server/config/index.js';
import type { Command } from './command.js';
import { checkCertificates, checkDatabase, checkDisk, checkFiles, checkFolder, checkSettings, checkStunPort, type Finding } from './doctor-checks.js';
import { UsageError } from './usage-error.js';

const LABEL = { ok: 'ok  ', warn: 'WARN', fail: 'FAIL' } as const;

export function formatFindings(dataDir: string, findings: readonly Finding[]): string {
  const width = Math.max(...findings.map((f) => f.subject.length));
  const lines = [`MiniMost doctor: ${dataDir}`, ''];
  for (const f of findings) {
    lines.push(`  ${LABEL[f.status]}  ${f.subject.padEnd(width)}  ${f.detail}`);
    if (f.fix) lines.push(`        ${' '.repeat(width)}  fix: ${f.fix}`);
  }
  const failures = findings.filter((f) => f.status === 'fail').length;
  const warnings = findings.filter((f) => f.status === 'warn').length;
  lines.push('', failures === 0 ? `No problems found${warnings > 0 ? ` (${warnings} warning${warnings === 1 ? '' : 's'})` : ''}.` : `${failures} problem${failures === 1 ? '' : 's'} found.`);
  return `${lines.join('\n')}\n`;
}

/** Read-only: looks at the data folder and the machine, changes nothing. Exit 1 when a check failed. */
async function doctor(flags: ParsedFlags, dataDir: string): Promise<number> {
  if (flags.positionals.length > 1) throw new UsageError('usage: minimost doctor');
  const findings: Finding[] = checkFolder(dataDir);
  if (!existsSync(dataDir)) {
    process.stdout.write(formatFindings(dataDir, findings));
    return 1;
  }
  findings.push(...checkFiles(dataDir));
  const { finding, settings } = checkSettings(dataDir, flags.settings);
  findings.push(finding);
  const folderUsable = !findings.some((f) => f.subject === 'data folder' && f.status === 'fail' && /not a folder|belongs to/.test(f.detail));
  if (folderUsable) findings.push(...checkDatabase(dataDir));
  findings.push(checkDisk(dataDir));
  if (settings) findings.push(...checkCertificates(dataDir, settings), await checkStunPort(settings));
  process.stdout.write(formatFindings(dataDir, findings));
  return findings.some((f) => f.status === 'fail') ? 1 : 0;
}

export const doctorCommand: Command = {
  name: 'doctor',
  usage: ['doctor'],
  summary: 'check the data folder and this machine, and say how to fix what is wrong',
  details: [
    'Checks the data folder\'s and files\' permissions and owner, settings.json (with the environment and flags),',
    'the database (integrity_check, schema version), the write-ahead log\'s size, free disk space, certificate',
    'expiry, and whether the STUN port is free or used by a running MiniMost. Changes nothing. Exit code 1 when a',
    'check failed (warnings alone exit 0). Safe while MiniMost runs.',
  ],
  options: [],
  run: doctor,
};
