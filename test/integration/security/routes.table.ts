// The authorization matrix: every HTTP route and every WebSocket command, with the answer each kind of caller must
// get. `authorization-matrix.test.ts` fails when the server has a route that is missing here (or this lists one
// that is gone), so a new route cannot ship without a line saying who may use it. `csrf-every-route.test.ts` reads
// the same table for the state-changing routes.
//
// Roles, relative to the row's target (made fresh for each row):
// - anonymous: no session (but a CSRF token, as a browser that loaded the page has);
// - deactivated: a session that was valid before the account was deactivated (issue 8; support/world.ts marks the
//   account in the database, which is what every session check reads);
// - nonMember: signed in, not in the private channel / DM;
// - member: in it, but did not create it (or did not write the message);
// - owner: created the channel, opened the DM, wrote the message.
// Without a target, member and owner are simply two signed-in people.
//
// A private conversation the caller may not see answers 404, never 403, so its existence does not leak.

import { STRONG_PASSWORD as STRONG } from '../../support/http-client.js';

export type Role = 'anonymous' | 'deactivated' | 'nonMember' | 'member' | 'owner';
/** Also the order the cells of a row run in: the owner last, since owners can destroy the target (delete). */
export const ROLES: readonly Role[] = ['anonymous', 'deactivated', 'nonMember', 'member', 'owner'];

export type TargetKind = 'privateChannel' | 'dm' | 'message';

export interface Target {
  privateChannelId: number;
  dmId: number;
  messageId: number;
  /** A text file attached to that message (its name and contents hold the secret). */
  fileId: string;
  /** A word that appears only in the private channel (its name and message): no refused answer may contain it. */
  secret: string;
}

export interface CellContext {
  role: Role;
  target: Target;
  /** The caller's own username (for anonymous: the owner's), and the owner's. */
  username: string;
  ownerName: string;
  /** Someone else, one per role, for "add a member" (each row has its own channel to add them to). */
  spareName: string;
  /** A fresh name, for sign-ups. */
  freshName: string;
}

type Status = number | readonly number[];

export interface RouteRow {
  /** Method and path exactly as the server registers them. */
  route: string;
  /** What `:id` stands for; a fresh one is made for each row. */
  target?: TargetKind;
  /** The concrete path to call, when it is not the route with `:id` filled in (a query, a page URL). */
  path?: (target: Target) => string;
  body?: (cell: CellContext) => unknown;
  expect: Record<Role, Status>;
  /** Ends or replaces the caller's session (log out, log in, sign up): everyone signs in again after the row. */
  changesSession?: true;
  /** Opened as a WebSocket upgrade (101 when accepted) rather than a plain request. */
  websocket?: true;
  /** Callers whose answer must contain the target's secret: proof that the leak check would see a leak. */
  shows?: readonly Role[];
  /** Exists only when the web app is built (`npm run build`). */
  needsBuild?: true;
  why?: string;
}

const PUBLIC = { anonymous: 200, deactivated: 200, nonMember: 200, member: 200, owner: 200 } as const;
/** Any signed-in person; no target. */
const SIGNED_IN = (status: Status) => ({ anonymous: 401, deactivated: 401, nonMember: status, member: status, owner: status });
/** Members of the target (the owner included); everyone else is told it does not exist. */
const MEMBERS = (status: Status) => ({ anonymous: 401, deactivated: 401, nonMember: 404, member: status, owner: status });
const WRONG_PASSWORD = 'Not-The-Password-0';

