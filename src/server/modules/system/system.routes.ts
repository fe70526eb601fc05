import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { IceServers } from '../../../shared/protocol/auth.js';
import { sendError } from '../../http/error-handler.js';
import { requireSession } from '../../http/session-auth.js';

export interface SystemRoutesOptions {
  /** PEM of the local CA, or null when MiniMost does not generate its own certificates. */
  caCert: string | null;
  /** UDP port of the bundled STUN server, or null when it is off. */
  stunPort: number | null;
  isHealthy: () => boolean;
}

function stunHost(hostHeader: string | undefined): string | null {
  if (!hostHeader) return null;
  // Linear: alternatives over disjoint classes with one optional port, bounded by the Host header's length.
  // eslint-disable-next-line security/detect-unsafe-regex
  const match = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+)(?::\d+)?$/.exec(hostHeader);
  return match?.[1] ?? null;
}

export const systemRoutes: FastifyPluginAsyncTypebox<SystemRoutesOptions> = async (app, options) => {
  app.get('/healthz', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
    if (!options.isHealthy()) return sendError(reply, 'UNAVAILABLE', 'The database is not answering.');
    return { status: 'ok' };
  });

  // Served without login: people need it before they can trust the login page itself.
  app.get('/ca.pem', async (_request, reply) => {
    if (options.caCert === null) {
      return sendError(reply, 'NOT_FOUND', 'This server does not use a MiniMost-generated certificate, so there is no CA to download.');
    }
    return reply
      .type('application/x-pem-file')
      .header('content-disposition', 'attachment; filename="minimost-ca.pem"')
      .send(options.caCert);
  });

  // The browser is pointed at the STUN server under the same name it used to reach us, which is by
  // construction a name that resolves on its network; no outside STUN or TURN server is ever listed.
  app.get('/api/ice-servers', { schema: { response: { 200: IceServers } } }, async (request) => {
    requireSession(request);
    const host = stunHost(request.headers.host);
    if (options.stunPort === null || host === null) return { iceServers: [] };
    return { iceServers: [{ urls: [`stun:${host}:${options.stunPort}`] }] };
  });
};
