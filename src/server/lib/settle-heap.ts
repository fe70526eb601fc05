import v8 from 'node:v8';
import { PerformanceObserver } from 'node:perf_hooks';
import vm from 'node:vm';

/** V8 shrinks the young generation only at a collection that follows this much quiet (its allocation-rate window is 5 s). */
const QUIET_MS = 5_500;
const CHECK_MS = 500;
const ATTEMPTS = 3;
/** The young generation's size after V8 shrank it (two 1 MB semi-spaces at most). */
const SMALL_BYTES = 2 * 1024 * 1024;

function youngGenerationBytes(): number {
  return v8.getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')?.space_size ?? 0;
}

type Collect = (options: { type: 'minor' | 'major' }) => void;

function collect(type: 'minor' | 'major'): void {
  const exposed = (globalThis as { gc?: Collect }).gc;
  if (exposed) return exposed({ type });
  // The collector is reachable from JavaScript only through this flag, in a context made after it is set; it is
  // turned off again at once, so no other code sees a `gc` it did not ask for.
  v8.setFlagsFromString('--expose-gc');
  try {
    (vm.runInNewContext('gc') as Collect)({ type });
  } finally {
    v8.setFlagsFromString('--no-expose-gc');
  }
}

/**
 * Gives back the memory that loading the program made V8 commit. Start-up allocates tens of megabytes that survive
 * (compiled modules, route schemas), and V8 answers by doubling its young generation up to two 16 MB semi-spaces,
 * which then stay committed though almost empty: a third of an idle server's RSS. V8 shrinks them again only in a
 * collection that comes after some seconds with little allocation (it looks at the rate since the previous one),
 * and nothing makes one happen in a server that sits idle. So once listening, when no collection has run for a
 * quiet spell, one full collection is made; if the young generation is still large (the server was busy), this is
 * tried again later, a few times at most. A busy server keeps the large young generation it benefits from: V8
 * grows it again as soon as allocation picks up.
 */
export function settleHeapAfterStart(): () => void {
  // V8 judges the allocation rate from what was allocated since the previous collection: what loading left in the
  // young generation would count as recent. A scavenge now (a few milliseconds: nearly all of it is garbage) starts
  // the count afresh, so the full collection after the quiet spell can shrink.
  collect('minor');
  let lastCollection = performance.now();
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) lastCollection = Math.max(lastCollection, entry.startTime + entry.duration);
  });
  observer.observe({ entryTypes: ['gc'] });
  let attempts = 0;
  const stop = () => {
    clearInterval(timer);
    observer.disconnect();
  };
  const timer = setInterval(() => {
    if (youngGenerationBytes() <= SMALL_BYTES) return stop();
    if (performance.now() - lastCollection < QUIET_MS) return;
    attempts++;
    collect('major');
    lastCollection = performance.now();
    if (youngGenerationBytes() <= SMALL_BYTES || attempts >= ATTEMPTS) stop();
  }, CHECK_MS);
  timer.unref();
  return stop;
}
