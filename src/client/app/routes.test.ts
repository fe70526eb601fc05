import { describe, expect, it } from 'vitest';
import { resolveRoute } from './routes.js';

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
});
