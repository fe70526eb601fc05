import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { SearchRequest, SearchResults } from '../../../shared/protocol/search.js';
import { actorOf } from '../../http/actor.js';
import type { SearchService } from './search.service.js';

export const searchRoutes: FastifyPluginAsyncTypebox<{ search: SearchService }> = async (app, { search }) => {
  app.get('/api/search', { schema: { querystring: SearchRequest, response: { 200: SearchResults } } }, async (request) =>
    search.searchMessages(actorOf(request), request.query),
  );
};
