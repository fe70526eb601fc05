import { isUtf8 } from 'node:buffer';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../lib/app-error.js';

/**
 * Replaces Fastify's JSON parser so that invalid UTF-8 is refused instead of silently turned into U+FFFD, and
 * a `__proto__` key is refused before any code can merge it into an object.
 */
export function installJsonParser(app: FastifyInstance): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) => {
    const bytes = body as Buffer;
    if (bytes.length === 0) return done(new AppError('INVALID_JSON', 'The request body is empty; send a JSON object.'));
    if (!isUtf8(bytes)) return done(new AppError('INVALID_JSON', 'The request body is not valid UTF-8 text.'));
    try {
      const value: unknown = JSON.parse(bytes.toString('utf8'), (key, v: unknown) => {
        if (key === '__proto__') throw new SyntaxError('"__proto__" is not allowed as a key');
        return v;
      });
      done(null, value);
    } catch (err) {
      const reason = err instanceof RangeError ? 'it is nested too deeply' : (err as Error).message;
      done(new AppError('INVALID_JSON', `The request body is not valid JSON: ${reason}.`));
    }
  });
}
