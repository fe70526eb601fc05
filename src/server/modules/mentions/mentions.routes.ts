import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { MentionsPage, MentionsQuery } from '../../../shared/protocol/mentions-view.js';
import { actorOf } from '../../http/actor.js';
import type { MentionService } from './mentions.service.js';

export const mentionRoutes: FastifyPluginAsyncTypebox<{ mentions: MentionService }> = async (app, { mentions }) => {
  app.get('/api/mentions', { schema: { querystring: MentionsQuery, response: { 200: MentionsPage } } }, async (request) =>
    mentions.unreadMentions(actorOf(request), request.query),
  );
};
