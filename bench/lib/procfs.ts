import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';

/*
 * Server resource figures come from /proc rather than from inside the server, so the bench measures the real
 * process (including native memory of SQLite and sockets) without the server having to cooperate.
 */

let clockTicks: number | null = null;

function ticksPerSecond(): number {
  if (clockTicks === null) {
    try {
      clockTicks = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
    } catch {
      clockTicks = 100;
    }
  }
  return clockTicks;
}

/** User + system CPU time of a process, in seconds (fields 14 and 15 of /proc/<pid>/stat). */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may contain spaces; everything after its closing parenthesis is space-separated.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond();
}

/** Resident set size in MB (VmRSS). */
export function rssMb(pid: number): number {
  const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : NaN;
}

/** The soft "Max open files" limit of a process; each socket costs one descriptor on each side. */
export function openFileLimit(pid: number | 'self' = 'self'): number {
  const match = /^Max open files\s+(\d+|unlimited)/m.exec(readFileSync(`/proc/${pid}/limits`, 'utf8'));
  return match?.[1] === 'unlimited' ? Infinity : Number(match?.[1] ?? NaN);
}

/** Busy CPU time of the whole machine (all cores), in seconds, from the first line of /proc/stat. */
function machineBusySeconds(): number {
  const [, ...ticks] = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/).map(Number);
  // user nice system idle iowait irq softirq steal: everything but idle and iowait is work.
  const busy = ticks.slice(0, 8).reduce((sum, t, i) => (i === 3 || i === 4 ? sum : sum + (t ?? 0)), 0);
  return busy / ticksPerSecond();
}

/**
 * How busy the machine is with other work, in % of one core, measured over `ms` while the bench itself is idle.
 * On a shared machine this says whether the figures that follow mean anything.
 */
export async function otherLoadPercent(ms = 2000): Promise<number> {
  const before = machineBusySeconds();
  const bench = benchCpuSeconds();
  await new Promise((resolve) => setTimeout(resolve, ms));
  return Math.round(((machineBusySeconds() - before - (benchCpuSeconds() - bench)) / (ms / 1000)) * 100);
}

const benchCpuSeconds = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};

export interface ResourceWindow {
  /** Average CPU use over the window, in % of one core (200 % = both cores of a 2-core machine). */
  cpuPercent: number;
  /** The same for this process (the load generator) and for everything else on the machine (shared machines). */
  benchCpuPercent: number;
  otherCpuPercent: number;
  rssMaxMb: number;
  rssEndMb: number;
  seconds: number;
  /** CPU % of one core in each second (about) of the window: an average over a drain hides a saturated burst. */
  cpuPerSecond: number[];
}

/**
 * Samples a process's CPU and RSS from now until `stop()`. RSS is sampled every 200 ms so the peak is seen, not
 * just the end value.
 */
export function watchProcess(pid: number): { stop(): ResourceWindow } {
  const startedAt = performance.now();
  const cpuStart = cpuSeconds(pid);
  const benchStart = benchCpuSeconds();
  const machineStart = machineBusySeconds();
  let rssMax = rssMb(pid);
  const cpuPerSecond: number[] = [];
  let lastCpu = cpuStart;
  let lastAt = startedAt;
  const timer = setInterval(() => {
    try {
      rssMax = Math.max(rssMax, rssMb(pid));
      const now = performance.now();
      if (now - lastAt >= 1000) {
        const cpu = cpuSeconds(pid);
        cpuPerSecond.push(Math.round(((cpu - lastCpu) / (now - lastAt)) * 100_000));
        lastCpu = cpu;
        lastAt = now;
      }
    } catch {
      // The process exited; stop() reports what was seen.
    }
  }, 200);
  return {
    stop() {
      clearInterval(timer);
      const seconds = (performance.now() - startedAt) / 1000;
      const rssEnd = rssMb(pid);
      const percent = (cpu: number) => Math.round((cpu / seconds) * 100);
      const server = cpuSeconds(pid) - cpuStart;
      const bench = benchCpuSeconds() - benchStart;
      return {
        cpuPercent: percent(server),
        benchCpuPercent: percent(bench),
        otherCpuPercent: Math.max(0, percent(machineBusySeconds() - machineStart - server - bench)),
        rssMaxMb: Math.max(rssMax, rssEnd),
        rssEndMb: rssEnd,
        seconds,
        cpuPerSecond,
      };
    },
  };
}

export interface MachineInfo {
  cores: number;
  cpuModel: string;
  node: string;
  os: string;
  totalMemoryMb: number;
  loadAverage: number[];
  /** CPU used by other processes just before the run, in % of one core (see otherLoadPercent). */
  otherLoadAtStartPercent?: number;
  openFileLimit: number;
  tmpDir: string;
}

export function machineInfo(): MachineInfo {
  const cpus = os.cpus();
  return {
    cores: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    node: process.version,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    totalMemoryMb: Math.round(os.totalmem() / 1048576),
    // The machine may be shared; the load average at the start says how busy it already was.
    loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
    openFileLimit: openFileLimit(),
    tmpDir: os.tmpdir(),
  };
}
