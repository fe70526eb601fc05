import { createHash } from 'node:crypto';
import { AppError } from '../../lib/app-error.js';
import type { SearchPosition } from './search.store.js';

const VERSION = 1;

/** A short fingerprint of the query, so a cursor is only ever used for the search that made it. */
function fingerprint(query: string): string {
  return createHash('sha256').update(query).digest('base64url').slice(0, 11);
}

/** "Load more": where the next page starts, opaque to clients (base64url JSON). */
export function encodeCursor(position: SearchPosition, query: string): string {
  return Buffer.from(JSON.stringify([VERSION, position.tier, position.beforeId, fingerprint(query)])).toString('base64url');
}

export function decodeCursor(cursor: string, query: string): SearchPosition {
  let fields: unknown;
  try {
    fields = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    fields = null;
  }
  if (Array.isArray(fields) && fields.length === 4) {
    const [version, tier, beforeId, print] = fields as unknown[];
    if (version === VERSION && Number.isSafeInteger(tier) && Number.isSafeInteger(beforeId) && print === fingerprint(query)) {
      return { tier: tier as number, beforeId: beforeId as number };
    }
  }
  throw new AppError('INVALID_SEARCH', 'This "Load more" belongs to another search; search again.');
}
