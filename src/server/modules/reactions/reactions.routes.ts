import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Message } from '../../../shared/protocol/messages.js';
import { ReactionParams } from '../../../shared/protocol/reactions.js';
import { actorOf } from '../../http/actor.js';
import { perPersonRateLimit } from '../../http/per-person-rate-limit.js';
import type { ReactionService } from './reactions.service.js';

/** PUT adds the caller's reaction and DELETE takes it back; both are idempotent and answer with the message. */
export const reactionRoutes: FastifyPluginAsyncTypebox<{ reactions: ReactionService; perMinute: number }> = async (app, { reactions, perMinute }) => {
  // Each change is announced to everyone in the conversation, so how often one person may make one is bounded.
  const rateLimit = perPersonRateLimit('reaction', perMinute, 'You are reacting too fast.');
  const options = { schema: { params: ReactionParams, response: { 200: Message } }, config: { rateLimit } };

  // One route for both methods, so both count against one rate-limit bucket.
  app.route({
    method: ['PUT', 'DELETE'],
    url: '/api/messages/:id/reactions/:emoji',
    ...options,
    handler: async (request) => {
      const { id, emoji } = request.params;
      return request.method === 'PUT' ? reactions.react(actorOf(request), id, emoji) : reactions.unreact(actorOf(request), id, emoji);
    },
  });
};
