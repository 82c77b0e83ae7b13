import type { ReactNode } from 'react';

/** One headline number with its label, and optionally its change and advice. */
export function MetricTile({
  testId,
  label,
  value,
  change,
  note,
  children,
  tone,
}: {
  testId: string;
  label: string;
  value: string;
  change?: ReactNode;
  note?: ReactNode;
  children?: ReactNode;
  tone?: 'warning';
}) {
  return (
    <div className={`tile ${tone ? `tile--${tone}` : ''}`} data-testid={testId}>
      <p className="tile__label">{label}</p>
      <p className="tile__value" data-testid="tile-value">
        {value}
      </p>
      {change}
      {note && <p className="tile__note">{note}</p>}
      {children}
    </div>
  );
}

export function TileGrid({ children, label }: { children: ReactNode; label: string }) {
  return (
    <div className="tile-grid" role="group" aria-label={label}>
      {children}
    </div>
  );
}
