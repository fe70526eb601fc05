import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { MachineInfo } from './procfs.js';

export type Verdict = 'meets' | 'misses' | null;

/** One line of the table: a figure, its value as printed, and the DESIGN.md target it is judged against. */
export interface Row {
  metric: string;
  value: string;
  target?: string;
  verdict?: Verdict;
  /** A miss on a gated row (lost or duplicated deliveries) makes the run exit non-zero: the CI smoke check. */
  gate?: boolean;
}

export interface ScenarioResult {
  id: string;
  title: string;
  params: Record<string, string | number | boolean>;
  status: 'ok' | 'error' | 'not yet implemented' | 'skipped';
  rows: Row[];
  /** Raw figures (unrounded, unformatted) for the JSON file. */
  data?: Record<string, unknown>;
  notes?: string[];
  error?: string;
}

export interface BenchReport {
  startedAt: string;
  finishedAt: string;
  mode: 'quick' | 'full';
  argv: string[];
  /** Servers ran under --cpu-prof: figures are slower than usual. */
  profiled: boolean;
  machine: MachineInfo;
  scenarios: ScenarioResult[];
}

const MARK: Record<'meets' | 'misses', string> = { meets: 'ok', misses: 'MISS' };

function paramsText(params: ScenarioResult['params']): string {
  return Object.entries(params)
    .map(([k, v]) => `${k}=${typeof v === 'number' ? v.toLocaleString('en') : String(v)}`)
    .join(' ');
}

/** Rows of [scenario column, figure, value, target, verdict]; the parameters fill the scenario column's later lines. */
function cells(result: ScenarioResult): string[][] {
  const rows: Row[] =
    result.status === 'ok'
      ? result.rows
      : [{ metric: result.status, value: result.error ? result.error.split('\n')[0]?.slice(0, 60) ?? '' : '' }, ...result.rows];
  const params = paramsText(result.params);
  const left = [result.title, ...(params ? wrap(params, 44) : [])];
  const height = Math.max(rows.length, left.length);
  return Array.from({ length: height }, (_, i) => {
    const row = rows[i];
    return [left[i] ?? '', row?.metric ?? '', row?.value ?? '', row?.target ?? '', row?.verdict ? MARK[row.verdict] : ''];
  });
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + word.length + 1 > width) {
      lines.push(line);
      line = '  ';
    }
    line += (line.trim() ? ' ' : '') + word;
  }
  if (line.trim()) lines.push(line);
  return lines.map((l, i) => (i === 0 ? `  ${l}` : `  ${l.trimStart()}`));
}

export function renderTable(report: BenchReport): string {
  const header = ['scenario (parameters)', 'figure', 'value', 'target', ''];
  const blocks = report.scenarios.map(cells);
  const all = [header, ...blocks.flat()];
  const widths = header.map((_, c) => Math.max(...all.map((r) => (r[c] ?? '').length)));
  const line = (r: string[]) => r.map((cell, c) => cell.padEnd(widths[c] as number)).join('  ').trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  const m = report.machine;
  const out = [
    `MiniMost bench (${report.mode}${report.profiled ? ', servers under --cpu-prof' : ''}) ${report.startedAt}`,
    `${m.cores} cores · ${m.cpuModel} · Node ${m.node} · ${m.os} · ${m.totalMemoryMb.toLocaleString('en')} MB · load ${m.loadAverage.join(' ')}${m.otherLoadAtStartPercent === undefined ? '' : ` · other processes ${m.otherLoadAtStartPercent} % CPU at start`} · open files ${m.openFileLimit}`,
    '',
    line(header),
    rule,
  ];
  blocks.forEach((block, i) => {
    if (i > 0) out.push(rule.replace(/-/g, '·'));
    for (const r of block) out.push(line(r));
  });
  const notes = report.scenarios.flatMap((s) => (s.notes ?? []).map((n) => `- [${s.title}] ${n}`));
  if (notes.length > 0) out.push('', 'Notes:', ...notes);
  return out.join('\n');
}

/** The same figures as a Markdown table, ready to paste into docs/PERFORMANCE.md. */
export function renderMarkdown(report: BenchReport): string {
  const out = ['| scenario | parameters | figure | value | target | |', '|---|---|---|---|---|---|'];
  for (const s of report.scenarios) {
    const rows = s.status === 'ok' ? s.rows : [{ metric: s.status, value: s.error?.split('\n')[0] ?? '' }, ...s.rows];
    rows.forEach((r, i) => {
      const verdict = r.verdict ? MARK[r.verdict] : '';
      out.push(`| ${i === 0 ? s.title : ''} | ${i === 0 ? paramsText(s.params) : ''} | ${r.metric} | ${r.value} | ${r.target ?? ''} | ${verdict} |`);
    });
  }
  return out.join('\n');
}

/** Writes bench/results/<timestamp>.json (and .md); returns the JSON path. */
export function writeResults(report: BenchReport, repoRoot: string, table: string): string {
  const dir = path.join(repoRoot, 'bench/results');
  mkdirSync(dir, { recursive: true });
  const stamp = report.startedAt.replace(/[:.]/g, '-');
  const file = path.join(dir, `${stamp}.json`);
  writeFileSync(file, `${JSON.stringify({ ...report, table }, null, 2)}\n`);
  writeFileSync(file.replace(/\.json$/, '.md'), `${renderMarkdown(report)}\n`);
  return file;
}
