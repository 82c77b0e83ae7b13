import { formatMoney } from '@tiktok-insights/shared';
import { formatCount } from '../../format/numbers';
import { formatBytes } from './import-progress';
import type { OrderFileState } from './use-order-file';

/** The chosen file before it is sent: its format, its first orders, how many orders and lines it holds. */
export function FilePreview({
  file,
  state,
  currency,
  onUpload,
  onCancel,
}: {
  file: File;
  state: OrderFileState;
  currency: string;
  onUpload: () => void;
  onCancel: () => void;
}) {
  const { check, counts, counted } = state;
  return (
    <section className="import-panel" aria-labelledby="import-preview-title" data-testid="import-preview">
      <h2 id="import-preview-title" className="import-panel__title">
        {file.name} <span className="import-panel__size">{formatBytes(file.size)}</span>
      </h2>
      {check === null && <p role="status">Reading the file…</p>}
      {check?.kind === 'refused' && (
        <div className="import-error" role="alert" data-testid="import-file-error">
          <p>
            <strong>This file can’t be imported.</strong> {check.message}
          </p>
        </div>
      )}
      {check?.kind === 'orders' && (
        <>
          <dl className="import-facts">
            <div>
              <dt>Format</dt>
              <dd data-testid="import-detected-format">{check.format.title}</dd>
            </div>
            <div>
              <dt>In the file</dt>
              <dd data-testid="import-file-counts" aria-live="polite">
                {counts
                  ? `${formatCount(counts.orders)} ${counts.orders === 1 ? 'order' : 'orders'}, ${formatCount(counts.lines)} ${counts.lines === 1 ? 'line' : 'lines'}`
                  : `Counting… ${Math.floor(counted * 100)}%`}
              </dd>
            </div>
          </dl>
          {check.orders.length > 0 ? (
            <div className="table-scroll">
              <table className="import-table" data-testid="import-preview-orders">
                <caption>The first orders as they will be imported</caption>
                <thead>
                  <tr>
                    <th scope="col">Order</th>
                    <th scope="col">Date</th>
                    <th scope="col">Customer</th>
                    <th scope="col" className="import-table__number">
                      Total
                    </th>
                    <th scope="col" className="import-table__number">
                      Lines
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {check.orders.map((order, i) => (
                    <tr key={`${order.orderId}-${i}`} data-testid="row">
                      <td>
                        {order.orderId}
                        {order.skipped && <span className="import-table__note"> (TikTok source: skipped)</span>}
                      </td>
                      <td>{order.placedAt}</td>
                      <td>{order.customer}</td>
                      <td className="import-table__number">{order.totalCents === null ? '—' : formatMoney(order.totalCents, currency)}</td>
                      <td className="import-table__number">{order.lines}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <p>The file has a header row but no orders yet.</p>
          )}
        </>
      )}
      <div className="import-panel__actions">
        <button type="button" className="button button--primary" data-testid="import-upload" disabled={check?.kind !== 'orders'} onClick={onUpload}>
          Upload and import
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Choose another file
        </button>
      </div>
    </section>
  );
}
