import type { ReactNode } from 'react';
import { formatInstantInZone } from '../../format/dates';

export function PageHeader({ shopName, children }: { shopName?: string; children?: ReactNode }) {
  return (
    <header className="page-header">
      <h1>Insights</h1>
      {shopName && <p className="page-header__shop">{shopName}</p>}
      {children}
    </header>
  );
}

/** When the shop's data was last imported, in its time zone. */
export function LastUpdated({ lastImportAt, timezone }: { lastImportAt: string | null | undefined; timezone: string }) {
  return (
    <p className="last-updated" data-testid="last-updated">
      {lastImportAt ? `Data last updated ${formatInstantInZone(lastImportAt, timezone)}` : 'No data imported yet'}
    </p>
  );
}
