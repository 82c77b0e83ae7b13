import { useApolloClient, useQuery } from '@apollo/client/react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link } from 'react-router';
import { ErrorState } from '../../components/states/error-state';
import { DropZone } from '../../features/imports/drop-zone';
import { FilePreview } from '../../features/imports/file-preview';
import { ImportHistory } from '../../features/imports/import-history';
import { ImportRun } from '../../features/imports/import-run';
import { ImportRequestError, isSessionRefused, type UploadProgress, uploadOrderFile } from '../../features/imports/imports-api';
import { TEMPLATE_FILE_NAME, templateFileText } from '../../features/imports/template-file';
import { useImportJob } from '../../features/imports/use-import-job';
import { useOrderFile } from '../../features/imports/use-order-file';
import { graphql } from '../../gql';
import { useAccount } from '../../auth/account-context';
import { useCaller } from '../../auth/caller-context';

const ImportPageShopQuery = graphql(`
  query ImportPageShop {
    shop {
      id
      name
      timezone
      currency
    }
  }
`);

type Upload =
  | { state: 'sending'; file: File; sent: UploadProgress }
  | { state: 'sent'; file: File; jobId: string }
  | { state: 'refused'; file: File; message: string };

/** Import, for those who may import; a viewer who opens it is told which role it takes. */
export function ImportRoute() {
  const { canImport } = useCaller();
  if (!canImport) {
    return (
      <div className="import-page">
        <header className="page-header">
          <h1>Import orders</h1>
        </header>
        <div className="notice" role="status" data-testid="import-not-allowed">
          <h2>You need the owner or admin role to import orders</h2>
          <p>Your role in this shop lets you see the dashboard and download its exports. Ask an owner or admin of the shop to import orders, or to change your role.</p>
          <Link to="/insights/tiktok" className="button">
            Go to your TikTok insights
          </Link>
        </div>
      </div>
    );
  }
  return <ImportPage />;
}

/** Import: a file dropped or chosen, previewed, sent and followed to its outcome; the past uploads below. */
function ImportPage() {
  const { sessionEnded } = useAccount();
  const client = useApolloClient();
  const { data, error, refetch } = useQuery(ImportPageShopQuery);
  const [file, setFile] = useState<File | null>(null);
  const [upload, setUpload] = useState<Upload | null>(null);
  const [historyVersion, setHistoryVersion] = useState(0);
  // Counting goes on while the file uploads: the progress bar needs the rows as soon as they are known.
  const orderFile = useOrderFile(file);
  const jobState = useImportJob(upload?.state === 'sent' ? upload.jobId : null, sessionEnded);
  const templateUrl = useMemo(() => URL.createObjectURL(new Blob([templateFileText()], { type: 'text/csv;charset=utf-8' })), []);
  useEffect(() => () => URL.revokeObjectURL(templateUrl), [templateUrl]);

  const shop = data?.shop;
  const job = jobState.job;
  const ended = job?.status === 'done' || job?.status === 'failed';
  const seenEnd = useRef<string | null>(null);
  useEffect(() => {
    if (!job || !ended || seenEnd.current === job.id) return;
    seenEnd.current = job.id;
    setHistoryVersion((v) => v + 1);
    if (job.status === 'done' && shop) {
      // The figures the Insights page has cached are older than the orders just imported.
      const id = client.cache.identify({ __typename: 'Shop', id: shop.id });
      client.cache.evict({ id, fieldName: 'tiktokInsights' });
      client.cache.evict({ id, fieldName: 'lastImportAt' });
      client.cache.gc();
    }
  }, [job, ended, client, shop]);

  const choose = (chosen: File) => {
    setUpload(null);
    setFile(chosen);
  };
  const send = async () => {
    if (!file) return;
    setUpload({ state: 'sending', file, sent: { loaded: 0, total: file.size } });
    setHistoryVersion((v) => v + 1);
    try {
      const { id } = await uploadOrderFile(file, {
        // Only this upload's bar moves: a file chosen since then has replaced it.
        onProgress: (sent) => setUpload((current) => (current?.state === 'sending' && current.file === file ? { ...current, sent } : current)),
      });
      setUpload({ state: 'sent', file, jobId: id });
      setHistoryVersion((v) => v + 1);
    } catch (failure) {
      if (isSessionRefused(failure)) {
        sessionEnded();
        return;
      }
      const message =
        failure instanceof ImportRequestError ? failure.message : 'We could not reach the server. Check your connection and try again.';
      setUpload({ state: 'refused', file, message });
    }
  };
  const busy = upload?.state === 'sending' || (upload?.state === 'sent' && !ended);

  return (
    <div className="import-page">
      <header className="page-header">
        <h1>Import orders</h1>
        {shop && <p className="page-header__shop">{shop.name}</p>}
      </header>
      {error && <ErrorState error={error} onRetry={() => void refetch()} />}
      <p className="import-page__intro">
        Bring your orders in from a file: the <strong>TikTok Seller Center order export</strong> (Orders → Export, CSV), the{' '}
        <strong>Shopify order export</strong> (Orders → Export, CSV), or <strong>our template</strong> for any other store (
        <a href={templateUrl} download={TEMPLATE_FILE_NAME} data-testid="import-template-link">
          download the template
        </a>
        ). Sending a file again changes nothing; a later export that overlaps updates what changed and adds what is new.
      </p>
      <p className="import-page__note" data-testid="import-refund-note">
        Partial refunds are not subtracted: an order refunded in full counts as refunded, one refunded in part keeps its full total.
      </p>

      <DropZone onFile={choose} disabled={busy} />

      {file && !upload && <FilePreview file={file} state={orderFile} currency={shop?.currency ?? 'USD'} onUpload={() => void send()} onCancel={() => setFile(null)} />}
      {upload?.state === 'refused' && (
        <section className="import-panel" data-testid="import-run">
          <div className="import-error" role="alert" data-testid="import-file-error">
            <p>
              <strong>{upload.file.name} was not imported.</strong> {upload.message}
            </p>
          </div>
        </section>
      )}
      {(upload?.state === 'sending' || upload?.state === 'sent') && (
        <ImportRun
          fileName={upload.file.name}
          sending={upload.state === 'sending' ? upload.sent : null}
          state={jobState}
          totalRows={orderFile.counts?.rows ?? null}
        />
      )}
      {job?.status === 'done' && (
        <p className="import-page__next">
          <Link to="/insights/tiktok" className="button">
            See your TikTok insights
          </Link>
        </p>
      )}

      {shop && <ImportHistory timezone={shop.timezone} version={historyVersion} onSessionRefused={sessionEnded} />}
    </div>
  );
}
