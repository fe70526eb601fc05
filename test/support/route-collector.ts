import diagnostics from 'node:diagnostics_channel';
import type { FastifyInstance, FastifySchema, RouteOptions } from 'fastify';

export interface CollectedRoute {
  method: string;
  url: string;
  schema: FastifySchema | undefined;
  websocket: boolean;
}

/**
 * Records every route the app registers, without touching production code: Fastify announces each new instance
 * on the `fastify.initialization` diagnostics channel before any plugin runs, and an `onRoute` hook added there
 * sees every route that follows. Start collecting before `startTestServer`; HEAD twins of GET routes are left out.
 */
export function collectRoutes(): { routes: CollectedRoute[]; stop(): void } {
  const routes: CollectedRoute[] = [];
  const onInit = (message: unknown) => {
    const { fastify } = message as { fastify: FastifyInstance };
    fastify.addHook('onRoute', (route: RouteOptions & { websocket?: boolean }) => {
      for (const method of [route.method].flat()) {
        if (method === 'HEAD') continue;
        routes.push({ method, url: route.url, schema: route.schema, websocket: route.websocket === true });
      }
    });
  };
  diagnostics.subscribe('fastify.initialization', onInit);
  return { routes, stop: () => diagnostics.unsubscribe('fastify.initialization', onInit) };
}

export const routeKey = (route: { method: string; url: string }) => `${route.method} ${route.url}`;
