import { ERRORS, type ErrorCode } from '../../shared/protocol/errors.js';

/**
 * A refusal the person can act on. Domain code throws it with a code and a message written for people; the
 * HTTP layer turns it into `{ error: { code, message } }` with the status the code carries.
 */
export class AppError extends Error {
  override name = 'AppError';
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.status = ERRORS[code];
  }
}
