import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
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

/**
 * The disk is full, read-only or failing: SQLite's codes (extended ones such as SQLITE_IOERR_WRITE and
 * SQLITE_READONLY_DBMOVED included) and the file system's, from the audit log. The request can be retried as is
 * once the admin has made room, so it gets a 503 that says so rather than a 500.
 */
function isStorageUnavailable(code: string | undefined): boolean {
  if (code === undefined) return false;
  return /^SQLITE_(FULL|READONLY|IOERR|CANTOPEN)/.test(code) || ['ENOSPC', 'EDQUOT', 'EROFS', 'EIO'].includes(code);
}

/**
 * Fastify's router refuses some URLs before any route or hook runs (a bad % escape, an over-long parameter) and
 * would answer in its own shape; given as the `frameworkErrors` option, this answers in ours.
 */
export function answerFrameworkError(err: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const message = err.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 'A part of the address is too long.' : 'The address is not valid (check its % escapes).';
  void sendError(reply, 'BAD_REQUEST', message);
}

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
    if (isStorageUnavailable(err.code)) {
      request.log.error({ err }, 'storage unavailable');
      return sendError(reply, 'UNAVAILABLE', 'The server cannot save right now (disk full or read-only). Try again in a moment; if it keeps happening, tell your admin.');
    }
    request.log.error({ err }, 'request failed');
    return sendError(reply, 'INTERNAL', 'Something went wrong on the server; the error was logged.');
  });
}
