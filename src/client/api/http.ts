// The one place the web app calls fetch(). Every response body is checked against the shared protocol schema
// before the rest of the app sees it, so a server/client mismatch fails here with a clear error instead of as an
// `undefined` deep inside a component.
import { Value } from 'typebox/value';
import type { Static, TSchema } from 'typebox';
import { CSRF_HEADER, ErrorResponse } from '../../shared/protocol/auth.js';
import { ApiError, NETWORK_ERROR, UNEXPECTED_RESPONSE } from './api-error.js';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

// The server hands out a CSRF token with the session and a new one after login and signup (the session changed);
// keeping it here means no caller can forget to send it or send a stale one.
let csrfToken = '';

export function setCsrfToken(token: string): void {
  csrfToken = token;
}

/** For the one request fetch cannot make (uploads with progress, in uploads.ts). */
export function currentCsrfToken(): string {
  return csrfToken;
}

/** `path?key=value…`, leaving out keys whose value is undefined. */
export function withQuery(path: string, query: Record<string, number | string | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value));
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

/** `signal` cancels a request whose answer is no longer wanted (a search overtaken by the next keystroke). */
export interface RequestOptions {
  signal?: AbortSignal;
}

export async function request(method: Method, path: string, body?: unknown): Promise<void>;
export async function request<S extends TSchema>(method: Method, path: string, body: unknown, schema: S, options?: RequestOptions): Promise<Static<S>>;
export async function request(method: Method, path: string, body: unknown, schema?: TSchema, options: RequestOptions = {}): Promise<unknown> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  // DELETE carries a body only when given one (deleting your account needs your password).
  const hasBody = method !== 'GET' && (method !== 'DELETE' || body !== undefined);
  if (method !== 'GET') headers[CSRF_HEADER] = csrfToken;
  if (hasBody) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: hasBody ? JSON.stringify(body ?? {}) : undefined,
      credentials: 'same-origin',
      cache: 'no-store',
      signal: options.signal,
    });
  } catch (error) {
    // Cancelled by the caller: not a network problem, and nobody is waiting for a message about it.
    if (options.signal?.aborted) throw error;
    throw new ApiError(0, NETWORK_ERROR, 'Cannot reach the server. Check your connection and try again.');
  }
  if (!response.ok) throw await errorFrom(response);
  if (!schema) return undefined;
  const payload = await readJson(response);
  if (options.signal?.aborted) throw options.signal.reason;
  if (!Value.Check(schema, payload)) {
    throw new ApiError(response.status, UNEXPECTED_RESPONSE, 'The server sent an answer this page does not understand. Try reloading.');
  }
  return payload;
}

/** Sends raw bytes (an image) instead of JSON; the server decides what they are by their content. */
export async function requestBytes<S extends TSchema>(method: Method, path: string, body: Blob, schema: S): Promise<Static<S>> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers: { Accept: 'application/json', [CSRF_HEADER]: csrfToken, 'Content-Type': body.type || 'application/octet-stream' },
      body,
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch {
    throw new ApiError(0, NETWORK_ERROR, 'Cannot reach the server. Check your connection and try again.');
  }
  if (!response.ok) throw await errorFrom(response);
  const payload = await readJson(response);
  if (!Value.Check(schema, payload)) {
    throw new ApiError(response.status, UNEXPECTED_RESPONSE, 'The server sent an answer this page does not understand. Try reloading.');
  }
  return payload;
}

export async function errorFrom(response: Response): Promise<ApiError> {
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
