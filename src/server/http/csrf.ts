import type { FastifyInstance, FastifyRequest } from 'fastify';
import { CSRF_HEADER } from '../../shared/protocol/auth.js';
import { AppError } from '../lib/app-error.js';
import { sameSecret } from '../lib/tokens.js';
import { CSRF_COOKIE } from './cookies.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function originOf(url: string | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/**
 * The origins this server answers as: the one in the request's own Host header (as the browser addressed us) and
 * the configured public URL (when a reverse proxy rewrites Host).
 */
export function isSameOrigin(request: FastifyRequest, publicUrl: string): boolean {
  const claimed = originOf(request.headers.origin) ?? originOf(request.headers.referer);
  if (!claimed) return false;
  const own = `${request.protocol}://${request.headers.host ?? ''}`;
  return claimed === originOf(own) || (publicUrl !== '' && claimed === originOf(publicUrl));
}

/**
 * Two independent checks on every state-changing request: the browser-set Origin (or Referer) must be ours, and
 * the CSRF token must match the cookie (a page on another site can neither read the cookie nor set the header).
 */
export function installCsrfProtection(app: FastifyInstance, options: { publicUrl: string }): void {
  app.addHook('onRequest', async (request) => {
    if (SAFE_METHODS.has(request.method)) return;
    if (!isSameOrigin(request, options.publicUrl)) {
      throw new AppError('ORIGIN_REJECTED', 'Cross-site request refused: the Origin header is missing or not this server.');
    }
    const cookie = request.cookies[CSRF_COOKIE];
    const header = request.headers[CSRF_HEADER];
    if (!cookie || typeof header !== 'string' || !sameSecret(cookie, header)) {
      throw new AppError('CSRF_FAILED', 'Your security token is missing or out of date; reload the page and try again.');
    }
  });
}
