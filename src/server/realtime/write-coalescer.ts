import type { Socket } from 'node:net';

/**
 * Holds back socket writes until the running job (and the microtasks it queued first) is done, so all the frames a
 * socket receives from one burst of synchronous work — a fan-out, a batch of group-committed messages announced
 * together — leave in a single write system call. The release is a microtask queued at the first write, so it runs
 * before the code that caused the events continues: an event still leaves before the HTTP answer of the request
 * that caused it.
 */
export function createWriteCoalescer() {
  const held = new Set<Socket>();

  function release(): void {
    for (const socket of held) socket.uncork();
    held.clear();
  }

  return {
    hold(socket: Socket): void {
      if (held.has(socket) || socket.destroyed) return;
      if (held.size === 0) queueMicrotask(release);
      socket.cork();
      held.add(socket);
    },
  };
}

export type WriteCoalescer = ReturnType<typeof createWriteCoalescer>;
