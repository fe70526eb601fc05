import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Message } from '../../../shared/protocol/messages.js';
import { ReactionParams } from '../../../shared/protocol/reactions.js';
import { actorOf } from '../../http/actor.js';
import type { ReactionService } from './reactions.service.js';

/** PUT adds the caller's reaction and DELETE takes it back; both are idempotent and answer with the message. */
export const reactionRoutes: FastifyPluginAsyncTypebox<{ reactions: ReactionService }> = async (app, { reactions }) => {
  const schema = { params: ReactionParams, response: { 200: Message } };

  app.put('/api/messages/:id/reactions/:emoji', { schema }, async (request) =>
    reactions.react(actorOf(request), request.params.id, request.params.emoji),
  );

  app.delete('/api/messages/:id/reactions/:emoji', { schema }, async (request) =>
    reactions.unreact(actorOf(request), request.params.id, request.params.emoji),
  );
};
