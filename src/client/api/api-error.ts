import type { ErrorCode } from '../../shared/protocol/errors.js';

// Codes the client makes up itself when there is no server answer to carry one.
export const NETWORK_ERROR = 'NETWORK_ERROR';
export const UNEXPECTED_RESPONSE = 'UNEXPECTED_RESPONSE';
export type ClientErrorCode = typeof NETWORK_ERROR | typeof UNEXPECTED_RESPONSE;

/** A failed API call, carrying the server's error code and its message, which is written for people. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | ClientErrorCode | (string & {}),
    message: string,
    readonly details?: unknown,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** Ids of the password rules the server says were broken (WEAK_PASSWORD), if any. */
  get brokenRules(): string[] {
    const rules = (this.details as { rules?: unknown } | undefined)?.rules;
    return Array.isArray(rules) ? rules.filter((rule): rule is string => typeof rule === 'string') : [];
  }
}
