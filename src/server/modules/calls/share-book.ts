// Screens shared without a call: one sharer's tab, and the tabs of the viewers who asked to watch. Pure state like
// the call book; the calls service checks access and announces.
import { randomUUID } from 'node:crypto';
import type { ScreenShare } from '../../../shared/protocol/calls.js';
import { AppError } from '../../lib/app-error.js';

export interface ShareRecord {
  id: string;
  conversationId: number;
  sharerId: number;
  sharerConnection: number;
  /** Viewer → the tab watching. */
  viewers: Map<number, number>;
}

export function createShareBook(newId: () => string = randomUUID) {
  const shares = new Map<string, ShareRecord>();

  function find(shareId: string): ShareRecord {
    const share = shares.get(shareId);
    if (!share) throw new AppError('NOT_FOUND', 'That screen share is over.');
    return share;
  }

  return {
    get: (shareId: string) => shares.get(shareId) ?? null,
    all: () => [...shares.values()],

    /** One share per person per conversation: starting again from another tab replaces nothing, it is refused. */
    start(conversationId: number, sharerId: number, connectionId: number): ShareRecord {
      for (const share of shares.values()) {
        if (share.conversationId === conversationId && share.sharerId === sharerId) {
          if (share.sharerConnection === connectionId) return share;
          throw new AppError('CALL_BUSY', 'You are already sharing your screen here from another tab.');
        }
      }
      const share: ShareRecord = { id: newId(), conversationId, sharerId, sharerConnection: connectionId, viewers: new Map() };
      shares.set(share.id, share);
      return share;
    },

    watch(shareId: string, viewerId: number, connectionId: number): ShareRecord {
      const share = find(shareId);
      if (viewerId === share.sharerId) throw new AppError('BAD_REQUEST', 'That is your own screen.');
      share.viewers.set(viewerId, connectionId);
      return share;
    },

    unwatch(shareId: string, viewerId: number, connectionId: number): ShareRecord | null {
      const share = shares.get(shareId);
      if (!share || share.viewers.get(viewerId) !== connectionId) return null;
      share.viewers.delete(viewerId);
      return share;
    },

    /** Only the sharer stops a share; null if it was already over. */
    stop(shareId: string, sharerId: number): ShareRecord | null {
      const share = shares.get(shareId);
      if (!share) return null;
      if (share.sharerId !== sharerId) throw new AppError('FORBIDDEN', 'Only the person sharing can stop the share.');
      shares.delete(shareId);
      return share;
    },

    /** Signals go between the sharer's tab and a viewer's tab only; the answer is the tab to deliver to. */
    route(shareId: string, fromUserId: number, connectionId: number, toUserId: number): number {
      const share = find(shareId);
      if (fromUserId === share.sharerId && connectionId === share.sharerConnection) {
        const viewer = share.viewers.get(toUserId);
        if (viewer !== undefined) return viewer;
      } else if (share.viewers.get(fromUserId) === connectionId && toUserId === share.sharerId) {
        return share.sharerConnection;
      }
      throw new AppError('NOT_FOUND', 'That person is not in this screen share.');
    },

    /** A closed tab: its own shares end, and it stops watching others'. */
    dropConnection(connectionId: number): { ended: ShareRecord[]; changed: ShareRecord[] } {
      const ended: ShareRecord[] = [];
      const changed: ShareRecord[] = [];
      for (const share of [...shares.values()]) {
        if (share.sharerConnection === connectionId) {
          shares.delete(share.id);
          ended.push(share);
          continue;
        }
        for (const [viewer, connection] of share.viewers) {
          if (connection === connectionId) {
            share.viewers.delete(viewer);
            changed.push(share);
          }
        }
      }
      return { ended, changed };
    },

    endAll(): ShareRecord[] {
      const all = [...shares.values()];
      shares.clear();
      return all;
    },
  };
}

export function presentShare(share: ShareRecord): ScreenShare {
  return { id: share.id, conversationId: share.conversationId, sharerId: share.sharerId, viewerIds: [...share.viewers.keys()] };
}
