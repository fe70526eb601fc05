import type { FastifyReply } from 'fastify';

export const SESSION_COOKIE = 'mm_session';
export const CSRF_COOKIE = 'mm_csrf';

export interface CookiePolicy {
  secure: boolean;
  sessionMaxAgeSeconds: number;
}

export function setSessionCookie(reply: FastifyReply, token: string, policy: CookiePolicy): void {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    secure: policy.secure,
    sameSite: 'lax',
    path: '/',
    maxAge: policy.sessionMaxAgeSeconds,
  });
}

export function clearSessionCookie(reply: FastifyReply, policy: CookiePolicy): void {
  reply.clearCookie(SESSION_COOKIE, { httpOnly: true, secure: policy.secure, sameSite: 'lax', path: '/' });
}

/** The CSRF secret lives in an HttpOnly cookie; the page learns it from `GET /api/session` and echoes it in a header. */
export function setCsrfCookie(reply: FastifyReply, token: string, policy: CookiePolicy): void {
  reply.setCookie(CSRF_COOKIE, token, { httpOnly: true, secure: policy.secure, sameSite: 'strict', path: '/' });
}
