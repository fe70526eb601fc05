import v8 from 'node:v8';
import vm from 'node:vm';

/** V8 shrinks the young generation only at a collection that follows this much quiet (its allocation-rate window). */
const QUIET_MS = 6_000;
const ATTEMPTS = 3;
/** The young generation's size after V8 shrank it (two 1 MB semi-spaces at most). */
const SMALL_BYTES = 2 * 1024 * 1024;

function youngGenerationBytes(): number {
  return v8.getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')?.space_size ?? 0;
}

function fullCollection(): void {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed) return exposed();
  // The collector is reachable from JavaScript only through this flag, in a context made after it is set; it is
  // turned off again at once, so no other code sees a `gc` it did not ask for.
  v8.setFlagsFromString('--expose-gc');
  try {
    (vm.runInNewContext('gc') as () => void)();
  } finally {
    v8.setFlagsFromString('--no-expose-gc');
  }
}

/**
 * Gives back the memory that loading the program made V8 commit. Start-up allocates tens of megabytes that survive
 * (compiled modules, route schemas), and V8 answers by doubling its young generation up to two 16 MB semi-spaces,
 * which then stay committed though almost empty: a third of an idle server's RSS. V8 shrinks them again only in a
 * collection that follows a few quiet seconds, and nothing makes one happen in a server that sits idle. So once
 * listening, after a quiet spell, one full collection is made; if the server was busy then (the young generation
 * is still large), it is tried again later, a few times at most. A busy server keeps the large young generation
 * it benefits from: V8 grows it again as soon as allocation picks up.
 */
export function settleHeapAfterStart(): () => void {
  let attempts = 0;
  let timer: NodeJS.Timeout | null = null;
  const attempt = () => {
    attempts++;
    if (youngGenerationBytes() <= SMALL_BYTES) return;
    fullCollection();
    if (youngGenerationBytes() > SMALL_BYTES && attempts < ATTEMPTS) schedule();
  };
  const schedule = () => {
    timer = setTimeout(attempt, QUIET_MS);
    timer.unref();
  };
  schedule();
  return () => {
    if (timer) clearTimeout(timer);
  };
}
