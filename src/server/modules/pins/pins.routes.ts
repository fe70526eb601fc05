import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ConversationIdParams } from '../../../shared/protocol/conversations.js';
import { Message, MessageIdParams } from '../../../shared/protocol/messages.js';
import { PinList } from '../../../shared/protocol/pin-list.js';
import { actorOf } from '../../http/actor.js';
import type { PinService } from './pins.service.js';

export const pinRoutes: FastifyPluginAsyncTypebox<{ pins: PinService }> = async (app, { pins }) => {
  app.put('/api/messages/:id/pin', { schema: { params: MessageIdParams, response: { 200: Message } } }, async (request) =>
    pins.pinMessage(actorOf(request), request.params.id),
  );

  app.delete('/api/messages/:id/pin', { schema: { params: MessageIdParams, response: { 200: Message } } }, async (request) =>
    pins.unpinMessage(actorOf(request), request.params.id),
  );

  app.get('/api/conversations/:id/pins', { schema: { params: ConversationIdParams, response: { 200: PinList } } }, async (request) =>
    pins.listPins(actorOf(request), request.params.id),
  );
};
