import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/api.js';
import { errorMessage } from './error-message.js';

describe('errorMessage', () => {
  it('shows the server’s message as it is', () => {
    expect(errorMessage(new ApiError(401, 'INVALID_CREDENTIALS', 'Wrong username or password.'))).toBe('Wrong username or password.');
  });

  it('adds when to retry if the server said so only in Retry-After', () => {
    expect(errorMessage(new ApiError(429, 'RATE_LIMITED', 'Too many attempts.', undefined, 30))).toBe('Too many attempts. Try again in 30 seconds.');
    expect(errorMessage(new ApiError(429, 'RATE_LIMITED', 'Too many attempts. Try again in 1 minute.', undefined, 60))).toBe(
      'Too many attempts. Try again in 1 minute.',
    );
  });

  it('never shows a programming error to a person', () => {
    expect(errorMessage(new TypeError('x is undefined'))).toBe('Something went wrong. Try again.');
  });
});
