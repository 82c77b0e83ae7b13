import { useEffect, useRef, useState, type FormEvent } from 'react';
import { INVITATION_HEADER } from '@tiktok-insights/shared';
import { useNavigate, useParams } from 'react-router';
import { useAccount } from '../../auth/account-context';
import { authCall, authClient, AuthRequestError } from '../../auth/auth-client';
import { AuthPage } from '../../auth/auth-page';
import { accountErrorMessage } from '../../auth/auth-messages';
import { SignInForm } from '../../auth/sign-in-form';
import { FormError, TextField } from '../../components/forms/text-field';
import { newPasswordProblem, PASSWORD_HINT } from './password-rules';

interface Invitation {
  id: string;
  email: string;
  role: string;
  organizationId: string;
  organizationName: string;
}

const roleWords = (role: string) => (role === 'owner' ? 'an owner' : role === 'admin' ? 'an admin' : 'a viewer');

/**
 * `/accept-invitation/:id`: the link an owner or admin copied for someone. Without a session the
 * invitee signs in or creates the account (with the invited email); then accepts, and the shop
 * becomes the active one.
 */
export function AcceptInvitationPage() {
  const { id = '' } = useParams();
  const account = useAccount();
  const { status } = account;
  if (status.kind === 'checking') {
    return (
      <p role="status" className="app-loading">
        Loading…
      </p>
    );
  }
  if (status.kind === 'signed-in') return <InvitationToAccept id={id} email={status.session.user.email} />;
  return <SignInOrSignUp invitationId={id} onSignedIn={account.refresh} />;
}

function SignInOrSignUp({ invitationId, onSignedIn }: { invitationId: string; onSignedIn: () => Promise<void> }) {
  const [mode, setMode] = useState<'sign-in' | 'sign-up'>('sign-up');
  return (
    <AuthPage title="You are invited to a shop">
      <p>Create your account with the email address the invitation was sent to, or sign in if you already have one.</p>
      <div className="segmented" role="group" aria-label="Account">
        <button type="button" className="chip" aria-pressed={mode === 'sign-up'} onClick={() => setMode('sign-up')}>
          I am new here
        </button>
        <button type="button" className="chip" aria-pressed={mode === 'sign-in'} onClick={() => setMode('sign-in')}>
          I have an account
        </button>
      </div>
      {mode === 'sign-in' ? <SignInForm onSignedIn={onSignedIn} submitLabel="Sign in and continue" /> : <SignUpForm invitationId={invitationId} onSignedUp={onSignedIn} />}
    </AuthPage>
  );
}

interface SignUpErrors {
  name?: string | null;
  email?: string | null;
  password?: string | null;
  form?: string | null;
}

