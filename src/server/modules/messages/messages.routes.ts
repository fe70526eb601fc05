import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { ConversationIdParams } from '../../../shared/protocol/conversations.js';
import { ChangesPage } from '../../../shared/protocol/events.js';
import {
  ChangesQuery,
  EditMessageRequest,
  HistoryPage,
  HistoryQuery,
  Message,
  MessageIdParams,
  SendMessageRequest,
  SendMessageResult,
} from '../../../shared/protocol/messages.js';
import { actorOf } from '../../http/actor.js';
import { AppError } from '../../lib/app-error.js';
import type { MessageService } from './messages.service.js';

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
      config: {
        rateLimit: {
          max: sendsPerMinute,
          timeWindow: 60_000,
          // After the session is known, so the limit is per person rather than per address.
          hook: 'preHandler',
          keyGenerator: (request: FastifyRequest) => `user:${request.auth?.user.id ?? request.ip}`,
          errorResponseBuilder: (_req: unknown, context: { after: string }) =>
            new AppError('RATE_LIMITED', `You are sending messages too fast. Try again in ${context.after}.`),
        },
      },
    },
    async (request, reply) => {
      const { message, created } = await messages.sendMessage(actorOf(request), request.params.id, request.body);
      return reply.code(created ? 201 : 200).send({ message });
    },
  );

  app.patch('/api/messages/:id', { schema: { params: MessageIdParams, body: EditMessageRequest, response: { 200: Message } } }, async (request) =>
    messages.editMessage(actorOf(request), request.params.id, request.body.text),
  );

  app.delete('/api/messages/:id', { schema: { params: MessageIdParams } }, async (request, reply) => {
    await messages.deleteMessage(actorOf(request), request.params.id);
    return reply.code(204).send();
  });
};
