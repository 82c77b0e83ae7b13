import { useRef, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { authCall, authClient, AuthRequestError } from '../../auth/auth-client';
import { AuthPage } from '../../auth/auth-page';
import { accountErrorMessage } from '../../auth/auth-messages';
import { FormError, TextField } from '../../components/forms/text-field';
import { newPasswordProblem, PASSWORD_HINT } from './password-rules';

interface Errors {
  password?: string | null;
  confirm?: string | null;
  form?: string | null;
}

/** `/reset-password?token=…`, from the reset email: a new password, then back to sign in. */
export function ResetPasswordPage() {
  const [params] = useSearchParams();
  const token = params.get('token');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const passwordRef = useRef<HTMLInputElement>(null);
  const confirmRef = useRef<HTMLInputElement>(null);

  if (!token || params.get('error')) {
    return (
      <AuthPage title="This reset link does not work">
        <p role="alert">The link is incomplete, was already used or has expired.</p>
        <Link to="/forgot-password" className="button button--primary">
          Ask for a new link
        </Link>
      </AuthPage>
    );
  }
  if (done) {
    return (
      <AuthPage title="Your password is changed">
        <p role="status">Sign in with your new password.</p>
        <Link to="/" className="button button--primary">
          Sign in
        </Link>
      </AuthPage>
    );
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: Errors = { password: newPasswordProblem(password), confirm: confirm === password ? null : 'The two passwords are not the same.' };
    setErrors(found);
    if (found.password) return passwordRef.current?.focus();
    if (found.confirm) return confirmRef.current?.focus();
    setBusy(true);
    try {
      await authCall((fetchOptions) => authClient.resetPassword({ newPassword: password, token }, fetchOptions));
      setDone(true);
    } catch (error) {
      const expired = error instanceof AuthRequestError && error.status === 400 && /token/i.test(`${error.code ?? ''} ${error.message}`);
      setErrors({ form: expired ? 'This reset link was already used or has expired. Ask for a new one.' : accountErrorMessage(error) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthPage title="Choose a new password">
      <form className="sign-in__form" onSubmit={(e) => void submit(e)} noValidate aria-busy={busy}>
        <TextField
          label="New password"
          type="password"
          autoComplete="new-password"
          value={password}
          onChange={(value) => {
            setPassword(value);
            setErrors((e) => ({ ...e, password: null, form: null }));
          }}
          hint={PASSWORD_HINT}
          error={errors.password}
          inputRef={passwordRef}
        />
        <TextField
          label="New password again"
          type="password"
          autoComplete="new-password"
          value={confirm}
          onChange={(value) => {
            setConfirm(value);
            setErrors((e) => ({ ...e, confirm: null, form: null }));
          }}
          error={errors.confirm}
          inputRef={confirmRef}
        />
        <FormError message={errors.form ?? null} />
        {errors.form && <Link to="/forgot-password">Ask for a new link</Link>}
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? 'Saving…' : 'Save the new password'}
        </button>
      </form>
    </AuthPage>
  );
}
