import type { FastifyRequest } from 'fastify';
import type { Actor } from '../modules/conversations/conversations.service.js';
import { requireSession } from './session-auth.js';

/** The signed-in user as domain functions know them. */
export function actorOf(request: FastifyRequest): Actor {
  const { user } = requireSession(request);
  return { id: user.id, username: user.username };
}
