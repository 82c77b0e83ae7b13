import { useMutation, useQuery } from '@apollo/client/react';
import { useRef, useState, type FormEvent } from 'react';
import { CopyField } from '../../../components/forms/copy-field';
import { FormError, TextField } from '../../../components/forms/text-field';
import { ErrorState, errorMessage } from '../../../components/states/error-state';
import { graphql } from '../../../gql';
import { SharedLinkRow } from './shared-link-row';

const SharedLinksQuery = graphql(`
  query SharedLinks {
    sharedLinks {
      id
      ...SharedLinkRow_sharedLink
    }
  }
`);

/** The new link comes back with the fields of a listed one, so that the cache holds it whole. */
const CreateSharedLinkMutation = graphql(`
  mutation CreateSharedLink($input: CreateSharedLinkInput!) {
    createSharedLink(input: $input) {
      url
      sharedLink {
        id
        name
        ...SharedLinkRow_sharedLink
      }
    }
  }
`);

const RevokeSharedLinkMutation = graphql(`
  mutation RevokeSharedLink($id: ID!) {
    revokeSharedLink(id: $id) {
      id
    }
  }
`);

/** The end of a chosen day (`YYYY-MM-DD`) in the browser's time zone, as the instant the link expires. */
export function endOfDay(day: string): string {
  return new Date(`${day}T23:59:59.999`).toISOString();
}

const today = () => {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
};

/** Settings → Shared links: read-only views of the dashboard for people without an account. */
export function SharedLinksSettings() {
  const { data, loading, error, refetch } = useQuery(SharedLinksQuery, { fetchPolicy: 'cache-and-network' });
  const [created, setCreated] = useState<{ name: string; url: string } | null>(null);
  const [revoke, revoking] = useMutation(RevokeSharedLinkMutation);
  const [revokeError, setRevokeError] = useState<string | null>(null);
  const revokeLink = async (id: string) => {
    setRevokeError(null);
    try {
      await revoke({ variables: { id } });
      await refetch();
    } catch (failure) {
      setRevokeError(errorMessage(failure));
    }
  };
  return (
    <>
      <header className="page-header">
        <h1>Shared links</h1>
      </header>
      <p className="muted">
        A shared link opens a read-only view of this shop’s dashboard for anyone who has it, without an account. It never shows customer names
        or addresses, and stops working as soon as it is revoked.
      </p>
      <section className="card card--full settings-card" aria-labelledby="shared-link-create">
        <h2 id="shared-link-create" className="card__title">
          Create a shared link
        </h2>
        <CreateSharedLinkForm
          onCreated={(name, url) => {
            setCreated({ name, url });
            void refetch();
          }}
        />
        {created && (
          <div className="secret-once" data-testid="shared-link-created">
            <p className="secret-once__warning" role="alert">
              Copy the link “{created.name}” now: it is shown only once.
            </p>
            <CopyField label="Your new shared link" value={created.url} testId="shared-link-url" />
            <button type="button" className="button" onClick={() => setCreated(null)}>
              I have copied it
            </button>
          </div>
        )}
      </section>
      <section className="card card--full settings-card" aria-labelledby="shared-link-list">
        <h2 id="shared-link-list" className="card__title">
          Links in use
        </h2>
        {error && <ErrorState error={error} onRetry={() => void refetch()} />}
        {!data && loading && <p role="status">Loading…</p>}
        {revokeError && <FormError message={`The link could not be revoked. ${revokeError}`} />}
        {data?.sharedLinks.length === 0 && <p data-testid="shared-links-empty">No shared links yet.</p>}
        {data && data.sharedLinks.length > 0 && (
          <ul className="item-list" data-testid="shared-links">
            {data.sharedLinks.map((link) => (
              <SharedLinkRow key={link.id} sharedLink={link} revoking={revoking.loading} onRevoke={revokeLink} />
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

interface Errors {
  name?: string | null;
  password?: string | null;
  expires?: string | null;
}

function CreateSharedLinkForm({ onCreated }: { onCreated: (name: string, url: string) => void }) {
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [expires, setExpires] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [create, { loading }] = useMutation(CreateSharedLinkMutation);
  const refs = { name: useRef<HTMLInputElement>(null), password: useRef<HTMLInputElement>(null), expires: useRef<HTMLInputElement>(null) };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    const trimmed = name.trim();
    const found: Errors = {
      name: trimmed && trimmed.length <= 100 ? null : 'Enter a name of 1 to 100 characters, such as “Accountant”.',
      password: password && password.length < 8 ? 'Use at least 8 characters, or leave it empty for no password.' : null,
      expires: expires && expires < today() ? 'Choose today or a later day, or leave it empty.' : null,
    };
    setErrors(found);
    const first = (['name', 'password', 'expires'] as const).find((field) => found[field]);
    if (first) return refs[first].current?.focus();
    try {
      const { data } = await create({ variables: { input: { name: trimmed, password: password || null, expiresAt: expires ? endOfDay(expires) : null } } });
      if (!data) throw new Error('The server did not answer with the link.');
      setName('');
      setPassword('');
      setExpires('');
      onCreated(data.createSharedLink.sharedLink.name, data.createSharedLink.url);
    } catch (error) {
      setFailure(errorMessage(error));
    }
  };
  const clear = (field: keyof Errors) => setErrors((e) => ({ ...e, [field]: null }));
  return (
    <form className="settings-form" onSubmit={(e) => void submit(e)} noValidate aria-busy={loading} aria-labelledby="shared-link-create">
      <TextField label="Name" value={name} maxLength={100} autoComplete="off" hint="Who it is for." onChange={(v) => (setName(v), clear('name'))} error={errors.name} inputRef={refs.name} />
      <TextField
        label="Password (optional)"
        type="password"
        autoComplete="new-password"
        value={password}
        hint="The visitor types it before seeing anything. Send it separately from the link."
        onChange={(v) => (setPassword(v), clear('password'))}
        error={errors.password}
        inputRef={refs.password}
      />
      <TextField
        label="Expires after (optional)"
        type="date"
        value={expires}
        min={today()}
        hint="The link works until the end of this day. Empty: until it is revoked."
        onChange={(v) => (setExpires(v), clear('expires'))}
        error={errors.expires}
        inputRef={refs.expires}
      />
      <div className="settings-form__actions">
        <button type="submit" className="button button--primary" disabled={loading}>
          {loading ? 'Creating…' : 'Create the link'}
        </button>
      </div>
      <FormError message={failure && `The link could not be created. ${failure}`} />
    </form>
  );
}
