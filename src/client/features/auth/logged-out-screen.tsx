import { AuthCard } from './auth-card.js';
import { Link } from '../../app/link.js';
import { ROUTES } from '../../app/router.js';

export function LoggedOutScreen() {
  return (
    <AuthCard title="You have been logged out">
      <p class="auth-text">Your session on this browser has ended.</p>
      <Link to={ROUTES.login} class="button button-primary button-block">
        Log in
      </Link>
    </AuthCard>
  );
}
