// The web app's paths and which of them need a signed-in person. Pure, so it is unit-tested without a browser.

export const ROUTES = {
  home: '/',
  login: '/login',
  signup: '/signup',
  resetPassword: '/reset-password',
  loggedOut: '/logged-out',
} as const;

export type RoutePath = (typeof ROUTES)[keyof typeof ROUTES];

/** Which screen a path shows, and the redirect when the person's signed-in state does not fit it. */
export function resolveRoute(path: string, signedIn: boolean): { screen: RoutePath } | { redirect: RoutePath } {
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
