/*
 * Scenario 8's model of a person using MiniMost, after Mattermost's load-test-ng "simulative" controller
 * (loadtest/control/simulcontroller/controller.go, getActionList; config/simulcontroller.sample.json;
 * config/coordinator.sample.json). Pure: the worker threads and the ramp share it, and it is unit-tested.
 * docs/PERFORMANCE.md ("Scenario 8: supported users") maps each action to its Mattermost counterpart.
 */

export const ACTIONS = [
  // [name, weight]: the weights are load-test-ng's frequencies for the action MiniMost has an equivalent of.
  ['switch conversation', 6.5219], // SwitchChannel
  ['scroll history', 1.9873], // ScrollChannel
  ['open DM', 0.9843], // OpenDirectOrGroupChannel
  ['check unread', 1], // UnreadCheck
  ['post', 1], // CreatePost (typing first)
  ['view mentions', 0.6023], // ViewGlobalThreads: the nearest "everything addressed to me" view
  ['open permalink', 0.3], // ClickPermalink
  ['reconnect', 0.144], // ReconnectWebSocket
  ['react', 0.1306], // AddReaction
  ['edit', 0.04], // EditPost
  ['search', 0.0218], // SearchPosts
  ['full reload', 0.0008], // FullReload
] as const satisfies readonly (readonly [string, number])[];

export type ActionName = (typeof ACTIONS)[number][0];

/** Requests made before the first action (sign-in page load) are recorded under this name. */
export const BOOT = 'boot';
/** Not an action: the read marker the web app sends when a message arrives in the open conversation. */
export const LIVE_READ = 'read on arrival';
export const ACTION_NAMES: readonly string[] = [...ACTIONS.map(([name]) => name), BOOT, LIVE_READ];

/** Cumulative weights, for pickWeighted. */
export function cumulative(weights: readonly number[]): Float64Array {
  const out = new Float64Array(weights.length);
  let sum = 0;
  weights.forEach((w, i) => {
    if (!(w >= 0)) throw new Error(`weight ${i} is ${w}`);
    out[i] = sum += w;
  });
  if (sum <= 0) throw new Error('weights add up to nothing');
  return out;
}

/** The index chosen by `r` in [0, 1): index i with probability weight_i / total. */
export function pickWeighted(cumulativeWeights: Float64Array, r: number): number {
  const x = r * (cumulativeWeights[cumulativeWeights.length - 1] as number);
  let lo = 0;
  let hi = cumulativeWeights.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((cumulativeWeights[mid] as number) <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** load-test-ng's MinIdleTimeMs and AvgIdleTimeMs (simulcontroller.sample.json). */
export const THINK_TIME = { minMs: 1000, avgMs: 20_000 };

/** Uniform in [min, 2·avg − min), as load-test-ng's pickIdleTimeMs: the mean is `avg`. */
export function thinkTimeMs(r: number, minMs = THINK_TIME.minMs, avgMs = THINK_TIME.avgMs): number {
  return minMs + r * 2 * (avgMs - minMs);
}

/** load-test-ng's coordinator: alerts of coordinator.sample.json, and NumUsersInc users every RestTimeSec. */
export const GATES = { p99Ms: 2000, meanMs: 100, failedPercent: 0.025, serverCpuPercent: 85 };
export const RAMP = { usersPerStep: 8, stepSeconds: 2 };

/** How a request ended: answered with 2xx, answered otherwise or failed on the connection, or no answer in time. */
export const Outcome = { Ok: 0, Error: 1, Timeout: 2 } as const;
export type Outcome = (typeof Outcome)[keyof typeof Outcome];

/**
 * Requests of the last `seconds` seconds, in one bucket per second, so the window slides without keeping old
 * samples. Latencies are kept exactly (for the p99) only for the seconds still inside the window.
 */
export class RequestWindow {
  private readonly buckets = new Map<number, { latencies: number[]; errors: number; timeouts: number }>();

  constructor(readonly seconds: number) {}

  add(atSecond: number, ms: number, outcome: Outcome): void {
    const second = Math.floor(atSecond);
    let bucket = this.buckets.get(second);
    if (!bucket) this.buckets.set(second, (bucket = { latencies: [], errors: 0, timeouts: 0 }));
    if (outcome === Outcome.Ok) bucket.latencies.push(ms);
    else if (outcome === Outcome.Error) bucket.errors++;
    else bucket.timeouts++;
  }

  /** Figures over (now − seconds, now]; drops older buckets. */
  stats(nowSecond: number): WindowStats {
    const from = Math.floor(nowSecond) - this.seconds;
    const latencies: number[] = [];
    let errors = 0;
    let timeouts = 0;
    for (const [second, bucket] of this.buckets) {
      if (second <= from) {
        this.buckets.delete(second);
        continue;
      }
      for (const ms of bucket.latencies) latencies.push(ms);
      errors += bucket.errors;
      timeouts += bucket.timeouts;
    }
    latencies.sort((a, b) => a - b);
    const answered = latencies.length;
    const requests = answered + errors + timeouts;
    // Failed requests count in the mean and the p99 as the slowest possible answer: they were not served.
    const p99 = requests === 0 ? NaN : (errors + timeouts > requests * 0.01 ? Infinity : (latencies[Math.min(answered - 1, Math.ceil(0.99 * requests) - 1)] as number));
    const mean = answered === 0 ? NaN : latencies.reduce((a, b) => a + b, 0) / answered;
    return { requests, errors, timeouts, p99Ms: p99, meanMs: mean };
  }
}

export interface WindowStats {
  requests: number;
  errors: number;
  timeouts: number;
  p99Ms: number;
  meanMs: number;
}

export interface GateResult {
  passed: boolean;
  /** The gates that broke, as sentences with the figure and the limit. */
  broken: string[];
}

/** Mattermost's health gates on one window; `serverCpuPercent` is % of one core. */
export function evaluateGates(w: WindowStats, serverCpuPercent: number, gates = GATES): GateResult {
  const broken: string[] = [];
  if (w.p99Ms > gates.p99Ms) broken.push(`p99 ${fmtMs(w.p99Ms)} > ${gates.p99Ms} ms`);
  if (w.meanMs > gates.meanMs) broken.push(`mean ${fmtMs(w.meanMs)} > ${gates.meanMs} ms`);
  const failed = w.requests === 0 ? 0 : ((w.errors + w.timeouts) / w.requests) * 100;
  if (failed > gates.failedPercent) broken.push(`errors + timeouts ${failed.toFixed(3)} % > ${gates.failedPercent} % (${w.errors} errors, ${w.timeouts} timeouts of ${w.requests})`);
  if (serverCpuPercent > gates.serverCpuPercent) broken.push(`server CPU ${Math.round(serverCpuPercent)} % > ${gates.serverCpuPercent} % of a core`);
  return { passed: broken.length === 0, broken };
}

const fmtMs = (ms: number) => (Number.isFinite(ms) ? `${ms.toFixed(1)} ms` : 'unanswered');
