import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import { FormError, TextField } from '../components/forms/text-field';
import { authCall, authClient } from './auth-client';
import { accountErrorMessage } from './auth-messages';

const WRONG_PASSWORD = 'That email and password do not match. Check them and try again.';

interface Errors {
  email?: string;
  password?: string;
  form?: string;
}

/**
 * Email and password, checked by the server: a wrong pair, a wait after too many attempts and a
 * failed connection each say so. `onSignedIn` runs once the session cookie is set.
 */
export function SignInForm({ onSignedIn, initialEmail = '', submitLabel = 'Sign in', footer }: { onSignedIn: () => Promise<void> | void; initialEmail?: string; submitLabel?: string; footer?: ReactNode }) {
  const [email, setEmail] = useState(initialEmail);
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: Errors = {};
    if (!email.trim()) found.email = 'Enter your email address.';
    if (!password) found.password = 'Enter your password.';
    setErrors(found);
    if (found.email) return emailRef.current?.focus();
    if (found.password) return passwordRef.current?.focus();
    setBusy(true);
    try {
      await authCall((fetchOptions) => authClient.signIn.email({ email: email.trim(), password }, fetchOptions));
      await onSignedIn();
    } catch (error) {
      const message = accountErrorMessage(error, { unauthorized: WRONG_PASSWORD });
      if (message === WRONG_PASSWORD) {
        setErrors({ password: message });
        passwordRef.current?.focus();
      } else {
        setErrors({ form: message });
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="sign-in__form" onSubmit={(e) => void submit(e)} noValidate aria-busy={busy}>
      <TextField
        label="Email"
        type="email"
        autoComplete="username"
        value={email}
        onChange={(value) => {
          setEmail(value);
          setErrors((e) => ({ ...e, email: undefined, form: undefined }));
        }}
        error={errors.email}
        inputRef={emailRef}
      />
      <TextField
        label="Password"
        type="password"
        autoComplete="current-password"
        value={password}
        onChange={(value) => {
          setPassword(value);
          setErrors((e) => ({ ...e, password: undefined, form: undefined }));
        }}
        error={errors.password}
        inputRef={passwordRef}
      />
      <FormError message={errors.form ?? null} />
      <button type="submit" className="button button--primary" disabled={busy}>
        {busy ? 'Signing in…' : submitLabel}
      </button>
      {footer}
    </form>
  );
}
