import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { Type, type TSchema } from 'typebox';
import {
  AddMemberRequest,
  Conversation,
  ConversationIdParams,
  ConversationList,
  CreatePrivateChannelRequest,
  MarkReadRequest,
  OpenDirectMessageRequest,
  RenameChannelRequest,
  SetPresenceOverrideRequest,
  UserSummary,
} from '../../../shared/protocol/conversations.js';
import { actorOf } from '../../http/actor.js';
import type { PresenceService } from '../presence/presence.service.js';
import type { ConversationService } from './conversations.service.js';

const Conversations = Type.Array(Conversation);
const UserSummaries = Type.Array(UserSummary);

/** Fastify's serializer for a part of an answer, compiled once per route like the answer's own. */
function serializerFor(reply: FastifyReply, schema: TSchema): (value: unknown) => string {
  return reply.compileSerializationSchema(schema as unknown as Record<string, unknown>) as (value: unknown) => string;
}

export const conversationRoutes: FastifyPluginAsyncTypebox<{ conversations: ConversationService; presence: PresenceService }> = async (app, { conversations, presence }) => {
  const byId = { params: ConversationIdParams };

  // The list of every account is one object until an account changes (the store keeps it), so its JSON, most of
  // the answer in a big team (400 KB and ~1 ms of serialising at 5,000 people), is made once for all who ask.
  const usersJson = new WeakMap<object, string>();
  app.get('/api/conversations', { schema: { response: { 200: ConversationList } } }, async (request, reply) => {
    const list = await conversations.listForUser(actorOf(request));
    const serializeConversations = serializerFor(reply, Conversations);
    const serializeUsers = serializerFor(reply, UserSummaries);
    let users = usersJson.get(list.users);
    if (users === undefined) {
      users = serializeUsers(list.users);
      usersJson.set(list.users, users);
    }
    const json = `{"conversations":${serializeConversations(list.conversations)},"users":${users}}`;
    return reply.type('application/json; charset=utf-8').serializer(() => json).send(list);
  });

  app.get('/api/conversations/:id', { schema: { ...byId, response: { 200: Conversation } } }, async (request) =>
    conversations.getForUser(actorOf(request), request.params.id),
  );

  app.post('/api/conversations/private', { schema: { body: CreatePrivateChannelRequest, response: { 201: Conversation } } }, async (request, reply) =>
    reply.code(201).send(await conversations.createPrivateChannel(actorOf(request), request.body)),
  );

  app.post('/api/conversations/dm', { schema: { body: OpenDirectMessageRequest, response: { 200: Conversation, 201: Conversation } } }, async (request, reply) => {
    const { conversation, created } = await conversations.openDirectMessage(actorOf(request), request.body);
    return reply.code(created ? 201 : 200).send(conversation);
  });

  app.patch('/api/conversations/:id', { schema: { ...byId, body: RenameChannelRequest, response: { 200: Conversation } } }, async (request) =>
    conversations.renameChannel(actorOf(request), request.params.id, request.body.name),
  );

  app.post('/api/conversations/:id/members', { schema: { ...byId, body: AddMemberRequest, response: { 200: Conversation } } }, async (request) =>
    conversations.addMember(actorOf(request), request.params.id, request.body.username),
  );

  app.post('/api/conversations/:id/leave', { schema: byId }, async (request, reply) => {
    await conversations.leaveChannel(actorOf(request), request.params.id);
    return reply.code(204).send();
  });

  app.post('/api/conversations/:id/close', { schema: byId }, async (request, reply) => {
    await conversations.closeDirectMessage(actorOf(request), request.params.id);
    return reply.code(204).send();
  });

  app.post('/api/conversations/:id/read', { schema: { ...byId, body: MarkReadRequest, response: { 200: Type.Object({ readSeq: Type.Integer() }) } } }, async (request) => ({
    readSeq: await conversations.markRead(actorOf(request), request.params.id, request.body.seq),
  }));

  app.put('/api/presence', { schema: { body: SetPresenceOverrideRequest } }, async (request, reply) => {
    await presence.setOverride(actorOf(request).id, request.body.override);
    return reply.code(204).send();
  });
};
