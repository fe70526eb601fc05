import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import { ConversationIdParams } from '../../../shared/protocol/conversations.js';
import { ChangesPage } from '../../../shared/protocol/events.js';
import {
  ChangesQuery,
  EditMessageRequest,
  HistoryPage,
  HistoryQuery,
  Message,
  MESSAGE_MAX_LENGTH,
  MessageIdParams,
  SendMessageRequest,
  SendMessageResult,
} from '../../../shared/protocol/messages.js';
import { actorOf } from '../../http/actor.js';
import { perPersonRateLimit } from '../../http/per-person-rate-limit.js';
import { AppError } from '../../lib/app-error.js';
import type { MessageService } from './messages.service.js';

// No message within the limit needs more JSON than this: 6 bytes a character (a \u escape, the worst case) plus
// the other fields. A body declared larger is refused from its Content-Length alone, before any of it is read or
// parsed, so a flood of huge pastes costs the server next to nothing. (A body sent without a length still meets
// the 256 KiB limit and the count in the domain.)
const MESSAGE_BODY_LIMIT = MESSAGE_MAX_LENGTH * 6 + 4 * 1024;

function refuseOversizedMessage(request: FastifyRequest, _reply: FastifyReply, done: HookHandlerDoneFunction): void {
  if (Number(request.headers['content-length']) > MESSAGE_BODY_LIMIT) {
    done(new AppError('MESSAGE_TOO_LONG', `A message can be at most ${MESSAGE_MAX_LENGTH.toLocaleString('en')} characters; this one is far longer.`));
    return;
  }
  done();
}

export const messageRoutes: FastifyPluginAsyncTypebox<{ messages: MessageService; sendsPerMinute: number }> = async (app, { messages, sendsPerMinute }) => {
  app.get('/api/conversations/:id/messages', { schema: { params: ConversationIdParams, querystring: HistoryQuery, response: { 200: HistoryPage } } }, async (request) =>
    messages.history(actorOf(request), request.params.id, request.query),
  );

  app.get('/api/conversations/:id/changes', { schema: { params: ConversationIdParams, querystring: ChangesQuery, response: { 200: ChangesPage } } }, async (request) =>
    messages.changes(actorOf(request), request.params.id, request.query.after),
  );

  app.post(
    '/api/conversations/:id/messages',
    {
      schema: { params: ConversationIdParams, body: SendMessageRequest, response: { 200: SendMessageResult, 201: SendMessageResult } },
      onRequest: refuseOversizedMessage,
      config: { rateLimit: perPersonRateLimit('message', sendsPerMinute, 'You are sending messages too fast.') },
    },
    async (request, reply) => {
      const { message, created } = await messages.sendMessage(actorOf(request), request.params.id, request.body);
      return reply.code(created ? 201 : 200).send({ message });
    },
  );

  app.patch(
    '/api/messages/:id',
    { schema: { params: MessageIdParams, body: EditMessageRequest, response: { 200: Message } }, onRequest: refuseOversizedMessage },
    async (request) => messages.editMessage(actorOf(request), request.params.id, request.body.text),
  );

  app.delete('/api/messages/:id', { schema: { params: MessageIdParams } }, async (request, reply) => {
    await messages.deleteMessage(actorOf(request), request.params.id);
    return reply.code(204).send();
  });
};
