import type { Clock } from '../../lib/clock.js';
import type { RemovalResult, RetentionStore } from './retention.store.js';

export const DAY_MS = 86_400_000;
export const MIB = 1024 * 1024;
/** Messages removed per transaction, so the server's other writes never wait long. */
const BATCH = 200;
/** Measure, remove, measure again: the estimate of how much to remove is checked against the real size. */
const MAX_CAP_PASSES = 6;
/** How far below the next-heaviest author one author is trimmed before the turn passes (fewer, larger batches). */
const TURN_SLACK_BYTES = 64 * 1024;

export interface RetentionPolicy {
  message_retention_days: number;
  max_database_mb: number;
  /** Files sent with messages: absent (as 0) where only messages matter. */
  attachment_retention_days?: number;
  max_uploads_mb?: number;
}

/** What retention needs of the files sent with messages (modules/uploads). */
export interface AttachmentRetention {
  /** Removes files nobody can reach any more (those of messages just removed, uploads never sent); returns how many. */
  sweep(): Promise<number>;
  expireBefore(cutoff: number): Promise<AttachmentRemovalReport>;
  capTo(limitBytes: number): Promise<{ beforeBytes: number; afterBytes: number; removal: AttachmentRemovalReport }>;
}

export interface AttachmentRemovalReport {
  files: number;
  bytes: number;
  byUser: { userId: number; files: number; bytes: number }[];
}

export interface FileRemoval {
  userId: number;
  username: string;
  files: number;
  bytes: number;
}

export interface UserRemoval {
  userId: number | null;
  username: string;
  messages: number;
  bytes: number;
}

export interface RetentionReport {
  ranAt: number;
  /** Removal by age; null when `message_retention_days` is 0. */
  age: { days: number; cutoff: number; removed: number } | null;
  /** Removal to stay under `max_database_mb`; null when it is 0. Sizes are bytes in use inside the database. */
  cap: { limitBytes: number; beforeBytes: number; afterBytes: number; removed: number; byUser: UserRemoval[] } | null;
  /** Files removed by age; null when `attachment_retention_days` is 0 (or files are not wired, as in unit tests). */
  fileAge?: { days: number; cutoff: number; removed: number; bytes: number } | null;
  /** Files removed to stay under `max_uploads_mb`; null when it is 0. Sizes are the files' bytes. */
  fileCap?: { limitBytes: number; beforeBytes: number; afterBytes: number; removed: number; byUser: FileRemoval[] } | null;
}

/**
 * Applies the retention settings: messages older than `message_retention_days` go, then, while the database holds
 * more than `max_database_mb`, the oldest messages of whoever stores the most bytes go first — trimmed to the level
 * of the next-heaviest, then both in turn — so one person's flood cannot push everyone else's history out.
 * Removal is for good (search forgets them too); no events are sent, as this is old history clients reload by page.
 */
