import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../lib/app-error.js';
import type { AuthenticatedSession, AuthService, RequestContext } from '../modules/auth/auth.service.js';
import { SESSION_COOKIE } from './cookies.js';

declare module 'fastify' {
  interface FastifyRequest {
    auth: AuthenticatedSession | null;
  }
}

/** Resolves the session cookie once per API request; handlers ask `requireSession` for the signed-in user. */
export function installSessionAuth(app: FastifyInstance, auth: AuthService): void {
  app.decorateRequest('auth', null);
  app.addHook('preValidation', async (request) => {
    if (!request.url.startsWith('/api/')) return;
    const token = request.cookies[SESSION_COOKIE];
    request.auth = token ? await auth.resolveSession(token) : null;
  });
}

export function requireSession(request: FastifyRequest): AuthenticatedSession {
  if (!request.auth) throw new AppError('UNAUTHENTICATED', 'Please log in.');
  return request.auth;
}

export function requestContext(request: FastifyRequest): RequestContext {
  return { ip: request.ip, userAgent: request.headers['user-agent'] ?? '' };
}
