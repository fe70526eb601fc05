import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import fastifyWebsocket from '@fastify/websocket';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { AuditLog } from './audit/audit-log.js';
import type { Config } from './config/index.js';
import { installCsrfProtection } from './http/csrf.js';
import { answerFrameworkError, installErrorHandler } from './http/error-handler.js';
import { installJsonParser } from './http/json-body.js';
import { createRefusalPacer, installRefusalPacing } from './http/refusal-pacing.js';
import { installSecurityHeaders, setSecurityHeaders } from './http/security-headers.js';
import { installSessionAuth } from './http/session-auth.js';
import { installStaticClient } from './http/static-client.js';
import { installValidation } from './http/validation.js';
import type { Clock } from './lib/clock.js';
import { authRoutes } from './modules/auth/auth.routes.js';
import { createAuthService, type AuthService } from './modules/auth/auth.service.js';
import type { PasswordHasher } from './modules/auth/password-hasher.js';
import { conversationRoutes } from './modules/conversations/conversations.routes.js';
import { createCallService, type CallService } from './modules/calls/calls.service.js';
import { createConversationService, type ConversationService } from './modules/conversations/conversations.service.js';
import { mentionRoutes } from './modules/mentions/mentions.routes.js';
import { createMentionService } from './modules/mentions/mentions.service.js';
import { messageRoutes } from './modules/messages/messages.routes.js';
import { createMessageService, type MessageService } from './modules/messages/messages.service.js';
import { pinRoutes } from './modules/pins/pins.routes.js';
import { createPinService } from './modules/pins/pins.service.js';
import { createPresenceService, type PresenceService } from './modules/presence/presence.service.js';
import { searchRoutes } from './modules/search/search.routes.js';
import { createSearchService } from './modules/search/search.service.js';
import { systemRoutes } from './modules/system/system.routes.js';
import { createLocalEventBus, type EventBus } from './realtime/event-bus.js';
import { createHub, type Hub } from './realtime/hub.js';
import { CLOSE_SESSION_ENDED, socketRoutes } from './realtime/socket.routes.js';
import type { Storage } from './storage/sqlite/storage.js';
import type { CurrentSettings } from './config/live-settings.js';
import { logsRequests } from './logging/logger.js';
import { createMetrics, type Metrics } from './metrics/metrics.js';
import { installMetrics } from './metrics/metrics.routes.js';
import { accountRoutes } from './modules/accounts/accounts.routes.js';
import { createAccountService, type AccountService } from './modules/accounts/accounts.service.js';
import { scheduleRetention } from './modules/retention/retention.job.js';
import { describeRetention } from './modules/retention/retention.report.js';
import { createRetentionService, type RetentionService } from './modules/retention/retention.service.js';
import { closeSocketsOfEndedSessions } from './realtime/revoked-sessions.js';
import { createAvatarFiles } from './modules/profiles/avatar-files.js';
import { profileRoutes } from './modules/profiles/profiles.routes.js';
import { createProfileService, type ProfileService } from './modules/profiles/profiles.service.js';
import { lazyReactionEmojiCatalogue } from './modules/reactions/emoji-set.js';
import { reactionRoutes } from './modules/reactions/reactions.routes.js';
import { createReactionService } from './modules/reactions/reactions.service.js';
import { previewRoutes } from './modules/previews/previews.routes.js';
import { createPreviewService, type PreviewService } from './modules/previews/previews.service.js';
import type { PreviewNet } from './modules/previews/safe-fetch.js';
import { openUploadFolder } from './modules/uploads/upload-folder.js';
import { uploadRoutes } from './modules/uploads/uploads.routes.js';
import { createUploadService, type UploadService } from './modules/uploads/uploads.service.js';
import { preferenceRoutes } from './modules/preferences/preferences.routes.js';
import { createPreferenceService } from './modules/preferences/preferences.service.js';

