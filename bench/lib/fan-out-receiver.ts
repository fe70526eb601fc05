import { parentPort, workerData } from 'node:worker_threads';
import { dropSockets, openSockets, type Closable, type Endpoint } from './client.js';
import { monotonicMs, sendIndexOf, Stat, STAT_COUNT, type FanOutShared } from './fan-out-frames.js';
import { openRawSocket } from './raw-socket.js';
import type { SeededUser } from './seed.js';

/*
 * A receiving thread of the fan-out scenario: holds its share of the client sockets and records, per client and
 * message, how many times it arrived and when it first did, in memory shared with the scenario's thread. Several
 * of these spread the cost of reading 100,000 frames a second over the machine's cores.
 */

export interface ReceiverData {
  thread: number;
  endpoint: Endpoint;
  users: SeededUser[];
  /** Index of users[0] among all clients. */
  firstClient: number;
  concurrency: number;
  /** Stop opening sockets after this monotonicMs(). */
  deadline: number;
  shared: FanOutShared;
}

export type ReceiverReply = { type: 'opened'; opened: number; failures: number; firstError: string | null; openedClients: number[] } | { type: 'dropped' };

const data = workerData as ReceiverData;
const { shared } = data;
const counts = new Uint8Array(shared.counts);
const receivedAt = new Float64Array(shared.receivedAt);
const stats = new Float64Array(shared.stats, data.thread * STAT_COUNT * 8, STAT_COUNT);
const phase = new Int32Array(shared.phase);
const total = shared.messages;

const add = (stat: number, by = 1) => {
  stats[stat] = (stats[stat] as number) + by;
};

function onFrame(client: number, frame: Buffer): void {
  const now = monotonicMs();
  stats[Stat.LastFrameAt] = now;
  if (Atomics.load(phase, 0) === 0) {
    add(Stat.ConnectFrames);
    add(Stat.ConnectBytes, frame.length);
    return;
  }
  const index = sendIndexOf(frame);
  if (index < 0 || index >= total) {
    add(Stat.OtherFrames);
    return;
  }
  const slot = client * total + index;
  const seen = counts[slot] as number;
  counts[slot] = Math.min(255, seen + 1);
  if (seen === 0) {
    receivedAt[slot] = now;
    add(Stat.Delivered);
  } else {
    add(Stat.Duplicates);
  }
}

let sockets: (Closable | null)[] = [];
const port = parentPort;
if (port) {
  port.on('message', (message: { type: 'drop' }) => {
    if (message.type !== 'drop') return;
    dropSockets(sockets);
    port.postMessage({ type: 'dropped' } satisfies ReceiverReply);
  });
  const deadline = performance.now() + (data.deadline - monotonicMs());
  const opened = await openSockets(data.endpoint, data.users, onFrame, { concurrency: data.concurrency, deadline, offset: data.firstClient, open: openRawSocket });
  sockets = opened.sockets;
  const openedClients = sockets.flatMap((s, i) => (s ? [data.firstClient + i] : []));
  port.postMessage({ type: 'opened', opened: opened.opened, failures: opened.failures, firstError: opened.firstError, openedClients } satisfies ReceiverReply);
}
