import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import fastifyWebsocket from '@fastify/websocket';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { AuditLog } from './audit/audit-log.js';
import type { Config } from './config/index.js';
import { installCsrfProtection } from './http/csrf.js';
import { installErrorHandler } from './http/error-handler.js';
import { installJsonParser } from './http/json-body.js';
import { installSecurityHeaders } from './http/security-headers.js';
import { installSessionAuth } from './http/session-auth.js';
import { installStaticClient } from './http/static-client.js';
import { installValidation } from './http/validation.js';
import type { Clock } from './lib/clock.js';
import { authRoutes } from './modules/auth/auth.routes.js';
import { createAuthService, type AuthService } from './modules/auth/auth.service.js';
import type { PasswordHasher } from './modules/auth/password-hasher.js';
import { conversationRoutes } from './modules/conversations/conversations.routes.js';
import { createConversationService, type ConversationService } from './modules/conversations/conversations.service.js';
import { messageRoutes } from './modules/messages/messages.routes.js';
import { createMessageService, type MessageService } from './modules/messages/messages.service.js';
import { createPresenceService, type PresenceService } from './modules/presence/presence.service.js';
import { systemRoutes } from './modules/system/system.routes.js';
import { createLocalEventBus, type EventBus } from './realtime/event-bus.js';
import { createHub, type Hub } from './realtime/hub.js';
import { CLOSE_SESSION_ENDED, socketRoutes } from './realtime/socket.routes.js';
import type { Storage } from './storage/sqlite/storage.js';

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
}

export interface App {
  server: FastifyInstance;
  auth: AuthService;
  conversations: ConversationService;
  messages: MessageService;
  presence: PresenceService;
  hub: Hub;
}

const BODY_LIMIT = 256 * 1024;
const WS_MAX_FRAME = 64 * 1024;
const PRESENCE_SWEEP_MS = 15_000;

/** The one composition root: builds every service and route from config and deps. It never listens. */
export async function createApp(config: Config, deps: AppDeps): Promise<App> {
  const { settings } = config;
  const { storage, clock } = deps;
  const base = { logger: deps.logger ?? false, bodyLimit: BODY_LIMIT, trustProxy: settings.trust_proxy };
  // Typed as the HTTP flavour: routes and hooks are the same over TLS.
  const options = (deps.https ? { ...base, https: deps.https } : base) as FastifyServerOptions;
  const server = Fastify(options).withTypeProvider<TypeBoxTypeProvider>();

  const bus = deps.bus ?? createLocalEventBus();
  const hub = createHub();
  bus.subscribe((audience, event) => hub.deliver(audience, event));

  const presence = createPresenceService({ clock, bus, store: storage.conversations });
  const messages = createMessageService({ messages: storage.messages, conversations: storage.conversations, bus, clock });
  const conversations = createConversationService({ store: storage.conversations, bus, clock, announceMessage: messages.announceNew });
  await storage.conversations.syncPublicChannels(settings.channels, clock.now());

  const auth = createAuthService({
    stores: storage.auth,
    hasher: deps.hasher,
    clock,
    audit: deps.audit,
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

  installValidation(server);
  installErrorHandler(server);
  installJsonParser(server);
  installSecurityHeaders(server, { tls: deps.https !== null });
  await server.register(fastifyCookie);
  await server.register(fastifyRateLimit, { global: false });
  await server.register(fastifyWebsocket, { options: { maxPayload: WS_MAX_FRAME } });
  installCsrfProtection(server, { publicUrl: settings.public_url });
  installSessionAuth(server, auth);

  await server.register(systemRoutes, { caCert: deps.caCert, stunPort: deps.stunPort, isHealthy: deps.isHealthy });
  await server.register(authRoutes, {
    auth,
    cookies,
    passwordMinLength: settings.password_min_length,
    loginPerMinute: settings.login_rate_limit_per_minute,
    signupPerMinute: settings.signup_rate_limit_per_minute,
  });
  await server.register(conversationRoutes, { conversations, presence });
  await server.register(messageRoutes, { messages, sendsPerMinute: settings.message_rate_limit_per_minute });
  await server.register(socketRoutes, { hub, presence, conversations, publicUrl: settings.public_url });
  await installStaticClient(server, deps.clientDir);

  const sweep = setInterval(() => presence.sweep(), PRESENCE_SWEEP_MS);
  sweep.unref();
  server.addHook('onClose', async () => clearInterval(sweep));
  return { server, auth, conversations, messages, presence, hub };
}
