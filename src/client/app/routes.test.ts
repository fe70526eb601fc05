import { describe, expect, it } from 'vitest';
import { conversationIdFrom, conversationPath, resolveRoute } from './routes.js';

describe('resolveRoute', () => {
  it('sends a signed-out person from the app to the login screen', () => {
    expect(resolveRoute('/', false)).toEqual({ redirect: '/login' });
  });

  it('sends a signed-in person from the signed-out screens to the app', () => {
    for (const path of ['/login', '/signup', '/logged-out']) expect(resolveRoute(path, true)).toEqual({ redirect: '/' });
  });

  it('shows the signed-out screens to a signed-out person', () => {
    for (const path of ['/login', '/signup', '/logged-out']) expect(resolveRoute(path, false)).toEqual({ screen: path });
  });

  it('shows a reset link to anyone, signed in or not', () => {
    expect(resolveRoute('/reset-password', false)).toEqual({ screen: '/reset-password' });
    expect(resolveRoute('/reset-password', true)).toEqual({ screen: '/reset-password' });
  });

  it('redirects unknown paths to where the person belongs', () => {
    expect(resolveRoute('/nowhere', false)).toEqual({ redirect: '/login' });
    expect(resolveRoute('/nowhere', true)).toEqual({ redirect: '/' });
  });

  it('opens a conversation page for a signed-in person only', () => {
    expect(resolveRoute('/c/12', true)).toEqual({ screen: '/' });
    expect(resolveRoute('/c/12', false)).toEqual({ redirect: '/login' });
  });
});

describe('conversation paths', () => {
  it('round-trips an id', () => {
    expect(conversationIdFrom(conversationPath(42))).toBe(42);
  });

  it('rejects anything but a positive integer id', () => {
    for (const path of ['/c/', '/c/0', '/c/-1', '/c/1.5', '/c/abc', '/c/12/x', '/x/12']) expect(conversationIdFrom(path)).toBeNull();
  });
});
