// The one place the web app talks to the server over HTTP. Every response body is checked against the shared
// protocol schema before the rest of the app sees it, so a server/client mismatch fails here with a clear error
// instead of as an `undefined` deep inside a component.
import { Value } from 'typebox/value';
import type { TSchema, Static } from 'typebox';
import {
  AuthResult,
  CSRF_HEADER,
  ErrorResponse,
  SessionInfo,
  type ChangePasswordRequest,
  type Credentials,
  type ResetPasswordRequest,
  type SignupRequest,
} from '../../shared/protocol/auth.js';
import { ApiError, NETWORK_ERROR, UNEXPECTED_RESPONSE } from './api-error.js';

export { ApiError } from './api-error.js';

// The server hands out a CSRF token with the session and a new one after login and signup (the session changed);
// keeping it here means no caller can forget to send it or send a stale one.
let csrfToken = '';

export const api = {
  async getSession(): Promise<SessionInfo> {
    const session = await request('GET', '/api/session', undefined, SessionInfo);
    csrfToken = session.csrfToken;
    return session;
  },

  async signUp(body: SignupRequest): Promise<AuthResult> {
    const result = await request('POST', '/api/auth/signup', body, AuthResult);
    csrfToken = result.csrfToken;
    return result;
  },

  async logIn(body: Credentials): Promise<AuthResult> {
    const result = await request('POST', '/api/auth/login', body, AuthResult);
    csrfToken = result.csrfToken;
    return result;
  },

  async logOut(): Promise<void> {
    await request('POST', '/api/auth/logout', {});
  },

  async changePassword(body: ChangePasswordRequest): Promise<void> {
    await request('POST', '/api/auth/password', body);
  },

  async resetPassword(body: ResetPasswordRequest): Promise<void> {
    await request('POST', '/api/auth/reset-password', body);
  },
};

export type Api = typeof api;

async function request(method: 'GET' | 'POST', path: string, body?: unknown): Promise<void>;
async function request<S extends TSchema>(method: 'GET' | 'POST', path: string, body: unknown, schema: S): Promise<Static<S>>;
async function request(method: 'GET' | 'POST', path: string, body: unknown, schema?: TSchema): Promise<unknown> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (method !== 'GET') {
    headers['Content-Type'] = 'application/json';
    headers[CSRF_HEADER] = csrfToken;
  }
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: method === 'GET' ? undefined : JSON.stringify(body ?? {}),
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch {
    throw new ApiError(0, NETWORK_ERROR, 'Cannot reach the server. Check your connection and try again.');
  }
  if (!response.ok) throw await errorFrom(response);
  if (!schema) return undefined;
  const payload = await readJson(response);
  if (!Value.Check(schema, payload)) {
    throw new ApiError(response.status, UNEXPECTED_RESPONSE, 'The server sent an answer this page does not understand. Try reloading.');
  }
  return payload;
}

async function errorFrom(response: Response): Promise<ApiError> {
  const payload = await readJson(response);
  const retryAfter = Number(response.headers.get('Retry-After'));
  const retryAfterSeconds = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined;
  if (Value.Check(ErrorResponse, payload)) {
    const { code, message, details } = payload.error;
    return new ApiError(response.status, code, message, details, retryAfterSeconds);
  }
  // A proxy or a crash can answer without our error shape; still tell the person something useful.
  return new ApiError(response.status, UNEXPECTED_RESPONSE, `The server answered ${response.status} ${response.statusText}. Try again.`, undefined, retryAfterSeconds);
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    return undefined;
  }
}
