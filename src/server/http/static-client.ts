import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { sendError } from './error-handler.js';

/**
 * Serves the built web app. Hashed files under assets/ are cached for a year; index.html is revalidated every
 * time so a new release is picked up on the next load. Any other GET that is not a file falls back to
 * index.html, so the app's own routes (/login, /reset-password …) work on reload.
 */
export async function installStaticClient(app: FastifyInstance, clientDir: string): Promise<void> {
  const indexFile = path.join(clientDir, 'index.html');
  const built = existsSync(indexFile);
  if (built) {
    await app.register(fastifyStatic, {
      root: clientDir,
      index: false,
      // The build writes .br and .gz twins of every text asset (vite.config.ts).
      preCompressed: true,
      cacheControl: false,
      setHeaders(res, file) {
        res.setHeader('cache-control', file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
        const name = path.basename(file).replace(/\.(br|gz)$/, '');
        // The service worker controls every page from the root; the browser checks it for updates on each load.
        if (name === 'sw.js') res.setHeader('service-worker-allowed', '/');
        if (name === 'manifest.webmanifest') res.setHeader('content-type', 'application/manifest+json; charset=utf-8');
        // The same URL answers brotli, gzip or plain bytes depending on the request.
        res.setHeader('vary', 'accept-encoding');
      },
    });
  }
  const sendIndex = (reply: FastifyReply) => reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').sendFile('index.html');
  // The static wildcard would treat "/" as a folder listing; the app's front door is index.html.
  if (built) app.get('/', async (_request, reply) => sendIndex(reply));
  app.setNotFoundHandler(async (request, reply) => {
    const url = request.url.split('?')[0] ?? '/';
    const isPage = (request.method === 'GET' || request.method === 'HEAD') && !url.startsWith('/api/') && !path.posix.basename(url).includes('.');
    if (!isPage) return sendError(reply, 'NOT_FOUND', `No such route: ${request.method} ${url}`);
    if (!built) return sendError(reply, 'NOT_FOUND', 'The web app is not built; run `npm run build`.');
    return sendIndex(reply);
  });
}
