import type {} from '@fastify/websocket';
import type { FastifyPluginAsync } from 'fastify';
import { Compile } from 'typebox/compile';
import type { WebSocket } from 'ws';
import { ClientCommand, type ServerEvent } from '../../shared/protocol/events.js';
import { isSameOrigin } from '../http/csrf.js';
import type { RefusalPacer } from '../http/refusal-pacing.js';
import { requireSession } from '../http/session-auth.js';
import { AppError } from '../lib/app-error.js';
import { isCallCommand, type CallService } from '../modules/calls/calls.service.js';
import type { ConversationService } from '../modules/conversations/conversations.service.js';
import type { PresenceService } from '../modules/presence/presence.service.js';
import { createDirectWriter, createWriteGatherer } from './direct-write.js';
import type { Connection, Hub } from './hub.js';
import { OutgoingFrame } from './outgoing-frame.js';

export interface SocketRoutesOptions {
  hub: Hub;
  presence: PresenceService;
  conversations: ConversationService;
  calls: CallService;
  publicUrl: string;
  /** Open sockets one user may hold; the next is closed with CLOSE_TOO_MANY_SOCKETS. */
  maxSocketsPerUser: number;
  /** Holds the close of a refused socket for someone refused over and over, as it does 429s. */
  refusals: RefusalPacer;
}

const checkCommand = Compile(ClientCommand);

/** A client that cannot keep up is dropped rather than letting its backlog grow without bound. */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;
/** Commands per connection per second before it is considered abusive and closed. */
const MAX_COMMANDS_PER_SECOND = 30;
const HEARTBEAT_MS = 30_000;

export const CLOSE_SESSION_ENDED = 4401;
/** Like HTTP 429: this person already has `max_sockets_per_user` tabs open. */
export const CLOSE_TOO_MANY_SOCKETS = 4429;

export const socketRoutes: FastifyPluginAsync<SocketRoutesOptions> = async (app, { hub, presence, conversations, calls, publicUrl, maxSocketsPerUser, refusals }) => {
  let nextId = 1;
  const gatherer = createWriteGatherer();
  const socketsPerUser = new Map<number, number>();
  const alive = new WeakMap<WebSocket, boolean>();

  // Sockets that stopped answering pings (a laptop lid closed, a cable pulled) are closed, so presence is true.
  const heartbeat = setInterval(() => {
    for (const client of app.websocketServer.clients) {
      if (alive.get(client) === false) {
        client.terminate();
        continue;
      }
      alive.set(client, false);
      client.ping();
    }
  }, HEARTBEAT_MS);
  heartbeat.unref();
  app.addHook('onClose', async () => clearInterval(heartbeat));

  app.get(
    '/api/ws',
    {
      websocket: true,
      // Browsers send cookies with cross-site WebSocket handshakes, so the Origin is what stops another site.
      preHandler: async (request) => {
        if (!isSameOrigin(request, publicUrl)) throw new AppError('ORIGIN_REJECTED', 'WebSocket refused: the Origin is not this server.');
        requireSession(request);
      },
    },
    (socket, request) => {
      const { user, tokenHash } = requireSession(request);
      // Counted from the upgrade, not from joining the hub (after `hello`), so tabs opening at the same moment cannot
      // all slip through; and refused by a close code, since a browser never sees a refused handshake's status.
      const open = socketsPerUser.get(user.id) ?? 0;
      const refuse = (code: number, reason: string) => void refusals.refused(`user:${user.id}`).then(() => socket.close(code, reason));
      if (open >= maxSocketsPerUser) {
        // Held (see RefusalPacer) with no listeners and not counted: it only waits for its close.
        refuse(CLOSE_TOO_MANY_SOCKETS, `too many open tabs (at most ${maxSocketsPerUser})`);
        return;
      }
      socketsPerUser.set(user.id, open + 1);
      socket.once('close', () => {
        const left = (socketsPerUser.get(user.id) ?? 1) - 1;
        if (left > 0) socketsPerUser.set(user.id, left);
        else socketsPerUser.delete(user.id);
      });
      const actor = { id: user.id, username: user.username };
      const send = (event: ServerEvent) => connection.send(OutgoingFrame.of(JSON.stringify(event)));
      // A fan-out writes one prepared frame per socket, and each socket's frames of one turn in one write: a delivery's
      // cost is mostly the write system call (see docs/PERFORMANCE.md, "Fan-out").
      const writeDirect = createDirectWriter(socket, gatherer);
      const connection: Connection = {
        id: nextId++,
        userId: user.id,
        sessionHash: tokenHash,
        viewing: undefined,
        send(frame: OutgoingFrame) {
          if (socket.readyState !== socket.OPEN) return;
          if (socket.bufferedAmount > MAX_BUFFERED_BYTES) {
            socket.terminate();
            return;
          }
          if (!writeDirect(frame.wire)) socket.send(frame.payload, { binary: false });
        },
        close: (code: number, reason: string) => socket.close(code, reason),
      };
      alive.set(socket, true);
      socket.on('pong', () => alive.set(socket, true));

      // `hello` comes first and carries the user's own presence choice; only then does the socket join the hub.
      void presence.loadOverride(user.id).then((override) => {
        if (socket.readyState !== socket.OPEN) return;
        send({ type: 'hello', userId: user.id, presence: presence.snapshot(), presenceOverride: override });
        hub.add(connection);
        presence.connect(user.id, connection.id, override);
        return calls.visibleTo(user.id).then((events) => events.forEach(send));
      }).catch((err: unknown) => {
        request.log.error({ err }, 'opening a live connection failed');
        socket.close(1011, 'server error');
      });

      const answerFailure = (what: string) => (err: unknown) => {
        const code = err instanceof AppError ? err.code : 'INTERNAL';
        if (!(err instanceof AppError)) request.log.error({ err }, `${what} failed`);
        send({ type: 'error', code, message: err instanceof AppError ? err.message : 'Something went wrong.' });
      };

      let windowStart = Date.now();
      let commands = 0;
      let flooded = false;
      socket.on('message', (data, isBinary) => {
        if (flooded) return;
        const now = Date.now();
        if (now - windowStart >= 1000) {
          windowStart = now;
          commands = 0;
        }
        if (++commands > MAX_COMMANDS_PER_SECOND) {
          // Nothing more from this socket is read while its close is held.
          flooded = true;
          refuse(1008, 'too many messages');
          return;
        }
        calls.touch(connection.id);
        let command: unknown;
        try {
          command = isBinary ? undefined : JSON.parse(data.toString());
        } catch {
          command = undefined;
        }
        if (!checkCommand.Check(command)) {
          send({ type: 'error', code: 'BAD_REQUEST', message: 'Unknown or malformed command.' });
          return;
        }
        const valid = command as ClientCommand;
        if (valid.type === 'typing.start') {
          conversations.startTyping(actor, valid.conversationId).catch(answerFailure('typing'));
        } else if (valid.type === 'view') {
          connection.viewing = valid.conversationId;
        } else if (valid.type === 'presence.set') {
          presence.report(user.id, connection.id, valid.state);
        } else if (isCallCommand(valid)) {
          calls.handle(actor, connection.id, valid).catch(answerFailure(valid.type));
        }
      });
      socket.on('close', () => {
        hub.remove(connection);
        presence.disconnect(user.id, connection.id);
        calls.connectionClosed(connection.id).catch((err: unknown) => request.log.error({ err }, 'leaving calls failed'));
      });
      socket.on('error', (err) => request.log.warn({ err }, 'socket error'));
    },
  );
};
