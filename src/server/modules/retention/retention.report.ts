import { MIB, type RetentionReport } from './retention.service.js';

const count = (n: number) => n.toLocaleString('en');
const mb = (bytes: number) => `${(bytes / MIB).toFixed(1)} MB`;
const plural = (n: number, word: string) => `${count(n)} ${word}${n === 1 ? '' : 's'}`;

/** The report as lines for people: printed by `minimost clean`, logged by the server's daily run. */
export function describeRetention(report: RetentionReport): string[] {
  if (!report.age && !report.cap && !report.fileAge && !report.fileCap) {
    return ['Retention is off (message_retention_days, max_database_mb, attachment_retention_days and max_uploads_mb are 0): nothing removed.'];
  }
  const lines: string[] = [];
  if (report.age) {
    const before = new Date(report.age.cutoff).toISOString().slice(0, 16).replace('T', ' ');
    lines.push(`Messages older than ${plural(report.age.days, 'day')} (before ${before} UTC): ${plural(report.age.removed, 'message')} removed.`);
  }
  const cap = report.cap;
  if (cap) {
    if (cap.beforeBytes <= cap.limitBytes) {
      lines.push(`Database holds ${mb(cap.beforeBytes)}, within the ${mb(cap.limitBytes)} cap: nothing removed.`);
    } else {
      lines.push(`Database held ${mb(cap.beforeBytes)}, over the ${mb(cap.limitBytes)} cap: ${plural(cap.removed, 'message')} removed, now ${mb(cap.afterBytes)}.`);
      for (const user of cap.byUser) lines.push(`  ${user.username}: ${plural(user.messages, 'message')} (${mb(user.bytes)})`);
      if (cap.afterBytes > cap.limitBytes) lines.push('  Still over the cap: the next run removes more (if few messages are left, raise max_database_mb).');
    }
  }
  const fileAge = report.fileAge;
  if (fileAge) {
    const before = new Date(fileAge.cutoff).toISOString().slice(0, 16).replace('T', ' ');
    lines.push(`Files older than ${plural(fileAge.days, 'day')} (before ${before} UTC): ${plural(fileAge.removed, 'file')} (${mb(fileAge.bytes)}) removed.`);
  }
  const fileCap = report.fileCap;
  if (fileCap) {
    if (fileCap.beforeBytes <= fileCap.limitBytes) {
      lines.push(`Files take ${mb(fileCap.beforeBytes)}, within the ${mb(fileCap.limitBytes)} cap: nothing removed.`);
    } else {
      lines.push(`Files took ${mb(fileCap.beforeBytes)}, over the ${mb(fileCap.limitBytes)} cap: ${plural(fileCap.removed, 'file')} removed, now ${mb(fileCap.afterBytes)}.`);
      for (const user of fileCap.byUser) lines.push(`  ${user.username}: ${plural(user.files, 'file')} (${mb(user.bytes)})`);
    }
  }
  return lines;
}
