import { setTimeout as sleep } from 'node:timers/promises';
import type { ChatUser } from './chat-user.js';
import { created, type WsClient } from './ws-client.js';

/**
 * Median time from `sender` posting to `watcher`'s tab receiving, over `count` messages sent one by one, `gapMs`
 * apart (so that the measure spans `count × gapMs` of whatever else is going on, not a fraction of a second).
 */
export async function medianDeliveryMs(sender: ChatUser, watcher: WsClient, conversationId: number, count: number, gapMs = 0): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    if (i > 0 && gapMs > 0) await sleep(gapMs);
    const started = performance.now();
    const message = await sender.send(conversationId, `timing ${i}`);
    await watcher.waitFor(created(message.id), 5_000);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? 0;
}
