import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { DeleteAccountRequest } from '../../../shared/protocol/auth.js';
import { clearSessionCookie, type CookiePolicy } from '../../http/cookies.js';
import { requestContext, requireSession } from '../../http/session-auth.js';
import { AppError } from '../../lib/app-error.js';
import type { AccountService } from './accounts.service.js';

export const accountRoutes: FastifyPluginAsyncTypebox<{ accounts: AccountService; cookies: CookiePolicy; attemptsPerMinute: number }> = async (app, options) => {
  app.delete(
    '/api/account',
    {
      schema: { body: DeleteAccountRequest },
      // A stolen session must not become a way to guess the password at full speed.
      config: {
        rateLimit: {
          max: options.attemptsPerMinute,
          timeWindow: 60_000,
          errorResponseBuilder: (_req: unknown, context: { after: string }) =>
            new AppError('RATE_LIMITED', `Too many attempts from your address. Try again in ${context.after}.`),
        },
      },
    },
    async (request, reply) => {
      await options.accounts.deleteAccount(requireSession(request), request.body, requestContext(request));
      clearSessionCookie(reply, options.cookies);
      return reply.code(204).send();
    },
  );
};
