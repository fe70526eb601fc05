import type { ServerEvent } from '../../shared/protocol/events.js';

/**
 * Who receives an event. Chosen by the domain function that caused it, which owns that decision's security.
 * `connectionIds` names single tabs: call signalling goes to the one tab that is in the call.
 */
export type Audience =
  | { userIds: Iterable<number> }
  /** Those people's tabs that show this conversation, or never said what they show (see Connection.viewing). */
  | { userIds: Iterable<number>; viewing: number }
  | { everyone: true }
  | { connectionIds: Iterable<number> };

export type EventListener = (audience: Audience, event: ServerEvent) => void;

/**
 * Carries events from domain code to whatever delivers them. In-process by default; a cross-node bus
 * (PostgreSQL LISTEN/NOTIFY, Redis) can implement the same two methods.
 */
export interface EventBus {
  publish(audience: Audience, event: ServerEvent): void;
  subscribe(listener: EventListener): () => void;
}

export function createLocalEventBus(): EventBus {
  const listeners = new Set<EventListener>();
  return {
    publish(audience, event) {
      for (const listener of listeners) listener(audience, event);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
