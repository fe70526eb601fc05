import type { Socket } from 'node:net';

/**
 * Holds back socket writes until the end of the current event-loop turn, so every frame a socket receives in one
 * turn leaves in a single write system call. Under load a turn carries more events (several group-committed
 * messages, typing, reads), so the batching grows exactly when system calls would cost the most; when idle a turn
 * carries one frame and nothing waits longer than it would have.
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
      if (held.size === 0) setImmediate(release);
      socket.cork();
      held.add(socket);
    },
  };
}

export type WriteCoalescer = ReturnType<typeof createWriteCoalescer>;
