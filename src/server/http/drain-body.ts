import type { IncomingMessage } from 'node:http';

/**
 * Reads and discards what is left of a request body, so that an answer given before the body was read reaches a
 * client that is still sending it. Closing a socket with bytes unread makes the kernel send a reset, and a client in
 * the middle of a write then sees EPIPE or ECONNRESET instead of our answer. Bounded in bytes and time: a client
 * sending more than it could ever have been allowed, or sending too slowly, is cut off all the same.
 */
export function drainBody(raw: IncomingMessage, limits: { maxBytes: number; maxMs: number }): Promise<void> {
  if (raw.complete || raw.destroyed) return Promise.resolve();
  const declared = Number(raw.headers['content-length']);
  if (Number.isFinite(declared) && declared > limits.maxBytes) return Promise.resolve();
  return new Promise((resolve) => {
    let read = 0;
    const done = () => {
      clearTimeout(timer);
      raw.off('data', onData).off('end', done).off('close', done).off('error', done);
      resolve();
    };
    const onData = (chunk: Buffer) => {
      read += chunk.length;
      if (read > limits.maxBytes) done();
    };
    const timer = setTimeout(done, limits.maxMs);
    raw.on('data', onData).once('end', done).once('close', done).once('error', done);
    raw.resume();
  });
}
