import type { FastifyInstance, FastifyReply } from 'fastify';

// No inline script or style anywhere in the app, so the policy can stay this strict. 'self' in connect-src
// covers the same-origin WebSocket.
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const HEADERS: Record<string, string> = {
  'content-security-policy': CSP,
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  // Calls and screen sharing need these three, for this origin only.
  'permissions-policy': 'microphone=(self), camera=(self), display-capture=(self), geolocation=(), payment=(), usb=()',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

/** Also called directly for the router's own refusals, which no hook sees. */
export function setSecurityHeaders(reply: FastifyReply, options: { tls: boolean }): void {
  for (const [name, value] of Object.entries(HEADERS)) reply.header(name, value);
  if (options.tls) reply.header('strict-transport-security', 'max-age=31536000');
}

export function installSecurityHeaders(app: FastifyInstance, options: { tls: boolean }): void {
  app.addHook('onSend', async (_request, reply, payload) => {
    setSecurityHeaders(reply, options);
    return payload;
  });
}
