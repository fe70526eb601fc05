// Every error the API returns carries one of these codes; the HTTP status lives beside it so a route cannot
// pick a status that disagrees with the code.

export const ERRORS = {
  BAD_REQUEST: 400,
  VALIDATION_FAILED: 400,
  INVALID_JSON: 400,
  INVALID_USERNAME: 400,
  RESERVED_USERNAME: 400,
  WEAK_PASSWORD: 400,
  PASSWORD_MISMATCH: 400,
  INVALID_NAME: 400,
  UNKNOWN_USER: 400,
  EMPTY_MESSAGE: 400,
  INVALID_REPLY: 400,
  INVALID_SEARCH: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  WRONG_PASSWORD: 403,
  CSRF_FAILED: 403,
  ORIGIN_REJECTED: 403,
  FORBIDDEN: 403,
  SIGNUP_CLOSED: 403,
  NOT_FOUND: 404,
  USERNAME_TAKEN: 409,
  ALREADY_MEMBER: 409,
  INVALID_RESET_TOKEN: 410,
  PAYLOAD_TOO_LARGE: 413,
  MESSAGE_TOO_LONG: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  ACCOUNT_LOCKED: 423,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
  CALLS_NOT_ALLOWED: 403,
  CALL_BUSY: 409,
} as const;

export type ErrorCode = keyof typeof ERRORS;

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}
