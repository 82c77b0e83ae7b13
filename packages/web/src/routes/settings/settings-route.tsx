import { useApolloClient, useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { Link } from 'react-router';
import { ErrorState } from '../../components/states/error-state';
import { Skeleton } from '../../components/states/skeleton';
import { formatInstantInZone } from '../../format/dates';
import { graphql } from '../../gql';
import { ShopSettingsForm } from './shop-settings-form';

const SettingsPageQuery = graphql(`
  query SettingsPage {
    shop {
      id
      name
      timezone
      currency
      ...ShopSettingsForm_shop
      tiktok {
        connected
        connectedAt
        disconnectedAt
      }
    }
  }
`);

const ConnectTikTokMutation = graphql(`
  mutation ConnectTikTok {
    connectTikTok {
      connected
      connectedAt
      disconnectedAt
    }
  }
`);

const DisconnectTikTokMutation = graphql(`
  mutation DisconnectTikTok {
    disconnectTikTok {
      connected
      connectedAt
      disconnectedAt
    }
  }
`);

/** Settings: the shop's settings (a form) and its TikTok Shop connection (Connect / Disconnect). */
export function SettingsRoute() {
  const client = useApolloClient();
  const { data, loading, error, refetch } = useQuery(SettingsPageQuery);
  const [confirming, setConfirming] = useState(false);
  const after = async () => {
    // The insights follow the connection: drop them so the Insights page asks again.
    const id = client.cache.identify({ __typename: 'Shop', id: data?.shop.id });
    if (id) {
      client.cache.evict({ id, fieldName: 'tiktokInsights' });
      client.cache.evict({ id, fieldName: 'tiktok' });
      client.cache.gc();
    }
    await refetch();
  };
  const [connect, connecting] = useMutation(ConnectTikTokMutation, { onCompleted: () => void after() });
  const [disconnect, disconnecting] = useMutation(DisconnectTikTokMutation, {
    onCompleted: () => {
      setConfirming(false);
      void after();
    },
  });

  if (!data) {
    return (
      <div className="settings">
        <header className="page-header">
          <h1>Settings</h1>
        </header>
        {loading ? <Skeleton height={160} /> : <ErrorState error={error} onRetry={() => void refetch()} />}
      </div>
    );
  }
  const { shop } = data;
  const busy = connecting.loading || disconnecting.loading;
  const mutationError = connecting.error ?? disconnecting.error;
  return (
    <div className="settings">
      <header className="page-header">
        <h1>Settings</h1>
        <p className="page-header__shop">{shop.name}</p>
      </header>
      <section className="card card--full settings-card" aria-labelledby="tiktok-connection">
        <h2 id="tiktok-connection" className="card__title">
          TikTok Shop connection
        </h2>
        <p className="connection-status">
          <span className={`status-dot ${shop.tiktok.connected ? 'is-on' : ''}`} aria-hidden="true" />
          {shop.tiktok.connected ? (
            <>
              <strong>Connected</strong>
              {shop.tiktok.connectedAt && ` since ${formatInstantInZone(shop.tiktok.connectedAt, shop.timezone)}`}
            </>
          ) : (
            <>
              <strong>Disconnected</strong>
              {shop.tiktok.disconnectedAt && ` since ${formatInstantInZone(shop.tiktok.disconnectedAt, shop.timezone)}`}
            </>
          )}
        </p>
        <p className="muted">
          {shop.tiktok.connected
            ? 'Your TikTok insights are on. Disconnecting hides them; no data is deleted and orders keep being imported.'
            : 'Connect TikTok Shop to see your TikTok insights again, with every order imported so far.'}
        </p>
        {mutationError && <ErrorState error={mutationError} compact />}
        {shop.tiktok.connected ? (
          confirming ? (
            <div className="confirm" role="group" aria-label="Confirm disconnecting TikTok">
              <p>Disconnect TikTok? The TikTok tab will be hidden until you connect again.</p>
              <button type="button" className="button button--danger" disabled={busy} onClick={() => void disconnect()}>
                {disconnecting.loading ? 'Disconnecting…' : 'Yes, disconnect'}
              </button>{' '}
              <button type="button" className="button" onClick={() => setConfirming(false)}>
                Cancel
              </button>
            </div>
          ) : (
            <button type="button" className="button" onClick={() => setConfirming(true)}>
              Disconnect TikTok
            </button>
          )
        ) : (
          <button type="button" className="button button--primary" disabled={busy} onClick={() => void connect()}>
            {connecting.loading ? 'Connecting…' : 'Connect TikTok'}
          </button>
        )}
        {shop.tiktok.connected && (
          <p>
            <Link to="/insights/tiktok">See your TikTok insights →</Link>
          </p>
        )}
      </section>
      <section className="card card--full settings-card" aria-labelledby="shop-settings">
        <h2 id="shop-settings" className="card__title">
          Shop settings
        </h2>
        <ShopSettingsForm key={shop.id} shop={shop} />
      </section>
    </div>
  );
}
