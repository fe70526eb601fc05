import { randomBytes } from 'node:crypto';
import type { Conversation, ConversationList } from '../../src/shared/protocol/conversations.js';
import type { ChangesPage } from '../../src/shared/protocol/events.js';
import type { HistoryPage, Message } from '../../src/shared/protocol/messages.js';
import { HttpClient } from './http-client.js';
import { WsClient } from './ws-client.js';

/** A fresh client id, as the composer makes one per message. */
export function newClientId(): string {
  return randomBytes(12).toString('base64url');
}

/** Reads a JSON answer, failing with the status and body when it is not the expected one. */
export async function expectStatus<T = unknown>(response: Response, status: number): Promise<T> {
  const text = await response.text();
  if (response.status !== status) {
    throw new Error(`${response.url}: expected HTTP ${status}, got ${response.status}: ${text}`);
  }
  return (text === '' ? undefined : JSON.parse(text)) as T;
}

/**
 * One person using MiniMost over real HTTP (and, once `connect`ed, real WebSockets), with methods named after
 * what they do in the app. Each call asserts success; the `request` escape hatch is there for refusals.
 */
export class ChatUser {
  private constructor(
    readonly http: HttpClient,
    readonly id: number,
    readonly username: string,
  ) {}

  static async signUp(baseUrl: string, username: string): Promise<ChatUser> {
    const http = new HttpClient(baseUrl);
    const body = await expectStatus<{ user: { id: number; username: string } }>(await http.signUp(username), 201);
    return new ChatUser(http, body.user.id, body.user.username);
  }

  static async logIn(baseUrl: string, username: string, password?: string): Promise<ChatUser> {
    const http = new HttpClient(baseUrl);
    const body = await expectStatus<{ user: { id: number; username: string } }>(await http.logIn(username, password), 200);
    return new ChatUser(http, body.user.id, body.user.username);
  }

  /** Opens a tab: a WebSocket with this person's session, ready once `hello` arrived. */
  connect(): Promise<WsClient> {
    return WsClient.connect(this.http);
  }

  request(method: string, path: string, body?: unknown): Promise<Response> {
    return this.http.request(method, path, body === undefined ? {} : { body });
  }

  async conversations(): Promise<ConversationList> {
    return expectStatus(await this.http.get('/api/conversations'), 200);
  }

  async conversation(id: number): Promise<Conversation> {
    return expectStatus(await this.http.get(`/api/conversations/${id}`), 200);
  }

  /** A channel in this person's sidebar by name (public or private). */
  async channel(name: string): Promise<Conversation> {
    const { conversations } = await this.conversations();
    const found = conversations.find((c) => c.kind !== 'dm' && c.name === name);
    if (!found) throw new Error(`${this.username} has no channel named ${name}: ${conversations.map((c) => c.name).join(', ')}`);
    return found;
  }

  sendRequest(conversationId: number, text: string, options: { clientId?: string; replyToId?: number | null } = {}): Promise<Response> {
    const body: Record<string, unknown> = { clientId: options.clientId ?? newClientId(), text };
    if (options.replyToId !== undefined) body.replyToId = options.replyToId;
    return this.http.post(`/api/conversations/${conversationId}/messages`, body);
  }

  async send(conversationId: number, text: string, options: { clientId?: string; replyToId?: number | null } = {}): Promise<Message> {
    const { message } = await expectStatus<{ message: Message }>(await this.sendRequest(conversationId, text, options), 201);
    return message;
  }

  async edit(messageId: number, text: string): Promise<Message> {
    return expectStatus(await this.request('PATCH', `/api/messages/${messageId}`, { text }), 200);
  }

  async delete(messageId: number): Promise<void> {
    await expectStatus(await this.request('DELETE', `/api/messages/${messageId}`), 204);
  }

  async history(conversationId: number, query = ''): Promise<HistoryPage> {
    return expectStatus(await this.http.get(`/api/conversations/${conversationId}/messages${query}`), 200);
  }

  async changes(conversationId: number, after: number): Promise<ChangesPage> {
    return expectStatus(await this.http.get(`/api/conversations/${conversationId}/changes?after=${after}`), 200);
  }

  async markRead(conversationId: number, seq: number): Promise<number> {
    const { readSeq } = await expectStatus<{ readSeq: number }>(await this.http.post(`/api/conversations/${conversationId}/read`, { seq }), 200);
    return readSeq;
  }

  async createPrivateChannel(name: string, members: string[]): Promise<Conversation> {
    return expectStatus(await this.http.post('/api/conversations/private', { name, members }), 201);
  }

  async rename(conversationId: number, name: string): Promise<Conversation> {
    return expectStatus(await this.request('PATCH', `/api/conversations/${conversationId}`, { name }), 200);
  }

  async addMember(conversationId: number, username: string): Promise<Conversation> {
    return expectStatus(await this.http.post(`/api/conversations/${conversationId}/members`, { username }), 200);
  }

  async leave(conversationId: number): Promise<void> {
    await expectStatus(await this.http.post(`/api/conversations/${conversationId}/leave`), 204);
  }

  /** Starts (or finds) the DM with these people; `created` tells which. */
  async openDm(members: string[]): Promise<{ conversation: Conversation; created: boolean }> {
    const response = await this.http.post('/api/conversations/dm', { members });
    const created = response.status === 201;
    return { conversation: await expectStatus<Conversation>(response, created ? 201 : 200), created };
  }

  async closeDm(conversationId: number): Promise<void> {
    await expectStatus(await this.http.post(`/api/conversations/${conversationId}/close`), 204);
  }

  async setPresenceOverride(override: 'away' | 'offline' | null): Promise<void> {
    await expectStatus(await this.request('PUT', '/api/presence', { override }), 204);
  }
}

/** Signs up several people, one after another so ids follow the order given: `const [alice, bob] = await signUpAll(url, 'alice', 'bob')`. */
export async function signUpAll<const Names extends readonly string[]>(baseUrl: string, ...names: Names): Promise<{ [K in keyof Names]: ChatUser }> {
  const users: ChatUser[] = [];
  for (const name of names) users.push(await ChatUser.signUp(baseUrl, name));
  return users as { [K in keyof Names]: ChatUser };
}

/** Opens one tab for each person, in parallel: `const [aliceTab, bobTab] = await connectAll(alice, bob)`. */
export function connectAll<const Users extends readonly ChatUser[]>(...users: Users): Promise<{ [K in keyof Users]: WsClient }> {
  return Promise.all(users.map((user) => user.connect())) as Promise<{ [K in keyof Users]: WsClient }>;
}
