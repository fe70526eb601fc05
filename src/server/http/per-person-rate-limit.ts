import type { FastifyRequest } from 'fastify';
import { AppError } from '../lib/app-error.js';

/**
 * A route's `config.rateLimit` counting per signed-in person (per address before sign-in), in its own bucket. It
 * runs as a preHandler, once the session is known, and before the handler reads any of the body.
 */
export function perPersonRateLimit(bucket: string, perMinute: number, tooFast: string) {
  return {
    max: perMinute,
    timeWindow: 60_000,
    hook: 'preHandler' as const,
    keyGenerator: (request: FastifyRequest) => `${bucket}:${request.auth?.user.id ?? request.ip}`,
    errorResponseBuilder: (_req: unknown, context: { after: string }) => new AppError('RATE_LIMITED', `${tooFast} Try again in ${context.after}.`),
  };
}
