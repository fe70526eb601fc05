/*
 * What the fan-out load generator looks for in each frame, shared by the scenario and its receiving threads.
 */

export const CLIENT_ID_PREFIX = 'fanout-';
// `{"type":"message.created",` is how the server's JSON.stringify(event) starts; checking bytes in place avoids
// parsing 100,000 frames a second in the load generator, which shares the machine with the server.
const CREATED = Buffer.from('{"type":"message.created"');
const CLIENT_ID = Buffer.from(`"clientId":"${CLIENT_ID_PREFIX}`);

/** The send index encoded in the message's clientId, or -1 for frames that are not one of our messages. */
export function sendIndexOf(frame: Buffer): number {
  if (frame.compare(CREATED, 0, CREATED.length, 0, CREATED.length) !== 0) {
    if (!frame.includes('message.created')) return -1;
  }
  let at = frame.indexOf(CLIENT_ID);
  if (at < 0) return -1;
  at += CLIENT_ID.length;
  let index = 0;
  for (let c = frame[at]; c !== undefined && c >= 48 && c <= 57; c = frame[++at]) index = index * 10 + (c - 48);
  return index;
}

/**
 * Milliseconds on the process-wide monotonic clock (CLOCK_MONOTONIC, the same in every worker thread), so a send
 * timed on the main thread and its delivery timed on a receiving thread are on one clock.
 */
export const monotonicMs = (): number => Number(process.hrtime.bigint()) / 1e6;

/** Per receiving thread, in its row of the shared statistics (Float64, one row of STAT_COUNT per thread). */
export const Stat = {
  ConnectFrames: 0,
  ConnectBytes: 1,
  OtherFrames: 2,
  Duplicates: 3,
  Delivered: 4,
  /** monotonicMs() of the last frame received. */
  LastFrameAt: 5,
} as const;
export const STAT_COUNT = 6;

/** Shared between the scenario and its receiving threads (SharedArrayBuffers, so nothing is copied per frame). */
export interface FanOutShared {
  clients: number;
  messages: number;
  /** clients × messages delivery counts (saturating at 255), indexed client * messages + send index. */
  counts: SharedArrayBuffer;
  /** clients × messages Float64 monotonicMs() of each first delivery. */
  receivedAt: SharedArrayBuffer;
  /** threads × STAT_COUNT Float64. */
  stats: SharedArrayBuffer;
  /** Int32[1]: 0 while connecting (frames are only counted), 1 once sends are timed. */
  phase: SharedArrayBuffer;
}
