// Turns a failed action into the sentence the form shows. The server's messages are written for people, so they
// are shown as they are; only what the server cannot say (no answer at all, when to retry) is added here.
import { ApiError } from '../../api/api.js';

export function errorMessage(error: unknown): string {
  if (!(error instanceof ApiError)) return 'Something went wrong. Try again.';
  const wait = error.retryAfterSeconds;
  if (wait && !/try again/i.test(error.message)) return `${error.message} Try again in ${formatWait(wait)}.`;
  return error.message;
}

function formatWait(seconds: number): string {
  if (seconds < 60) return seconds === 1 ? '1 second' : `${Math.ceil(seconds)} seconds`;
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}
