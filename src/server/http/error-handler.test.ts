import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { installErrorHandler } from './error-handler.js';

function failingWith(code: string): Error {
  return Object.assign(new Error(`low-level failure ${code}`), { code });
}

async function answerTo(error: Error): Promise<{ status: number; body: { error: { code: string; message: string } } }> {
  const app = Fastify();
  installErrorHandler(app);
  app.get('/', async () => {
    throw error;
  });
  const response = await app.inject({ method: 'GET', url: '/' });
  await app.close();
  return { status: response.statusCode, body: response.json() };
}

describe('error mapping', () => {
  it.each(['SQLITE_FULL', 'SQLITE_READONLY', 'SQLITE_READONLY_DBMOVED', 'SQLITE_IOERR', 'SQLITE_IOERR_WRITE', 'SQLITE_IOERR_FSYNC', 'SQLITE_CANTOPEN', 'ENOSPC', 'EROFS', 'EDQUOT'])(
    'a storage that cannot be written (%s) is a 503 the person can understand, not a 500',
    async (code) => {
      const { status, body } = await answerTo(failingWith(code));
      expect(status).toBe(503);
      expect(body.error.code).toBe('UNAVAILABLE');
      expect(body.error.message).toBe('The server cannot save right now (disk full or read-only). Try again in a moment; if it keeps happening, tell your admin.');
    },
  );

  it('anything else unexpected stays a 500 that reveals nothing', async () => {
    for (const error of [failingWith('SQLITE_CONSTRAINT_UNIQUE'), new TypeError('x is undefined')]) {
      const { status, body } = await answerTo(error);
      expect(status).toBe(500);
      expect(body).toEqual({ error: { code: 'INTERNAL', message: 'Something went wrong on the server; the error was logged.' } });
    }
  });
});
