import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ConversationIdParams } from '../../../shared/protocol/conversations.js';
import { MuteConversationRequest, Preferences, UpdatePreferencesRequest } from '../../../shared/protocol/preferences.js';
import { actorOf } from '../../http/actor.js';
import type { PreferenceService } from './preferences.service.js';

export const preferenceRoutes: FastifyPluginAsyncTypebox<{ preferences: PreferenceService }> = async (app, { preferences }) => {
  app.get('/api/preferences', { schema: { response: { 200: Preferences } } }, async (request) =>
    preferences.getPreferences(actorOf(request)),
  );

  app.put('/api/preferences', { schema: { body: UpdatePreferencesRequest, response: { 200: Preferences } } }, async (request) =>
    preferences.updatePreferences(actorOf(request), request.body),
  );

  app.put(
    '/api/conversations/:id/mute',
    { schema: { params: ConversationIdParams, body: MuteConversationRequest, response: { 200: Preferences } } },
    async (request) => preferences.muteConversation(actorOf(request), request.params.id, request.body.muteMentions ?? false),
  );

  app.delete('/api/conversations/:id/mute', { schema: { params: ConversationIdParams, response: { 200: Preferences } } }, async (request) =>
    preferences.unmuteConversation(actorOf(request), request.params.id),
  );
};
