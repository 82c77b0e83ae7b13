import type { ReactNode } from 'react';
import { ChartSkeleton, Skeleton, TableSkeleton } from '../../components/states/skeleton';

function CardSkeleton({ size, children }: { size: 'half' | 'full'; children: ReactNode }) {
  return (
    <div className={`card card--${size} card--skeleton`} aria-hidden="true">
      <Skeleton height={20} width="40%" />
      <div className="card__body">{children}</div>
    </div>
  );
}

function TilesSkeleton() {
  return (
    <div className="tile-grid">
      {[0, 1, 2, 3].map((i) => (
        <div key={i} className="tile">
          <Skeleton height={12} width="60%" />
          <Skeleton height={28} width="70%" />
          <Skeleton height={12} width="50%" />
        </div>
      ))}
    </div>
  );
}

/** The page's shape while its query loads. */
export function InsightsPageSkeleton() {
  return (
    <div className="insights" role="status" aria-label="Loading your TikTok insights">
      <div className="page-header">
        <Skeleton height={28} width={180} />
        <Skeleton height={14} width={260} />
      </div>
      <div className="card-grid">
        <CardSkeleton size="full">
          <TilesSkeleton />
        </CardSkeleton>
        <CardSkeleton size="full">
          <TilesSkeleton />
        </CardSkeleton>
        <CardSkeleton size="half">
          <ChartSkeleton />
        </CardSkeleton>
        <CardSkeleton size="half">
          <ChartSkeleton />
        </CardSkeleton>
        <CardSkeleton size="full">
          <TableSkeleton />
        </CardSkeleton>
      </div>
    </div>
  );
}