export interface AppDeps {
  storage: Storage;
  clock: Clock;
  hasher: PasswordHasher;
  audit: AuditLog;
  /** Built web app folder (dist/client). */
  clientDir: string;
  /** Certificate and key when serving HTTPS; null for plain HTTP. */
  https: { key: string; cert: string } | null;
  /** The generated CA, offered at /ca.pem. */
  caCert: string | null;
  stunPort: number | null;
  isHealthy: () => boolean;
  bus?: EventBus;
  logger?: FastifyServerOptions['logger'];
  /** main.ts's pino logger, used instead of `logger`. */
  loggerInstance?: FastifyBaseLogger;
  /** The settings as they are now (the live ones change without a restart); the start-up settings if not given. */
  currentSettings?: CurrentSettings;
  /** The network link previews use (tests: a fake resolver and loopback-only connections) and their time limit. */
  previews?: { net?: PreviewNet; timeoutMs?: number };
}

export interface App {
  server: FastifyInstance;
  auth: AuthService;
  conversations: ConversationService;
  messages: MessageService;
  presence: PresenceService;
  calls: CallService;
  hub: Hub;
  accounts: AccountService;
  retention: RetentionService;
  metrics: Metrics;
  profiles: ProfileService;
  previews: PreviewService;
  uploads: UploadService;
}

const BODY_LIMIT = 256 * 1024;
const WS_MAX_FRAME = 64 * 1024;
const PRESENCE_SWEEP_MS = 15_000;
const CALL_SWEEP_MS = 1_000;
const UPLOAD_SWEEP_MS = 3_600_000;