export const ROUTES: readonly RouteRow[] = [
  // Public: the web app, health, the CA, the session probe.
  { route: 'GET /', expect: PUBLIC, needsBuild: true },
  { route: 'GET /*', path: () => '/login', expect: PUBLIC, needsBuild: true, why: "the web app's own pages" },
  { route: 'GET /healthz', expect: PUBLIC },
  { route: 'GET /ca.pem', expect: { anonymous: 404, deactivated: 404, nonMember: 404, member: 404, owner: 404 }, why: 'this test server uses plain HTTP: there is no CA' },
  { route: 'GET /metrics', expect: PUBLIC, why: 'served to this machine without a token (the tests connect from 127.0.0.1), elsewhere only with the metrics token' },
  { route: 'GET /api/session', expect: PUBLIC },

  // Accounts and sessions.
  {
    route: 'POST /api/auth/signup',
    body: (c) => ({ username: c.freshName, password: STRONG, confirmPassword: STRONG }),
    expect: { anonymous: 201, deactivated: 201, nonMember: 201, member: 201, owner: 201 },
    changesSession: true,
    why: 'a browser that is signed in may still create another account (sign-up is open in tests)',
  },
  {
    route: 'POST /api/auth/login',
    body: (c) => ({ username: c.username, password: STRONG }),
    expect: { anonymous: 200, deactivated: 401, nonMember: 200, member: 200, owner: 200 },
    changesSession: true,
    why: 'each logs in as themselves (anonymous as the owner); a deactivated account cannot',
  },
  { route: 'POST /api/auth/logout', expect: { anonymous: 204, deactivated: 204, nonMember: 204, member: 204, owner: 204 }, changesSession: true },
  {
    route: 'POST /api/auth/password',
    body: () => ({ currentPassword: WRONG_PASSWORD, newPassword: 'Another-Secret-88', confirmPassword: 'Another-Secret-88' }),
    expect: SIGNED_IN(403),
    why: 'reaches the password check (403 WRONG_PASSWORD) only with a live session',
  },
  {
    route: 'POST /api/auth/reset-password',
    body: () => ({ token: 'A'.repeat(43), password: STRONG, confirmPassword: STRONG }),
    expect: { anonymous: 410, deactivated: 410, nonMember: 410, member: 410, owner: 410 },
    why: 'the reset token is the credential, not the session',
  },
  {
    route: 'DELETE /api/account',
    body: () => ({ password: WRONG_PASSWORD, mode: 'soft' }),
    expect: SIGNED_IN(403),
    why: 'reaches the password check only with a live session',
  },
  { route: 'GET /api/ice-servers', expect: SIGNED_IN(200) },
  {
    route: 'PUT /api/account/avatar',
    body: () => ({ not: 'an image' }),
    expect: SIGNED_IN(415),
    why: 'reaches the content check (a JSON body is no picture) only with a live session; uploads are in test/integration/profile',
  },
  { route: 'DELETE /api/account/avatar', expect: SIGNED_IN(200) },
  { route: 'PUT /api/account/colour', body: () => ({ colour: 'teal' }), expect: SIGNED_IN(200) },
  {
    route: 'GET /api/avatars/:userId/:version',
    path: () => '/api/avatars/1/1',
    expect: SIGNED_IN(404),
    why: 'any signed-in person may see anyone\'s picture; nobody here uploaded one',
  },
  { route: 'PUT /api/presence', body: () => ({ override: null }), expect: SIGNED_IN(204) },

  // Conversations.
  { route: 'GET /api/conversations', expect: SIGNED_IN(200), shows: ['member', 'owner'] },
  { route: 'GET /api/conversations/:id', target: 'privateChannel', expect: MEMBERS(200), shows: ['member', 'owner'] },
  { route: 'POST /api/conversations/private', body: (c) => ({ name: `room-${c.freshName}`, members: [] }), expect: SIGNED_IN(201) },
  {
    route: 'POST /api/conversations/dm',
    body: (c) => ({ members: [c.ownerName] }),
    expect: SIGNED_IN([200, 201]),
    why: 'anyone may message anyone: 201 for a new DM, 200 for the existing one',
  },
  { route: 'PATCH /api/conversations/:id', target: 'privateChannel', body: (c) => ({ name: `renamed-by-${c.role}` }), expect: MEMBERS(200) },
  { route: 'POST /api/conversations/:id/members', target: 'privateChannel', body: (c) => ({ username: c.spareName }), expect: MEMBERS(200) },
  { route: 'POST /api/conversations/:id/leave', target: 'privateChannel', expect: MEMBERS(204) },
  { route: 'POST /api/conversations/:id/close', target: 'dm', expect: MEMBERS(204) },
  { route: 'POST /api/conversations/:id/read', target: 'privateChannel', body: () => ({ seq: 1 }), expect: MEMBERS(200) },

  // Messages.
  { route: 'GET /api/conversations/:id/messages', target: 'privateChannel', expect: MEMBERS(200), shows: ['member', 'owner'] },
  {
    route: 'GET /api/conversations/:id/changes',
    target: 'privateChannel',
    path: (t) => `/api/conversations/${t.privateChannelId}/changes?after=0`,
    expect: MEMBERS(200),
    shows: ['member', 'owner'],
  },
  {
    route: 'POST /api/conversations/:id/messages',
    target: 'privateChannel',
    body: (c) => ({ clientId: `matrix-${c.freshName}`, text: `hello from ${c.role}` }),
    expect: MEMBERS(201),
  },
  {
    route: 'PATCH /api/messages/:id',
    target: 'message',
    body: (c) => ({ text: `edited by ${c.role}` }),
    expect: { anonymous: 401, deactivated: 401, nonMember: 404, member: 403, owner: 200 },
    why: 'only the author edits; members who can see it get 403, others 404',
  },
  {
    route: 'DELETE /api/messages/:id',
    target: 'message',
    expect: { anonymous: 401, deactivated: 401, nonMember: 404, member: 403, owner: 204 },
    why: 'only the author deletes',
  },
  { route: 'PUT /api/messages/:id/pin', target: 'message', expect: MEMBERS(200), why: 'any member who can see the message pins it' },
  { route: 'DELETE /api/messages/:id/pin', target: 'message', expect: MEMBERS(200), why: 'any member who can see the message unpins it' },
  { route: 'GET /api/conversations/:id/pins', target: 'privateChannel', expect: MEMBERS(200) },
  { route: 'GET /api/preferences', expect: SIGNED_IN(200), why: "each person's own preferences" },
  { route: 'PUT /api/preferences', body: () => ({ sounds: false }), expect: SIGNED_IN(200) },
  { route: 'PUT /api/conversations/:id/mute', target: 'privateChannel', body: () => ({ muteMentions: true }), expect: MEMBERS(200) },
  { route: 'DELETE /api/conversations/:id/mute', target: 'privateChannel', expect: MEMBERS(200) },
  { route: 'GET /api/mentions', expect: SIGNED_IN(200), why: "each reader's own unread mentions, in what they may see" },
  {
    route: 'PUT /api/messages/:id/reactions/:emoji',
    target: 'message',
    path: (t) => `/api/messages/${t.messageId}/reactions/${encodeURIComponent('👍')}`,
    expect: MEMBERS(200),
    why: 'anyone who can see the message reacts to it',
  },
  {
    route: 'DELETE /api/messages/:id/reactions/:emoji',
    target: 'message',
    path: (t) => `/api/messages/${t.messageId}/reactions/${encodeURIComponent('👍')}`,
    expect: MEMBERS(200),
    why: 'takes back one’s own reaction (a no-op when there is none)',
  },
  {
    route: 'DELETE /api/messages/:id/previews',
    target: 'message',
    expect: { anonymous: 401, deactivated: 401, nonMember: 404, member: 403, owner: 204 },
    why: 'only the author takes previews off their message',
  },
  {
    route: 'GET /api/previews/:id/image',
    path: () => '/api/previews/AAAAAAAAAAAAAAAAAAAAAA/image',
    expect: SIGNED_IN(404),
    why: 'preview images are for signed-in people (docs/SECURITY.md); this id names no image',
  },

  // Files.
  { route: 'GET /api/uploads/limits', expect: SIGNED_IN(200) },
  {
    route: 'POST /api/conversations/:id/uploads',
    target: 'privateChannel',
    body: () => ({ file: 'not multipart' }),
    expect: MEMBERS(415),
    why: 'this table sends JSON, which members are told to send as multipart (test/integration/uploads sends real files); others are refused before the body is read',
  },
  { route: 'GET /api/files/:id', path: (t) => `/api/files/${t.fileId}`, expect: MEMBERS(200), shows: ['member', 'owner'] },
  { route: 'GET /api/files/:id/preview', path: (t) => `/api/files/${t.fileId}/preview`, expect: MEMBERS(200), shows: ['member', 'owner'] },
  {
    route: 'GET /api/files/:id/thumbnail',
    path: (t) => `/api/files/${t.fileId}/thumbnail`,
    expect: MEMBERS(404),
    why: 'the target file is text, which has no thumbnail (test/integration/uploads covers images)',
  },
  {
    route: 'GET /api/search',
    // Part of the secret, so that an answer echoing the query is not mistaken for a leak.
    path: (t) => `/api/search?q=${t.secret.slice(0, -2)}`,
    expect: SIGNED_IN(200),
    shows: ['member', 'owner'],
    why: 'everyone may search; a non-member finds nothing of the private channel (the leak check reads the answer)',
  },

  // The WebSocket itself.
  { route: 'GET /api/ws', websocket: true, expect: SIGNED_IN(101) },
];

