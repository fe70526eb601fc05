import type { PresenceOverride, PresenceStatus } from '../../../shared/protocol/conversations.js';
import type { Clock } from '../../lib/clock.js';
import type { EventBus } from '../../realtime/event-bus.js';

export type TabState = 'active' | 'idle' | 'hidden';

interface Tab {
  state: TabState;
  lastInputAt: number;
}

export interface PresenceStore {
  getPresenceOverride(userId: number): Promise<'away' | 'offline' | null>;
  setPresenceOverride(userId: number, override: 'away' | 'offline' | null): Promise<void>;
}

/** Without input for this long, an active tab counts as idle. */
export const IDLE_AFTER_MS = 5 * 60_000;

const RANK: Record<TabState, number> = { active: 3, idle: 2, hidden: 1 };

/** Status changes are gathered for this long and sent to everyone as one frame. */
export const PRESENCE_BATCH_MS = 100;

/**
 * Presence is derived from the user's open tabs: the liveliest tab wins (active > idle > hidden), no tab is
 * offline, and a manual "appear away/offline" overrides it. Kept in memory: it describes live connections.
 */
export function createPresenceService(deps: { clock: Clock; bus: EventBus; store: PresenceStore }) {
  const { clock, bus, store } = deps;
  const tabs = new Map<number, Map<number, Tab>>();
  const overrides = new Map<number, 'away' | 'offline'>();
  const published = new Map<number, PresenceStatus>();
  /** Users whose status may have changed since the last batch went out. */
  const pending = new Set<number>();
  let flushTimer: NodeJS.Timeout | null = null;
  let snapshotCache: { userId: number; status: PresenceStatus }[] | null = null;

  function compute(userId: number): PresenceStatus {
    const userTabs = tabs.get(userId);
    if (!userTabs || userTabs.size === 0) return 'offline';
    const override = overrides.get(userId);
    if (override === 'offline') return 'offline';
    if (override === 'away') return 'idle';
    let best: TabState = 'hidden';
    for (const tab of userTabs.values()) if (RANK[tab.state] > RANK[best]) best = tab.state;
    return best;
  }

  /**
   * Publishes what changed since the last batch. A status that changed and changed back within the window is not
   * sent at all. `published` (what new connections get in `hello`) moves only here, so a tab that connects between
   * batches sees the state the next batch starts from.
   */
  function flush(): void {
    flushTimer = null;
    const changes: { userId: number; status: PresenceStatus }[] = [];
    for (const userId of pending) {
      const status = compute(userId);
      // Offline is not kept in the map, so compare against it explicitly: otherwise every input from someone
      // appearing offline would broadcast "offline" to everyone again.
      if ((published.get(userId) ?? 'offline') === status) continue;
      if (status === 'offline') published.delete(userId);
      else published.set(userId, status);
      changes.push({ userId, status });
    }
    pending.clear();
    if (changes.length === 0) return;
    snapshotCache = null;
    bus.publish({ everyone: true }, { type: 'presence', changes });
  }

  function announce(userId: number): void {
    pending.add(userId);
    if (flushTimer) return;
    flushTimer = setTimeout(flush, PRESENCE_BATCH_MS);
    // Never what keeps a stopping server alive.
    flushTimer.unref();
  }

  return {
    /** The user's stored "appear away/offline" choice, read when a tab opens. */
    loadOverride: (userId: number): Promise<PresenceOverride> => store.getPresenceOverride(userId),
    connect(userId: number, tabId: number, override: PresenceOverride): void {
      if (override) overrides.set(userId, override);
      else overrides.delete(userId);
      let userTabs = tabs.get(userId);
      if (!userTabs) tabs.set(userId, (userTabs = new Map()));
      userTabs.set(tabId, { state: 'active', lastInputAt: clock.now() });
      announce(userId);
    },
    disconnect(userId: number, tabId: number): void {
      const userTabs = tabs.get(userId);
      userTabs?.delete(tabId);
      if (userTabs?.size === 0) tabs.delete(userId);
      announce(userId);
    },
    /** A tab reports input (`active`), going to the background (`hidden`) or its own idleness. */
    report(userId: number, tabId: number, state: TabState): void {
      const tab = tabs.get(userId)?.get(tabId);
      if (!tab) return;
      tab.state = state;
      if (state === 'active') tab.lastInputAt = clock.now();
      announce(userId);
    },
    async setOverride(userId: number, override: PresenceOverride): Promise<void> {
      await store.setPresenceOverride(userId, override);
      if (override) overrides.set(userId, override);
      else overrides.delete(userId);
      bus.publish({ userIds: [userId] }, { type: 'presence.override', override });
      announce(userId);
    },
    /** Turns tabs without input for IDLE_AFTER_MS idle. Run periodically by the server (and directly by tests). */
    sweep(): void {
      const cutoff = clock.now() - IDLE_AFTER_MS;
      for (const [userId, userTabs] of tabs) {
        let changed = false;
        for (const tab of userTabs.values()) {
          if (tab.state === 'active' && tab.lastInputAt <= cutoff) {
            tab.state = 'idle';
            changed = true;
          }
        }
        if (changed) announce(userId);
      }
    },
    status: compute,
    /** Everyone not offline, for a new connection's first frame. Shared between connections until it changes. */
    snapshot(): { userId: number; status: PresenceStatus }[] {
      snapshotCache ??= [...published].map(([userId, status]) => ({ userId, status }));
      return snapshotCache;
    },
    /** Sends the pending batch now (server shutdown). */
    flush(): void {
      if (flushTimer) clearTimeout(flushTimer);
      flush();
    },
    override: (userId: number): PresenceOverride => overrides.get(userId) ?? null,
  };
}

export type PresenceService = ReturnType<typeof createPresenceService>;
