// The web app's paths and which of them need a signed-in person. Pure, so it is unit-tested without a browser.

export const ROUTES = {
  home: '/',
  login: '/login',
  signup: '/signup',
  resetPassword: '/reset-password',
  loggedOut: '/logged-out',
} as const;

/** A conversation's page: `/c/<id>`. */
export type ConversationPath = `/c/${number}`;
export type Screen = (typeof ROUTES)[keyof typeof ROUTES];
export type RoutePath = Screen | ConversationPath;

export function conversationPath(id: number): ConversationPath {
  return `/c/${id}`;
}

/** The conversation id in a `/c/<id>` path, or null for any other path. */
export function conversationIdFrom(path: string): number | null {
  const match = /^\/c\/([1-9]\d{0,14})\/?$/.exec(path);
  return match ? Number(match[1]) : null;
}

/** Which screen a path shows, and the redirect when the person's signed-in state does not fit it. */
export function resolveRoute(path: string, signedIn: boolean): { screen: Screen } | { redirect: RoutePath } {
  if (conversationIdFrom(path) !== null) return signedIn ? { screen: ROUTES.home } : { redirect: ROUTES.login };
  switch (path) {
    case ROUTES.login:
    case ROUTES.signup:
    case ROUTES.loggedOut:
      return signedIn ? { redirect: ROUTES.home } : { screen: path };
    case ROUTES.resetPassword:
      // A reset link works whoever is signed in on this browser: it is about the account in the token.
      return { screen: path };
    case ROUTES.home:
      return signedIn ? { screen: path } : { redirect: ROUTES.login };
    default:
      return { redirect: signedIn ? ROUTES.home : ROUTES.login };
  }
}