export function createRetentionService(deps: {
  store: RetentionStore;
  clock: Clock;
  /** Read at every run, so edits to settings.json apply from the next run without a restart. */
  policy: () => RetentionPolicy;
  users: { listUsers(): Promise<{ id: number; username: string }[]> };
  attachments?: AttachmentRetention;
}) {
  const { store, clock } = deps;

  async function removeOlderThan(cutoff: number): Promise<number> {
    let removed = 0;
    let after = null;
    for (;;) {
      const page = await store.listCreatedBefore(cutoff, after, BATCH);
      if (page.length === 0) return removed;
      removed += (await store.removeMessages(page.map((m) => m.id), clock.now())).removed;
      after = page[page.length - 1] ?? null;
    }
  }

  /** Removes about `target` bytes, fairly: always from the author who stores the most. */
  async function evictFairly(target: number, tally: Map<number | null, { messages: number; bytes: number }>): Promise<number> {
    const stored = new Map((await store.storedBytesByAuthor()).map((a) => [a.authorId, a.bytes]));
    const cursors = new Map<number | null, number>();
    let freed = 0;
    while (freed < target && stored.size > 0) {
      const ranked = [...stored].sort((a, b) => b[1] - a[1]);
      const [author, bytes] = ranked[0] as [number | null, number];
      const floor = Math.max(0, (ranked[1]?.[1] ?? 0) - TURN_SLACK_BYTES);
      const page = await store.listOldestByAuthor(author, cursors.get(author) ?? 0, BATCH);
      if (page.length === 0) {
        stored.delete(author); // nothing more of theirs can go (placeholders replies still point at)
        continue;
      }
      const ids: number[] = [];
      let taking = 0;
      for (const message of page) {
        ids.push(message.id);
        taking += message.bytes;
        if (freed + taking >= target || bytes - taking < floor) break;
      }
      cursors.set(author, ids[ids.length - 1] as number);
      const result = await store.removeMessages(ids, clock.now());
      stored.set(author, bytes - taking);
      freed += result.bytes;
      addTo(tally, result);
    }
    return freed;
  }

  async function enforceCap(limitBytes: number): Promise<NonNullable<RetentionReport['cap']>> {
    const tally = new Map<number | null, { messages: number; bytes: number }>();
    const beforeBytes = (await store.measure()).usedBytes;
    let used = beforeBytes;
    for (let pass = 0; pass < MAX_CAP_PASSES && used > limitBytes; pass++) {
      const authors = await store.storedBytesByAuthor();
      const counted = authors.reduce((sum, a) => sum + a.bytes, 0);
      if (counted === 0) break;
      // Our per-message bytes and the pages they occupy differ by a factor (indexes, search, page slack): scale the
      // excess by it. Everything in use is treated as message-related, so this errs towards removing too little,
      // and the next pass measures again.
      const target = Math.ceil(((used - limitBytes) * counted) / used);
      if ((await evictFairly(target, tally)) === 0) break;
      used = (await store.measure()).usedBytes;
    }
    const names = new Map((await deps.users.listUsers()).map((u) => [u.id, u.username]));
    const byUser = [...tally]
      .map(([userId, t]) => ({ userId, username: userId === null ? 'MiniMost (system notices)' : (names.get(userId) ?? `#${userId}`), ...t }))
      .sort((a, b) => b.bytes - a.bytes);
    return { limitBytes, beforeBytes, afterBytes: used, removed: byUser.reduce((sum, u) => sum + u.messages, 0), byUser };
  }

  let running: Promise<RetentionReport> | null = null;

  async function runNow(): Promise<RetentionReport> {
    const policy = deps.policy();
    const ranAt = clock.now();
    const days = policy.message_retention_days;
    const age = days > 0 ? { days, cutoff: ranAt - days * DAY_MS, removed: 0 } : null;
    if (age) age.removed = await removeOlderThan(age.cutoff);
    const cap = policy.max_database_mb > 0 ? await enforceCap(policy.max_database_mb * MIB) : null;
    const files = deps.attachments ? await applyToFiles(deps.attachments, policy, ranAt) : {};
    await store.recordRun('retention', ranAt);
    return { ranAt, age, cap, ...files };
  }

  /** After the messages: the files of removed messages go, then files by age, then by the uploads cap. */
  async function applyToFiles(attachments: AttachmentRetention, policy: RetentionPolicy, ranAt: number): Promise<Pick<RetentionReport, 'fileAge' | 'fileCap'>> {
    await attachments.sweep();
    const days = policy.attachment_retention_days ?? 0;
    let fileAge: RetentionReport['fileAge'] = null;
    if (days > 0) {
      const cutoff = ranAt - days * DAY_MS;
      const removal = await attachments.expireBefore(cutoff);
      fileAge = { days, cutoff, removed: removal.files, bytes: removal.bytes };
    }
    let fileCap: RetentionReport['fileCap'] = null;
    const capMb = policy.max_uploads_mb ?? 0;
    if (capMb > 0) {
      const limitBytes = capMb * MIB;
      const { beforeBytes, afterBytes, removal } = await attachments.capTo(limitBytes);
      const names = new Map((await deps.users.listUsers()).map((u) => [u.id, u.username]));
      const byUser = removal.byUser.map((u) => ({ ...u, username: names.get(u.userId) ?? `#${u.userId}` }));
      fileCap = { limitBytes, beforeBytes, afterBytes, removed: removal.files, byUser };
    }
    return { fileAge, fileCap };
  }

  return {
    /** Runs now (`minimost clean`, or the daily job); a run already under way is joined rather than doubled. */
    run(): Promise<RetentionReport> {
      running ??= runNow().finally(() => {
        running = null;
      });
      return running;
    },
    /** Resolves once no run is under way (the server waits for it before closing the database). */
    async settled(): Promise<void> {
      await running?.catch(() => undefined);
    },
    /** Runs when the last run (by this server or `minimost clean`) is a day old or more; null when not due. */
    async runIfDue(): Promise<RetentionReport | null> {
      const last = await store.lastRunAt('retention');
      if (last !== null && clock.now() - last < DAY_MS) return null;
      return this.run();
    },
  };
}

function addTo(tally: Map<number | null, { messages: number; bytes: number }>, result: RemovalResult): void {
  for (const { authorId, messages, bytes } of result.byAuthor) {
    const entry = tally.get(authorId) ?? { messages: 0, bytes: 0 };
    entry.messages += messages;
    entry.bytes += bytes;
    tally.set(authorId, entry);
  }
}

export type RetentionService = ReturnType<typeof createRetentionService>;