export type CommandOutcome = 'ok' | 'no socket' | 'NOT_FOUND';

export interface CommandRow {
  /** The `type` of a ClientCommand. */
  command: string;
  target?: TargetKind;
  frame: (target: Target) => unknown;
  expect: Record<Role, CommandOutcome>;
}

const NO_SOCKET = { anonymous: 'no socket', deactivated: 'no socket' } as const;
/** A call or share id no server has handed out. */
const NO_CALL = '00000000-0000-4000-8000-000000000000';

export const COMMANDS: readonly CommandRow[] = [
  {
    command: 'typing.start',
    target: 'privateChannel',
    frame: (t) => ({ type: 'typing.start', conversationId: t.privateChannelId }),
    expect: { ...NO_SOCKET, nonMember: 'NOT_FOUND', member: 'ok', owner: 'ok' },
  },
  { command: 'presence.set', frame: () => ({ type: 'presence.set', state: 'idle' }), expect: { ...NO_SOCKET, nonMember: 'ok', member: 'ok', owner: 'ok' } },
  { command: 'ping', frame: () => ({ type: 'ping' }), expect: { ...NO_SOCKET, nonMember: 'ok', member: 'ok', owner: 'ok' } },
  // Only a filter on what the tab is sent: typing still goes to members alone, so naming a channel one is not in is
  // harmless and gets nothing.
  {
    command: 'view',
    target: 'privateChannel',
    frame: (t) => ({ type: 'view', conversationId: t.privateChannelId }),
    expect: { ...NO_SOCKET, nonMember: 'ok', member: 'ok', owner: 'ok' },
  },
  // Calls and screen shares. Starting one needs membership; the commands naming a call or share are sent here for one
  // that does not exist (refused alike for everyone, so a call's existence does not leak, while leaving and stopping
  // are harmless no-ops). Who may act in a real call is covered by test/integration/calls.
  {
    command: 'call.start',
    target: 'privateChannel',
    frame: (t) => ({ type: 'call.start', conversationId: t.privateChannelId }),
    expect: { ...NO_SOCKET, nonMember: 'NOT_FOUND', member: 'ok', owner: 'ok' },
  },
  { command: 'call.join', frame: () => ({ type: 'call.join', callId: NO_CALL }), expect: { ...NO_SOCKET, nonMember: 'NOT_FOUND', member: 'NOT_FOUND', owner: 'NOT_FOUND' } },
  { command: 'call.decline', frame: () => ({ type: 'call.decline', callId: NO_CALL }), expect: { ...NO_SOCKET, nonMember: 'NOT_FOUND', member: 'NOT_FOUND', owner: 'NOT_FOUND' } },
  { command: 'call.leave', frame: () => ({ type: 'call.leave', callId: NO_CALL }), expect: { ...NO_SOCKET, nonMember: 'ok', member: 'ok', owner: 'ok' } },
  {
    command: 'call.invite',
    frame: () => ({ type: 'call.invite', callId: NO_CALL, userId: 1 }),
    expect: { ...NO_SOCKET, nonMember: 'NOT_FOUND', member: 'NOT_FOUND', owner: 'NOT_FOUND' },
  },
  {
    command: 'call.media',
    frame: () => ({ type: 'call.media', callId: NO_CALL, media: { muted: true, camera: false, screen: false } }),
    expect: { ...NO_SOCKET, nonMember: 'NOT_FOUND', member: 'NOT_FOUND', owner: 'NOT_FOUND' },
  },
  { command: 'signal', frame: () => ({ type: 'signal', callId: NO_CALL, to: 1, candidate: null }), expect: { ...NO_SOCKET, nonMember: 'NOT_FOUND', member: 'NOT_FOUND', owner: 'NOT_FOUND' } },
  {
    command: 'share.start',
    target: 'privateChannel',
    frame: (t) => ({ type: 'share.start', conversationId: t.privateChannelId }),
    expect: { ...NO_SOCKET, nonMember: 'NOT_FOUND', member: 'ok', owner: 'ok' },
  },
  { command: 'share.watch', frame: () => ({ type: 'share.watch', shareId: NO_CALL }), expect: { ...NO_SOCKET, nonMember: 'NOT_FOUND', member: 'NOT_FOUND', owner: 'NOT_FOUND' } },
  { command: 'share.unwatch', frame: () => ({ type: 'share.unwatch', shareId: NO_CALL }), expect: { ...NO_SOCKET, nonMember: 'ok', member: 'ok', owner: 'ok' } },
  { command: 'share.stop', frame: () => ({ type: 'share.stop', shareId: NO_CALL }), expect: { ...NO_SOCKET, nonMember: 'ok', member: 'ok', owner: 'ok' } },
];
