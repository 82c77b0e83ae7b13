import { Link } from 'react-router';
import { AuthPage } from './auth-page';
import { SESSION_ENDED } from './auth-messages';
import { SignInForm } from './sign-in-form';

/** Shown in place of any dashboard page without a session; the page asked for follows the sign-in. */
export function SignInPage({ ended, onSignedIn }: { ended: boolean; onSignedIn: () => Promise<void> }) {
  return (
    <AuthPage title="Sign in to your shop">
      {ended && (
        <p className="sign-in__notice" role="alert" data-testid="sign-in-notice">
          {SESSION_ENDED}
        </p>
      )}
      <SignInForm
        onSignedIn={onSignedIn}
        footer={
          <p className="sign-in__links">
            <Link to="/forgot-password">Forgot password?</Link>
          </p>
        }
      />
    </AuthPage>
  );
}
