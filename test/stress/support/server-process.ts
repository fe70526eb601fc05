import { readFileSync, readdirSync, readlinkSync } from 'node:fs';
import net from 'node:net';
import { startCliServer, type RunningServer } from '../../support/cli.js';

/** A loopback port free right now, so a restarted server comes back at the same address. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

export interface ServerProcess extends RunningServer {
  pid: number;
  /** SIGKILL: no shutdown code runs, as when power is cut or the OOM killer strikes. */
  kill9(): Promise<void>;
  exited: Promise<number | null>;
}

/** The built `minimost` on 127.0.0.1:`port` over plain HTTP, with its data in `dataDir`. */
export async function startServerProcess(dataDir: string, port: number, env: Record<string, string> = {}): Promise<ServerProcess> {
  const running = await startCliServer(['--data-dir', dataDir, '--http', '--host', '127.0.0.1', '--port', String(port), '--no-stun'], env);
  const { child } = running;
  const exited = child.exitCode !== null ? Promise.resolve(child.exitCode) : new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    ...running,
    pid: child.pid ?? 0,
    exited,
    async kill9() {
      child.kill('SIGKILL');
      await exited;
    },
  };
}

/** Open file descriptors of a process, by kind (socket, file, pipe, anon_inode…). */
export function openFds(pid: number): { total: number; byKind: Record<string, number> } {
  const byKind: Record<string, number> = {};
  const entries = readdirSync(`/proc/${pid}/fd`);
  for (const fd of entries) {
    let target = '';
    try {
      target = readlinkSync(`/proc/${pid}/fd/${fd}`);
    } catch {
      continue; // closed meanwhile
    }
    const kind = /^(\w+):/.exec(target)?.[1] ?? 'file';
    byKind[kind] = (byKind[kind] ?? 0) + 1;
  }
  return { total: entries.length, byKind };
}

/** How many descriptors of a process have `file` open (a database opened by two connections counts twice). */
export function openCount(pid: number, file: string): number {
  let count = 0;
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      if (readlinkSync(`/proc/${pid}/fd/${fd}`) === file) count++;
    } catch {
      // closed meanwhile
    }
  }
  return count;
}

export function rssBytes(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(match?.[1] ?? 0) * 1024;
}

function cpuTicks(pid: number): number {
  // utime and stime are fields 14 and 15; the command name (field 2) may hold spaces, so count from its ")".
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

function machineTicks(): { busy: number; total: number } {
  const cpu = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').split(/\s+/).slice(1).map(Number);
  const total = cpu.reduce((a, b) => a + b, 0);
  const idle = (cpu[3] ?? 0) + (cpu[4] ?? 0);
  return { busy: total - idle, total };
}

/**
 * How busy the machine was with other work between two calls, in percent of one core: a shared test machine can
 * starve the server, and its event-loop figures only mean something next to this one.
 */
export function otherCpuSampler(pids: readonly number[]): () => number {
  const cores = readFileSync('/proc/cpuinfo', 'utf8').split('\n').filter((line) => line.startsWith('processor')).length || 1;
  const ticksOf = (pid: number) => {
    try {
      return cpuTicks(pid);
    } catch {
      return 0; // exited
    }
  };
  const ours = () => pids.reduce((sum, pid) => sum + ticksOf(pid), 0);
  let last = { machine: machineTicks(), ours: ours() };
  return () => {
    const now = { machine: machineTicks(), ours: ours() };
    const total = now.machine.total - last.machine.total;
    const others = now.machine.busy - last.machine.busy - (now.ours - last.ours);
    last = now;
    return total > 0 ? Math.max(0, (others / total) * cores * 100) : 0;
  };
}
