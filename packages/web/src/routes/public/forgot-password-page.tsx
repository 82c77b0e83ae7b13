import { useQuery } from '@apollo/client/react';
import { useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { authCall, authClient } from '../../auth/auth-client';
import { AuthPage } from '../../auth/auth-page';
import { accountErrorMessage } from '../../auth/auth-messages';
import { FormError, TextField } from '../../components/forms/text-field';
import { graphql } from '../../gql';

/** Whether this server sends email (asked without credentials): a reset link, or the operator's command. */
const ServerInfoQuery = graphql(`
  query ServerInfo {
    serverInfo {
      mailConfigured
    }
  }
`);

/**
 * Forgot password: with a mail server, a reset link is mailed (the answer is the same whether the
 * email has an account or not); without one, the operator resets it from the command line.
 */
export function ForgotPasswordPage() {
  const { data, error: infoError } = useQuery(ServerInfoQuery);
  const mailConfigured = data?.serverInfo.mailConfigured;
  return (
    <AuthPage title="Forgot your password?">
      {mailConfigured === undefined && !infoError && <p role="status">Loading…</p>}
      {(mailConfigured === false || infoError) && (
        <div data-testid="reset-by-operator">
          <p>
            {infoError
              ? 'We could not ask the server whether it sends email. If no reset email arrives, ask'
              : 'This server does not send email. Ask'}{' '}
            the person who runs TikTok Insights to reset your password with:
          </p>
          <pre className="command">
            <code>pnpm reset-password &lt;your email&gt;</code>
          </pre>
        </div>
      )}
      {(mailConfigured === true || infoError) && <ResetRequestForm />}
      <p className="sign-in__links">
        <Link to="/">Back to sign in</Link>
      </p>
    </AuthPage>
  );
}

function ResetRequestForm() {
  const [email, setEmail] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFormError(null);
    if (!email.trim()) {
      setFieldError('Enter the email address you sign in with.');
      input.current?.focus();
      return;
    }
    setBusy(true);
    try {
      await authCall((fetchOptions) => authClient.requestPasswordReset({ email: email.trim(), redirectTo: '/reset-password' }, fetchOptions));
      setSentTo(email.trim());
    } catch (error) {
      setFormError(accountErrorMessage(error));
    } finally {
      setBusy(false);
    }
  };
  if (sentTo) {
    return (
      <p role="status" data-testid="reset-requested">
        If {sentTo} has an account, an email with a link to choose a new password is on its way. The link works for a limited time.
      </p>
    );
  }
  return (
    <form className="sign-in__form" onSubmit={(e) => void submit(e)} noValidate aria-busy={busy}>
      <TextField
        label="Email"
        type="email"
        autoComplete="username"
        value={email}
        onChange={(value) => {
          setEmail(value);
          setFieldError(null);
        }}
        error={fieldError}
        inputRef={input}
      />
      <FormError message={formError} />
      <button type="submit" className="button button--primary" disabled={busy}>
        {busy ? 'Sending…' : 'Email me a reset link'}
      </button>
    </form>
  );
}
