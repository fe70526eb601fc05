// The root component: loads the session once, then shows the screen for the current path, sending people who
// are signed in (or not) to where they belong.
import { useEffect, useLayoutEffect } from 'preact/hooks';
import { currentPath, navigate, type RoutePath } from './router.js';
import { resolveRoute, ROUTES } from './routes.js';
import { Shell } from './shell.js';
import { isSignedIn, loadSession, sessionError, sessionStatus } from '../features/auth/state.js';
import { LoginScreen } from '../features/auth/login-screen.js';
import { SignupScreen } from '../features/auth/signup-screen.js';
import { ResetPasswordScreen } from '../features/auth/reset-password-screen.js';
import { LoggedOutScreen } from '../features/auth/logged-out-screen.js';
import { Button } from '../ui/button.js';
import { api } from '../api/api.js';

export function App() {
  useEffect(() => {
    void loadSession();
  }, []);

  if (sessionStatus.value === 'loading') return <LoadingScreen />;
  if (sessionStatus.value === 'failed') return <UnreachableScreen />;

  const route = resolveRoute(currentPath.value, isSignedIn.value);
  if ('redirect' in route) return <Redirect to={route.redirect} />;
  switch (route.screen) {
    case ROUTES.login:
      return <LoginScreen />;
    case ROUTES.signup:
      return <SignupScreen />;
    case ROUTES.resetPassword:
      return <ResetPasswordScreen />;
    case ROUTES.loggedOut:
      return <LoggedOutScreen />;
    case ROUTES.home:
      return <Shell />;
  }
}

function Redirect({ to }: { to: RoutePath }) {
  // Replace, not push: Back should not return to a page that would only redirect again.
  useLayoutEffect(() => navigate(to, { replace: true }), [to]);
  return null;
}

function LoadingScreen() {
  return (
    <div class="splash" aria-busy="true">
      <span class="spinner spinner-large" role="img" aria-label="Loading" />
    </div>
  );
}

const RETRY_MS = 5_000;

/**
 * Also what an installed app shows when it opens without a server (the service worker keeps the page itself): it
 * keeps trying quietly, and at once when the device comes back online, so the app comes up by itself.
 */
function UnreachableScreen() {
  useEffect(() => {
    const retry = () => {
      api.getSession().then(
        () => void loadSession(),
        () => undefined,
      );
    };
    const timer = setInterval(retry, RETRY_MS);
    addEventListener('online', retry);
    return () => {
      clearInterval(timer);
      removeEventListener('online', retry);
    };
  }, []);
  return (
    <main class="splash">
      <div class="splash-card">
        <h1>MiniMost is not reachable</h1>
        <p role="alert">{sessionError.value}</p>
        <p role="status" class="splash-status">
          <span class="spinner" aria-hidden="true" /> Reconnecting…
        </p>
        <Button onClick={() => void loadSession()}>Try again</Button>
      </div>
    </main>
  );
}
