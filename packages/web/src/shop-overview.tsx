import { gql } from '@apollo/client';
import { useQuery } from '@apollo/client/react';

const SHOP_QUERY = gql`
  query ShopOverview {
    shop {
      id
      name
      timezone
      lastImportAt
      tiktok {
        connected
      }
    }
  }
`;

interface ShopOverviewData {
  shop: { id: string; name: string; timezone: string; lastImportAt: string | null; tiktok: { connected: boolean } };
}

export function ShopOverview({ onSignOut }: { onSignOut: () => void }) {
  const { data, loading, error } = useQuery<ShopOverviewData>(SHOP_QUERY);
  if (loading) return <p role="status">Loading…</p>;
  if (error || !data) {
    return (
      <main>
        <p role="alert">Could not load the shop: {error?.message}</p>
        <button onClick={onSignOut}>Sign in again</button>
      </main>
    );
  }
  const { shop } = data;
  return (
    <main>
      <header>
        <h1>{shop.name}</h1>
        <button onClick={onSignOut}>Sign out</button>
      </header>
      <p>
        TikTok is {shop.tiktok.connected ? 'connected' : 'disconnected'}. Data last updated{' '}
        {shop.lastImportAt
          ? new Date(shop.lastImportAt).toLocaleString(undefined, { timeZone: shop.timezone })
          : 'never'}
        .
      </p>
    </main>
  );
}
