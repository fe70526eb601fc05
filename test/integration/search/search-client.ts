import type { SearchResults, Snippet } from '../../../src/shared/protocol/search.js';
import { expectStatus, type ChatUser } from '../../support/chat-user.js';

/** `GET /api/search` as the web app calls it. */
export function searchRequest(user: ChatUser, q: string, params: Record<string, string | number> = {}): Promise<Response> {
  const query = new URLSearchParams({ q, ...Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)])) });
  return user.http.get(`/api/search?${query.toString()}`);
}

export async function search(user: ChatUser, q: string, params: Record<string, string | number> = {}): Promise<SearchResults> {
  return expectStatus(await searchRequest(user, q, params), 200);
}

/** The texts of the first page of results, best first. */
export async function found(user: ChatUser, q: string, params: Record<string, string | number> = {}): Promise<string[]> {
  return (await search(user, q, params)).results.map((r) => r.message.text ?? '');
}

/** A snippet with its highlighted parts in [brackets], as the client's <mark>s would show them. */
export function marked({ text, highlights }: Snippet): string {
  let out = '';
  let at = 0;
  for (const { start, end } of highlights) {
    out += `${text.slice(at, start)}[${text.slice(start, end)}]`;
    at = end;
  }
  return out + text.slice(at);
}
