import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sendError } from '../http/error-handler.js';
import { sameSecret } from '../lib/tokens.js';
import type { Metrics, MetricsGauges } from './metrics.js';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);
const FORWARDING_HEADERS = ['x-forwarded-for', 'x-real-ip', 'forwarded'];

/**
 * Scrapers on this machine connect to the port directly. A request that came through a reverse proxy on this
 * machine also arrives from 127.0.0.1, but carries forwarding headers (which a client can also forge), so
 * those never count as local: they need the token.
 */
function isDirectLocal(request: FastifyRequest): boolean {
  return LOOPBACK.has(request.socket.remoteAddress ?? '') && !FORWARDING_HEADERS.some((h) => h in request.headers);
}

function bearerToken(request: FastifyRequest): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
  return match?.[1] ?? null;
}

/**
 * Counts every answer (on the root instance, so the hook sees all routes) and serves GET /metrics to this machine,
 * or to anyone with `Authorization: Bearer <metrics_token>`.
 */
export function installMetrics(app: FastifyInstance, options: { metrics: Metrics; gauges: MetricsGauges; token: () => string }): void {
  const { metrics } = options;
  app.addHook('onResponse', async (_request, reply) => metrics.countRequest(reply.statusCode));
  app.get('/metrics', async (request, reply) => {
    const token = options.token();
    const presented = bearerToken(request);
    const allowed = presented !== null ? token !== '' && sameSecret(presented, token) : isDirectLocal(request);
    if (!allowed) {
      return sendError(reply, 'FORBIDDEN', 'Metrics are served to this machine, or with "Authorization: Bearer <metrics_token>".');
    }
    return reply
      .header('cache-control', 'no-store')
      .type('text/plain; version=0.0.4; charset=utf-8')
      .send(metrics.render(options.gauges));
  });
}
