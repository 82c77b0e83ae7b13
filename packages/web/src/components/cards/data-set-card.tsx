import { useEffect, useId, useRef, useState, type ReactNode, type RefObject } from 'react';
import { MenuButton, type MenuAction } from '../menu/menu-button';
import { ErrorBoundary } from '../states/error-boundary';
import { ErrorState, errorMessage } from '../states/error-state';
import type { DataTableHandle } from '../tables/data-table';
import { DownloadDialog, type DownloadScope } from './download-dialog';

export interface DataSetCardProps {
  slug: string;
  title: string;
  subtitle?: ReactNode;
  /** "How you can use it": one to three sentences. */
  help: ReactNode;
  /** Builds and saves the CSV; charts treat both scopes as the series shown. */
  download?: (scope: DownloadScope) => Promise<void> | void;
  downloadNote?: string;
  /** The card's table, for Autosize / Reset column widths. */
  table?: RefObject<DataTableHandle<any> | null>;
  /** Clear cache & refresh: refetch this data set from the server. */
  onRefresh?: () => Promise<unknown>;
  /** A refetch or page of this data set is under way. */
  busy?: boolean;
  /** This data set failed on its own (e.g. its refresh). */
  error?: unknown;
  onRetry?: () => void;
  size?: 'third' | 'half' | 'full';
  children: ReactNode;
}

/**
 * A card holding one data set, with its three-dot menu: Download data (CSV), Autosize all
 * columns, Reset all column widths, View → Expand, and Clear cache & refresh.
 */
export function DataSetCard({
  slug,
  title,
  subtitle,
  help,
  download,
  downloadNote,
  table,
  onRefresh,
  busy = false,
  error,
  onRetry,
  size = 'half',
  children,
}: DataSetCardProps) {
  const [expanded, setExpanded] = useState(false);
  const [showHelp, setShowHelp] = useState(false);
  const [downloading, setDownloading] = useState(false);
  const [refreshing, setRefreshing] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);
  const [refreshError, setRefreshError] = useState<unknown>(null);
  // A fresh copy of the data set gets a fresh try at drawing it.
  const [refreshCount, setRefreshCount] = useState(0);
  const menuButton = useRef<HTMLButtonElement | null>(null);
  const closeButton = useRef<HTMLButtonElement | null>(null);
  const titleId = useId();
  const helpId = useId();

  useEffect(() => {
    if (!expanded) return;
    closeButton.current?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        setExpanded(false);
        menuButton.current?.focus();
      }
    };
    document.addEventListener('keydown', onKey);
    document.body.classList.add('has-expanded-card');
    return () => {
      document.removeEventListener('keydown', onKey);
      document.body.classList.remove('has-expanded-card');
    };
  }, [expanded]);

  const collapse = () => {
    setExpanded(false);
    menuButton.current?.focus();
  };

  const refresh = async () => {
    if (!onRefresh) return;
    setRefreshing(true);
    setRefreshError(null);
    try {
      await onRefresh();
      setRefreshCount((n) => n + 1);
    } catch (e) {
      setRefreshError(e);
    } finally {
      setRefreshing(false);
    }
  };

  const runDownload = async (scope: DownloadScope) => {
    if (!download) return;
    setDownloading(false);
    setActionError(null);
    menuButton.current?.focus();
    try {
      await download(scope);
    } catch (e) {
      setActionError(`The download failed: ${errorMessage(e)}`);
    }
  };

  const items: MenuAction[] = [];
  if (download) items.push({ id: 'download', label: 'Download data (CSV)…', onSelect: () => setDownloading(true) });
  if (table) {
    items.push({ id: 'autosize', label: 'Autosize all columns', onSelect: () => table.current?.autosizeColumns(), section: 'Columns' });
    items.push({ id: 'reset-widths', label: 'Reset all column widths', onSelect: () => table.current?.resetColumnWidths(), section: 'Columns' });
  }
  items.push(
    expanded
      ? { id: 'collapse', label: 'Exit full screen', onSelect: collapse, section: 'View' }
      : { id: 'expand', label: 'Expand', onSelect: () => setExpanded(true), section: 'View' },
  );
  if (onRefresh) items.push({ id: 'refresh', label: 'Clear cache & refresh', onSelect: () => void refresh(), section: 'Data' });

  const failure = refreshError ?? error;
  return (
    <>
      {expanded && <div className="card-backdrop" onClick={collapse} aria-hidden="true" />}
      <section
        className={`card card--${size} ${expanded ? 'card--expanded' : ''}`}
        data-testid={`card-${slug}`}
        aria-labelledby={titleId}
        aria-busy={busy || refreshing}
        {...(expanded ? { role: 'dialog', 'aria-modal': true } : {})}
      >
        <header className="card__header">
          <div className="card__titles">
            <h3 id={titleId} className="card__title">
              {title}
            </h3>
            {subtitle && <p className="card__subtitle">{subtitle}</p>}
          </div>
          <div className="card__tools">
            <button
              type="button"
              className={`icon-button help-toggle ${showHelp ? 'is-on' : ''}`}
              aria-expanded={showHelp}
              aria-controls={helpId}
              aria-label={`How you can use it: ${title}`}
              title="How you can use it"
              onClick={() => setShowHelp((s) => !s)}
            >
              <span aria-hidden="true">?</span>
            </button>
            <MenuButton label={`More actions for ${title}`} items={items} buttonRef={menuButton} testId="card-menu" />
            {expanded && (
              <button ref={closeButton} type="button" className="icon-button" aria-label="Close expanded view" onClick={collapse}>
                <span aria-hidden="true">✕</span>
              </button>
            )}
          </div>
        </header>
        {showHelp && (
          <div id={helpId} className="card__help">
            <strong>How you can use it.</strong> {help}
          </div>
        )}
        {downloading && download && (
          <DownloadDialog
            title={title}
            note={downloadNote}
            onDownload={(scope) => void runDownload(scope)}
            onClose={() => {
              setDownloading(false);
              menuButton.current?.focus();
            }}
          />
        )}
        {actionError && (
          <p className="card__notice" role="alert">
            {actionError}
          </p>
        )}
        <div className={`card__body ${refreshing ? 'is-refreshing' : ''}`}>
          {failure ? (
            <ErrorState
              error={failure}
              compact
              onRetry={refreshError ? () => void refresh() : onRetry}
            />
          ) : (
            // One card that fails to draw shows its error here; the rest of the page stays.
            <ErrorBoundary
              key={refreshCount}
              fallback={(drawError, retry) => <ErrorState error={drawError} title="This card couldn’t be shown." compact onRetry={retry} />}
            >
              {children}
            </ErrorBoundary>
          )}
          {(refreshing || busy) && <div className="card__progress" role="status" aria-label="Refreshing" />}
        </div>
      </section>
    </>
  );
}
