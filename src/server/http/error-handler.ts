import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import type { ErrorBody, ErrorCode } from '../../shared/protocol/errors.js';
import { ERRORS } from '../../shared/protocol/errors.js';
import { AppError } from '../lib/app-error.js';

export function sendError(reply: FastifyReply, code: ErrorCode, message: string, details?: unknown): FastifyReply {
  const body: ErrorBody = { error: details === undefined ? { code, message } : { code, message, details } };
  return reply.code(ERRORS[code]).type('application/json; charset=utf-8').send(body);
}

// Fastify's own failures, translated into something a person (or a client) can act on.
const FASTIFY_CODES: Record<string, [ErrorCode, string]> = {
  FST_ERR_CTP_BODY_TOO_LARGE: ['PAYLOAD_TOO_LARGE', 'The request body is too large.'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: ['UNSUPPORTED_MEDIA_TYPE', 'Send the request body as JSON (Content-Type: application/json).'],
  FST_ERR_CTP_EMPTY_JSON_BODY: ['INVALID_JSON', 'The request body is empty; send a JSON object.'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: ['BAD_REQUEST', 'The Content-Length header does not match the body.'],
};

/** Every error leaves as `{ error: { code, message } }`; stack traces and internals stay in the server log. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | AppError, request, reply) => {
    if (err instanceof AppError) return sendError(reply, err.code, err.message, err.details);
    if ('validation' in err && err.validation) {
      return sendError(reply, 'VALIDATION_FAILED', `Invalid request: ${err.message}.`);
    }
    const known = err.code ? FASTIFY_CODES[err.code] : undefined;
    if (known) return sendError(reply, known[0], known[1]);
    const status = err.statusCode ?? 500;
    if (status === 429) return sendError(reply, 'RATE_LIMITED', 'Too many requests. Please wait a moment and try again.');
    if (status >= 400 && status < 500) {
      request.log.info({ err }, 'client error');
      return sendError(reply, 'BAD_REQUEST', 'The request could not be understood.');
    }
    request.log.error({ err }, 'request failed');
    return sendError(reply, 'INTERNAL', 'Something went wrong on the server; the error was logged.');
  });
}