function SignUpForm({ invitationId, onSignedUp }: { invitationId: string; onSignedUp: () => Promise<void> }) {
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<SignUpErrors>({});
  const [busy, setBusy] = useState(false);
  const refs = { name: useRef<HTMLInputElement>(null), email: useRef<HTMLInputElement>(null), password: useRef<HTMLInputElement>(null) };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: SignUpErrors = {
      name: name.trim() ? null : 'Enter your name.',
      email: /^\S+@\S+\.\S+$/.test(email.trim()) ? null : 'Enter the email address the invitation was sent to.',
      password: newPasswordProblem(password),
    };
    setErrors(found);
    const first = (['name', 'email', 'password'] as const).find((field) => found[field]);
    if (first) return refs[first].current?.focus();
    setBusy(true);
    try {
      // The server creates an account only for the address of this invitation, named by its id.
      await authCall((fetchOptions) =>
        authClient.signUp.email({ name: name.trim(), email: email.trim(), password }, { ...fetchOptions, headers: { [INVITATION_HEADER]: invitationId } }),
      );
      await onSignedUp();
    } catch (error) {
      if (error instanceof AuthRequestError && (error.code === 'NO_INVITATION' || error.status === 403)) {
        setErrors({ email: 'There is no invitation for this email address. Use the address the invitation was sent to.' });
        refs.email.current?.focus();
      } else if (error instanceof AuthRequestError && error.status === 422) {
        setErrors({ email: 'This email already has an account: choose “I have an account” and sign in.' });
      } else {
        setErrors({ form: accountErrorMessage(error) });
      }
    } finally {
      setBusy(false);
    }
  };
  const clear = (field: keyof SignUpErrors) => setErrors((e) => ({ ...e, [field]: null, form: null }));
  return (
    <form className="sign-in__form" onSubmit={(e) => void submit(e)} noValidate aria-busy={busy}>
      <TextField label="Your name" autoComplete="name" value={name} onChange={(v) => (setName(v), clear('name'))} error={errors.name} inputRef={refs.name} />
      <TextField label="Email" type="email" autoComplete="username" value={email} onChange={(v) => (setEmail(v), clear('email'))} error={errors.email} inputRef={refs.email} />
      <TextField
        label="Password"
        type="password"
        autoComplete="new-password"
        hint={PASSWORD_HINT}
        value={password}
        onChange={(v) => (setPassword(v), clear('password'))}
        error={errors.password}
        inputRef={refs.password}
      />
      <FormError message={errors.form ?? null} />
      <button type="submit" className="button button--primary" disabled={busy}>
        {busy ? 'Creating…' : 'Create my account'}
      </button>
    </form>
  );
}

type Loaded = { kind: 'loading' } | { kind: 'ready'; invitation: Invitation } | { kind: 'unusable'; message: string };

function InvitationToAccept({ id, email }: { id: string; email: string }) {
  const { switchShop, signOut } = useAccount();
  const navigate = useNavigate();
  const [loaded, setLoaded] = useState<Loaded>({ kind: 'loading' });
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    let stale = false;
    authCall((fetchOptions) => authClient.organization.getInvitation({ query: { id }, fetchOptions }))
      .then((invitation) => !stale && setLoaded({ kind: 'ready', invitation: invitation as Invitation }))
      .catch((error: unknown) => {
        if (stale) return;
        const refused = error instanceof AuthRequestError && (error.status === 400 || error.status === 403 || error.status === 404);
        setLoaded({
          kind: 'unusable',
          message: refused
            ? `This invitation cannot be used by ${email}: it is for another email address, was cancelled, was already accepted or has expired. Sign out and use the invited email, or ask for a new invitation.`
            : accountErrorMessage(error),
        });
      });
    return () => {
      stale = true;
    };
  }, [id, email]);

  if (loaded.kind === 'loading') {
    return (
      <p role="status" className="app-loading">
        Loading…
      </p>
    );
  }
  if (loaded.kind === 'unusable') {
    return (
      <AuthPage title="This invitation cannot be used">
        <p role="alert" data-testid="invitation-unusable">
          {loaded.message}
        </p>
        <button type="button" className="button" onClick={() => void signOut().catch(() => undefined)}>
          Sign out
        </button>
      </AuthPage>
    );
  }
  const { invitation } = loaded;
  const accept = async () => {
    setBusy(true);
    setProblem(null);
    try {
      await authCall((fetchOptions) => authClient.organization.acceptInvitation({ invitationId: invitation.id }, fetchOptions));
      await switchShop(invitation.organizationId);
      await navigate('/insights/tiktok', { replace: true });
    } catch (error) {
      setProblem(accountErrorMessage(error));
      setBusy(false);
    }
  };
  return (
    <AuthPage title={`Join ${invitation.organizationName}`}>
      <p>
        You are invited to join <strong>{invitation.organizationName}</strong> as {roleWords(invitation.role)}, signed in as {email}.
      </p>
      <FormError message={problem} />
      <button type="button" className="button button--primary" onClick={() => void accept()} disabled={busy}>
        {busy ? 'Joining…' : `Join ${invitation.organizationName}`}
      </button>
    </AuthPage>
  );
}
