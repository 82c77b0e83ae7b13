import { useMutation, useQuery } from '@apollo/client/react';
import { useRef, useState, type FormEvent } from 'react';
import { CopyField } from '../../../components/forms/copy-field';
import { FormError, TextField } from '../../../components/forms/text-field';
import { ErrorState, errorMessage } from '../../../components/states/error-state';
import { graphql } from '../../../gql';
import type { ApiKeyScope } from '../../../gql/graphql';
import { ApiKeyRow } from './api-key-row';

const ApiKeysQuery = graphql(`
  query ApiKeys {
    apiKeys {
      id
      ...ApiKeyRow_apiKey
    }
  }
`);

/** The new key comes back with the fields of a listed one, so that the cache holds it whole. */
const CreateApiKeyMutation = graphql(`
  mutation CreateApiKey($input: CreateApiKeyInput!) {
    createApiKey(input: $input) {
      key
      apiKey {
        id
        name
        ...ApiKeyRow_apiKey
      }
    }
  }
`);

const RevokeApiKeyMutation = graphql(`
  mutation RevokeApiKey($id: ID!) {
    revokeApiKey(id: $id) {
      id
    }
  }
`);

const SCOPES: Array<{ scope: ApiKeyScope; label: string; hint: string }> = [
  { scope: 'READ', label: 'Read', hint: 'Every query and export: for reports and spreadsheets.' },
  { scope: 'IMPORT', label: 'Import', hint: 'Also sends orders (importOrders and /api/imports): for scripts that upload.' },
];

/** Settings → API keys: keys for scripts, shown once when created, listed by their prefix. */
export function ApiKeysSettings() {
  const { data, loading, error, refetch } = useQuery(ApiKeysQuery, { fetchPolicy: 'cache-and-network' });
  const [created, setCreated] = useState<{ name: string; key: string } | null>(null);
  const [revoke, revoking] = useMutation(RevokeApiKeyMutation);
  const [revokeError, setRevokeError] = useState<string | null>(null);
  const revokeKey = async (id: string) => {
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
        <h1>API keys</h1>
      </header>
      <p className="muted">Scripts and tools use an API key to read this shop’s figures or to send it orders. People sign in with their own account instead.</p>
      <section className="card card--full settings-card" aria-labelledby="api-key-create">
        <h2 id="api-key-create" className="card__title">
          Create an API key
        </h2>
        <CreateApiKeyForm
          onCreated={(name, key) => {
            setCreated({ name, key });
            void refetch();
          }}
        />
        {created && (
          <div className="secret-once" data-testid="api-key-created">
            <p className="secret-once__warning" role="alert">
              Copy the key “{created.name}” now: it is shown only once. Anyone with it can use this shop’s data until it is revoked.
            </p>
            <CopyField label="Your new API key" value={created.key} testId="api-key-value" />
            <button type="button" className="button" onClick={() => setCreated(null)}>
              I have copied it
            </button>
          </div>
        )}
      </section>
      <section className="card card--full settings-card" aria-labelledby="api-key-list">
        <h2 id="api-key-list" className="card__title">
          Keys in use
        </h2>
        {error && <ErrorState error={error} onRetry={() => void refetch()} />}
        {!data && loading && <p role="status">Loading…</p>}
        {revokeError && <FormError message={`The key could not be revoked. ${revokeError}`} />}
        {data?.apiKeys.length === 0 && <p data-testid="api-keys-empty">No API keys yet.</p>}
        {data && data.apiKeys.length > 0 && (
          <ul className="item-list" data-testid="api-keys">
            {data.apiKeys.map((key) => (
              <ApiKeyRow key={key.id} apiKey={key} revoking={revoking.loading} onRevoke={revokeKey} />
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

function CreateApiKeyForm({ onCreated }: { onCreated: (name: string, key: string) => void }) {
  const [name, setName] = useState('');
  const [scope, setScope] = useState<ApiKeyScope>('READ');
  const [nameError, setNameError] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [create, { loading }] = useMutation(CreateApiKeyMutation);
  const nameRef = useRef<HTMLInputElement>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    const trimmed = name.trim();
    if (!trimmed || trimmed.length > 100) {
      setNameError('Enter a name of 1 to 100 characters, such as “Weekly report script”.');
      nameRef.current?.focus();
      return;
    }
    try {
      const { data } = await create({ variables: { input: { name: trimmed, scope } } });
      if (!data) throw new Error('The server did not answer with the key.');
      setName('');
      onCreated(data.createApiKey.apiKey.name, data.createApiKey.key);
    } catch (error) {
      setFailure(errorMessage(error));
    }
  };
  return (
    <form className="settings-form" onSubmit={(e) => void submit(e)} noValidate aria-busy={loading} aria-labelledby="api-key-create">
      <TextField
        label="Name"
        value={name}
        maxLength={100}
        autoComplete="off"
        hint="What it is for, so that you know which one to revoke later."
        onChange={(value) => {
          setName(value);
          setNameError(null);
        }}
        error={nameError}
        inputRef={nameRef}
      />
      <fieldset className="field settings-form__choices">
        <legend>Scope</legend>
        {SCOPES.map((option) => (
          <label key={option.scope} className="settings-form__choice">
            <input type="radio" name="api-key-scope" value={option.scope} checked={scope === option.scope} onChange={() => setScope(option.scope)} />
            <span>
              {option.label} <span className="muted small">— {option.hint}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <div className="settings-form__actions">
        <button type="submit" className="button button--primary" disabled={loading}>
          {loading ? 'Creating…' : 'Create the key'}
        </button>
      </div>
      <FormError message={failure && `The key could not be created. ${failure}`} />
    </form>
  );
}
