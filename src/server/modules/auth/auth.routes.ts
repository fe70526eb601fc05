import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  AuthResult,
  ChangePasswordRequest,
  Credentials,
  ResetPasswordRequest,
  SessionInfo,
  SignupRequest,
} from '../../../shared/protocol/auth.js';
import { clearSessionCookie, CSRF_COOKIE, setCsrfCookie, setSessionCookie, type CookiePolicy } from '../../http/cookies.js';
import { requestContext, requireSession } from '../../http/session-auth.js';
import { AppError } from '../../lib/app-error.js';
import { newToken } from '../../lib/tokens.js';
import { publicUser, type AuthService } from './auth.service.js';

export interface AuthRoutesOptions {
  auth: AuthService;
  cookies: CookiePolicy;
  passwordMinLength: number;
  loginPerMinute: number;
  signupPerMinute: number;
  /** Asked at each request: the `signup` setting can change while running. */
  signupOpen: () => boolean;
}

const CSRF_TOKEN = /^[A-Za-z0-9_-]{43}$/;

function rateLimited(max: number) {
  return {
    rateLimit: {
      max,
      timeWindow: 60_000,
      errorResponseBuilder: (_req: unknown, context: { after: string }) =>
        new AppError('RATE_LIMITED', `Too many attempts from your address. Try again in ${context.after}.`),
    },
  };
}

export const authRoutes: FastifyPluginAsyncTypebox<AuthRoutesOptions> = async (app, options) => {
  const { auth, cookies } = options;

  // Signing in gets a fresh CSRF secret, so one planted before login is worthless after it.
  function signedIn(reply: Parameters<typeof setSessionCookie>[0], token: string) {
    setSessionCookie(reply, token, cookies);
    const csrfToken = newToken();
    setCsrfCookie(reply, csrfToken, cookies);
    return csrfToken;
  }

  app.get('/api/session', { schema: { response: { 200: SessionInfo } } }, async (request, reply) => {
    let csrfToken = request.cookies[CSRF_COOKIE];
    if (!csrfToken || !CSRF_TOKEN.test(csrfToken)) {
      csrfToken = newToken();
      setCsrfCookie(reply, csrfToken, cookies);
    }
    reply.header('cache-control', 'no-store');
    return {
      user: request.auth ? publicUser(request.auth.user) : null,
      csrfToken,
      passwordPolicy: { minLength: options.passwordMinLength },
      signup: options.signupOpen() ? ('open' as const) : ('closed' as const),
    };
  });

  app.post(
    '/api/auth/signup',
    { schema: { body: SignupRequest, response: { 201: AuthResult } }, config: rateLimited(options.signupPerMinute) },
    async (request, reply) => {
      const { user, token } = await auth.signUp(request.body, requestContext(request));
      return reply.code(201).send({ user: publicUser(user), csrfToken: signedIn(reply, token) });
    },
  );

  app.post(
    '/api/auth/login',
    { schema: { body: Credentials, response: { 200: AuthResult } }, config: rateLimited(options.loginPerMinute) },
    async (request, reply) => {
      const { user, token } = await auth.logIn(request.body, requestContext(request));
      return { user: publicUser(user), csrfToken: signedIn(reply, token) };
    },
  );

  app.post('/api/auth/logout', async (request, reply) => {
    if (request.auth) await auth.logOut(request.auth, requestContext(request));
    clearSessionCookie(reply, cookies);
    return reply.code(204).send();
  });

  app.post('/api/auth/password', { schema: { body: ChangePasswordRequest } }, async (request, reply) => {
    await auth.changePassword(requireSession(request), request.body, requestContext(request));
    return reply.code(204).send();
  });

  app.post(
    '/api/auth/reset-password',
    { schema: { body: ResetPasswordRequest }, config: rateLimited(options.loginPerMinute) },
    async (request, reply) => {
      await auth.resetPassword(request.body, requestContext(request));
      return reply.code(204).send();
    },
  );
};
