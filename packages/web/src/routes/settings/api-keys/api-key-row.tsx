import { ConfirmButton } from '../../../components/confirm/confirm-button';
import { formatWhen } from '../../../format/when';
import { getFragmentData, graphql, type FragmentType } from '../../../gql';

export const ApiKeyRowFragment = graphql(`
  fragment ApiKeyRow_apiKey on ApiKey {
    id
    name
    scope
    prefix
    createdAt
    lastUsedAt
    createdBy
  }
`);

/** A key in use: its name, prefix and scope, who made it and when it was last used; Revoke after a confirmation. */
export function ApiKeyRow({
  apiKey,
  revoking,
  onRevoke,
}: {
  apiKey: FragmentType<typeof ApiKeyRowFragment>;
  revoking: boolean;
  onRevoke: (id: string) => Promise<void>;
}) {
  const key = getFragmentData(ApiKeyRowFragment, apiKey);
  return (
    <li className="item-list__item" data-testid="api-key-row">
      <div className="item-list__main">
        <strong>{key.name}</strong> <code>{key.prefix}…</code> <span className="chip chip--static">{key.scope === 'READ' ? 'Read' : 'Import'}</span>
        <p className="muted small">
          Created {formatWhen(key.createdAt)}
          {key.createdBy ? ` by ${key.createdBy}` : ''} · Last used {formatWhen(key.lastUsedAt)}
        </p>
      </div>
      <ConfirmButton
        label="Revoke"
        question={`Revoke “${key.name}”? Scripts using it stop working at once.`}
        confirmLabel="Yes, revoke"
        busy={revoking}
        onConfirm={() => onRevoke(key.id)}
      />
    </li>
  );
}
