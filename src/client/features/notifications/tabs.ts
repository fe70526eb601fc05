// Several tabs of MiniMost in one browser alert once: one tab is elected with a Web Lock (held until that tab
// closes, then the next waiting tab gets it) and only it notifies and plays sounds. Tabs tell each other over a
// BroadcastChannel whether they are focused and what they show, so the elected tab, perhaps in the background,
// knows when the person is already looking at a conversation in another tab.
import { effect, signal } from '@preact/signals';
import type { Attention } from './decide.js';

interface TabState {
  focused: boolean;
  openConversationId: number | null;
}

type TabMessage = { type: 'state'; id: string; state: TabState } | { type: 'bye'; id: string } | { type: 'ask' };

const LOCK = 'minimost-alerts';
const CHANNEL = 'minimost-tabs';

/** This tab alerts for the whole browser. */
export const isAlertingTab = signal(false);

const tabId = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
const others = new Map<string, TabState>();
let mine: TabState = { focused: false, openConversationId: null };

function readMine(openConversationId: number | null): TabState {
  return { focused: document.visibilityState === 'visible' && document.hasFocus(), openConversationId };
}

/** Where the person's eyes are: the focused tab among all of this browser's MiniMost tabs, if any. */
export function attention(): Attention {
  const focusedTab = [mine, ...others.values()].find((state) => state.focused);
  return focusedTab ? { focused: true, openConversationId: focusedTab.openConversationId } : { focused: false, openConversationId: null };
}

/** Starts taking part in the election and sharing this tab's state; returns the function that leaves. */
export function startTabElection(openConversation: { readonly value: number | null }): () => void {
  const channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(CHANNEL);
  const post = (message: TabMessage) => channel?.postMessage(message);
  const share = () => {
    mine = readMine(openConversation.value);
    post({ type: 'state', id: tabId, state: mine });
  };
  if (channel) {
    channel.onmessage = (event: MessageEvent<TabMessage>) => {
      const message = event.data;
      if (message.type === 'state') others.set(message.id, message.state);
      else if (message.type === 'bye') others.delete(message.id);
      else share();
    };
  }
  const stopSharing = effect(share);
  const events = ['focus', 'blur', 'visibilitychange'] as const;
  for (const name of events) addEventListener(name, share);
  document.addEventListener('visibilitychange', share);
  const leave = () => post({ type: 'bye', id: tabId });
  addEventListener('pagehide', leave);
  post({ type: 'ask' });

  let release: (() => void) | null = null;
  const waiting = new AbortController();
  if (navigator.locks) {
    void navigator.locks
      .request(LOCK, { signal: waiting.signal }, () => {
        isAlertingTab.value = true;
        return new Promise<void>((resolve) => (release = resolve));
      })
      .catch(() => undefined);
  } else {
    // No Web Locks (very old browsers): every tab alerts rather than none.
    isAlertingTab.value = true;
  }

  return () => {
    stopSharing();
    for (const name of events) removeEventListener(name, share);
    document.removeEventListener('visibilitychange', share);
    removeEventListener('pagehide', leave);
    leave();
    channel?.close();
    others.clear();
    isAlertingTab.value = false;
    waiting.abort();
    release?.();
  };
}