/** The one composition root: builds every service and route from config and deps. It never listens. */
export async function createApp(config: Config, deps: AppDeps): Promise<App> {
  const { settings } = config;
  const { storage, clock } = deps;
  // Each request (headers and body) must arrive within request_timeout_seconds, so a slow drip cannot hold a
  // connection open forever; Fastify's default (0) would turn Node's limit off. Node enforces it on a timer, and
  // for bodies only when it is given at the server's creation: hence in both places.
  const requestTimeout = settings.request_timeout_seconds * 1000;
  const timeouts = { requestTimeout, connectionsCheckingInterval: Math.min(30_000, Math.max(250, requestTimeout / 4)) };
  const base = { logger: deps.logger ?? false, bodyLimit: BODY_LIMIT, trustProxy: settings.trust_proxy, requestTimeout };
  // Typed as the HTTP flavour: routes and hooks are the same over TLS.
  const transport = deps.https ? { https: { ...deps.https, ...timeouts } } : { http: timeouts };
  const options = { ...base, ...transport } as FastifyServerOptions;
  // A line per request only at debug: at info the log is for starts, stops and problems.
  Object.assign(options, {
    loggerInstance: deps.loggerInstance,
    logController: new LogController({ disableRequestLogging: !logsRequests(settings.log_level) }),
  });
  // The router's own refusals (a bad % escape) skip every hook: give them our error shape and headers here.
  options.frameworkErrors = (err, request, reply) => {
    setSecurityHeaders(reply, { tls: deps.https !== null });
    answerFrameworkError(err, request, reply);
  };
  const server = Fastify(options).withTypeProvider<TypeBoxTypeProvider>();
  const current = deps.currentSettings ?? (() => settings);
  const metrics = createMetrics();

  const bus = deps.bus ?? createLocalEventBus();
  const hub = createHub();
  bus.subscribe((audience, event) => metrics.timeFanout(() => hub.deliver(audience, event)));

  const presence = createPresenceService({ clock, bus, store: storage.conversations });
  const uploadFolder = openUploadFolder(config.dataDir);
  uploadFolder.clearUnfinished();
  const uploads = createUploadService({
    store: storage.uploads,
    messages: storage.messages,
    conversations: storage.conversations,
    folder: uploadFolder,
    clock,
    maxUploadBytes: () => current().max_upload_mb * 1024 * 1024,
    onError: (err) => server.log.error({ err }, 'removing files failed'),
  });
  const messages = createMessageService({
    messages: storage.messages,
    conversations: storage.conversations,
    bus,
    clock,
    onSent: (message) => {
      metrics.countMessageSent();
      if (message.authorId !== null) conversations.typingFinished(message.authorId, message.conversationId);
    },
    onDeleted: () => uploads.sweepSoon(),
    isActive: (userId) => presence.status(userId) === 'active',
    onTextChanged: (record, previousBody) => previews.messageChanged(record, previousBody),
  });
  const previews = createPreviewService({
    store: storage.previews,
    messages: storage.messages,
    conversations: storage.conversations,
    clock,
    imageDir: path.join(config.dataDir, 'previews'),
    enabled: settings.link_previews,
    allowHosts: settings.preview_allow_hosts,
    announceUpdate: messages.announceUpdate,
    net: deps.previews?.net,
    timeoutMs: deps.previews?.timeoutMs,
    onError: (err) => server.log.error({ err }, 'link preview failed'),
    onSkipped: (url, reason) => server.log.debug({ url, reason }, 'no link preview'),
  });
  const conversations = createConversationService({
    store: storage.conversations,
    bus,
    clock,
    announceMessage: messages.announceNew,
    onMemberLeft: (conversationId, userId) => calls.memberLeft(conversationId, userId),
  });
  const calls = createCallService({
    store: storage.conversations,
    calls: storage.calls,
    bus,
    clock,
    announceMessage: messages.announceNew,
    ringSeconds: () => settings.call_ring_seconds,
  });
  await storage.conversations.syncPublicChannels(settings.channels, clock.now());
  // Before anyone connects: calls a killed process left open are ended, with their notices.
  await calls.endUnfinished();

  const auth = createAuthService({
    stores: storage.auth,
    hasher: deps.hasher,
    clock,
    audit: deps.audit,
    signupOpen: () => current().signup === 'open',
    policy: {
      passwordMinLength: settings.password_min_length,
      maxFailures: settings.login_max_failures,
      lockoutMs: settings.login_lockout_minutes * 60_000,
      failureDelayMs: settings.login_failure_delay_ms,
      sessionIdleMs: settings.session_idle_minutes * 60_000,
    },
    hooks: {
      userCreated: (user) => conversations.welcomeUser(user),
      resetRequested: (user) =>
        conversations.notifyPasswordResetRequested(user.id),
      sessionsRevoked: (revoked) =>
        hub.closeWhere(
          (c) => ('tokenHash' in revoked ? c.sessionHash.equals(revoked.tokenHash) : c.userId === revoked.userId && !(revoked.keep && c.sessionHash.equals(revoked.keep))),
          CLOSE_SESSION_ENDED,
          'session ended',
        ),
    },
  });
  const cookies = { secure: deps.https !== null, sessionMaxAgeSeconds: settings.session_idle_minutes * 60 };

  const refusals = createRefusalPacer(settings.refusal_delay_ms);
  installValidation(server);
  installErrorHandler(server);
  installRefusalPacing(server, refusals);
  installJsonParser(server);
  installSecurityHeaders(server, { tls: deps.https !== null });
  await server.register(fastifyCookie);
  await server.register(fastifyRateLimit, { global: false });
  await server.register(fastifyWebsocket, { options: { maxPayload: WS_MAX_FRAME } });
  installCsrfProtection(server, { publicUrl: settings.public_url });
  installSessionAuth(server, auth);
  installMetrics(server, {
    metrics,
    token: () => current().metrics_token,
    gauges: { webSocketConnections: () => hub.connectionCount, databaseSizeBytes: () => storage.database.fileBytes() },
  });

  await server.register(systemRoutes, { caCert: deps.caCert, stunPort: deps.stunPort, isHealthy: deps.isHealthy });
  await server.register(authRoutes, {
    auth,
    cookies,
    passwordMinLength: settings.password_min_length,
    loginPerMinute: settings.login_rate_limit_per_minute,
    signupPerMinute: settings.signup_rate_limit_per_minute,
    signupOpen: () => current().signup === 'open',
  });
  await server.register(conversationRoutes, { conversations, presence });
  await server.register(messageRoutes, { messages, sendsPerMinute: settings.message_rate_limit_per_minute });
  await server.register(mentionRoutes, { mentions: createMentionService({ store: storage.mentions }) });
  const pins = createPinService({ pins: storage.pins, messages: storage.messages, conversations: storage.conversations, clock, announceUpdate: messages.announceUpdate });
  await server.register(pinRoutes, { pins });
  const reactions = createReactionService({
    reactions: storage.reactions,
    messages: storage.messages,
    conversations: storage.conversations,
    emoji: lazyReactionEmojiCatalogue(),
    clock,
    announceUpdate: messages.announceUpdate,
  });
  await server.register(reactionRoutes, { reactions, perMinute: settings.reaction_rate_limit_per_minute });
  await server.register(previewRoutes, { previews });
  await server.register(uploadRoutes, { uploads, perMinute: settings.upload_rate_limit_per_minute });
  await server.register(searchRoutes, { search: createSearchService({ store: storage.search, conversations: storage.conversations }) });
  await server.register(socketRoutes, { hub, presence, conversations, calls, publicUrl: settings.public_url, maxSocketsPerUser: settings.max_sockets_per_user, refusals });
  const profiles = createProfileService({ store: storage.profiles, files: createAvatarFiles(config.dataDir), bus });
  await server.register(profileRoutes, { profiles });
  await server.register(preferenceRoutes, { preferences: createPreferenceService({ store: storage.preferences, conversations: storage.conversations, bus }) });
  const closeUserSockets = (userId: number) => hub.closeWhere((c) => c.userId === userId, CLOSE_SESSION_ENDED, 'session ended');
  const accounts = createAccountService({
    accounts: storage.accounts,
    auth: storage.auth,
    hasher: deps.hasher,
    clock,
    audit: deps.audit,
    hooks: {
      sessionsEnded: closeUserSockets,
      deleteMessagesOf: async (userId) => {
        const deleted = await messages.deleteAllMessagesOf(userId);
        await uploads.removeAllOf(userId);
        return deleted;
      },
      accountDeleted: (userId) => profiles.forgetUser(userId),
    },
  });
  await server.register(accountRoutes, { accounts, cookies, attemptsPerMinute: settings.login_rate_limit_per_minute });
  await installStaticClient(server, deps.clientDir);

  const retention = createRetentionService({ store: storage.retention, clock, policy: current, users: storage.conversations, attachments: uploads });
  const stopRetention = scheduleRetention({
    retention,
    onRun: (report) => describeRetention(report).forEach((line) => server.log.info({ job: 'retention' }, line)),
    onError: (err) => server.log.error({ err }, 'retention failed'),
  });
  // Sessions ended by the admin CLI (another process) close their sockets here.
  const stopSessionWatch = closeSocketsOfEndedSessions({
    hub,
    isSessionLive: (hash) => auth.isSessionLive(hash),
    externalChangeCounter: () => storage.database.externalChangeCounter(),
    onError: (err) => server.log.error({ err }, 'checking sessions failed'),
  });
  server.addHook('onClose', async () => {
    stopRetention();
    stopSessionWatch();
    await retention.settled();
    await previews.close();
  });

  const sweep = setInterval(() => presence.sweep(), PRESENCE_SWEEP_MS);
  sweep.unref();
  // Uploads never attached to a message go a day after they came (and files of deleted messages, if one was missed).
  const fileSweep = setInterval(() => uploads.sweepSoon(), UPLOAD_SWEEP_MS);
  fileSweep.unref();
  server.addHook('onClose', async () => {
    clearInterval(sweep);
    clearInterval(fileSweep);
    await uploads.sweep().catch(() => 0);
  });
  const callSweep = setInterval(() => calls.sweep().catch((err: unknown) => server.log.error({ err }, 'call sweep failed')), CALL_SWEEP_MS);
  callSweep.unref();
  // Before the sockets close: the calls end with the process and say so in their conversations.
  server.addHook('preClose', async () => {
    clearInterval(callSweep);
    await calls.endAll();
  });
  return { server, auth, conversations, messages, presence, calls, hub, accounts, retention, metrics, profiles, previews, uploads };
}
