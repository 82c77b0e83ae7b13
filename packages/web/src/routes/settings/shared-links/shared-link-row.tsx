import { ConfirmButton } from '../../../components/confirm/confirm-button';
import { formatWhen } from '../../../format/when';
import { getFragmentData, graphql, type FragmentType } from '../../../gql';

export const SharedLinkRowFragment = graphql(`
  fragment SharedLinkRow_sharedLink on SharedLink {
    id
    name
    prefix
    hasPassword
    expiresAt
    createdAt
    lastUsedAt
  }
`);

/** A link in use: its name and prefix, whether it has a password, its expiry and last opening; Revoke after a confirmation. */
export function SharedLinkRow({
  sharedLink,
  revoking,
  onRevoke,
}: {
  sharedLink: FragmentType<typeof SharedLinkRowFragment>;
  revoking: boolean;
  onRevoke: (id: string) => Promise<void>;
}) {
  const link = getFragmentData(SharedLinkRowFragment, sharedLink);
  return (
    <li className="item-list__item" data-testid="shared-link-row">
      <div className="item-list__main">
        <strong>{link.name}</strong> <code>{link.prefix}…</code>
        {link.hasPassword && <span className="chip chip--static">Password</span>}
        <p className="muted small">
          Created {formatWhen(link.createdAt)} · {link.expiresAt ? `Expires ${formatWhen(link.expiresAt)}` : 'Does not expire'} · Last opened{' '}
          {formatWhen(link.lastUsedAt)}
        </p>
      </div>
      <ConfirmButton
        label="Revoke"
        question={`Revoke “${link.name}”? The link stops working at once.`}
        confirmLabel="Yes, revoke"
        busy={revoking}
        onConfirm={() => onRevoke(link.id)}
      />
    </li>
  );
}
