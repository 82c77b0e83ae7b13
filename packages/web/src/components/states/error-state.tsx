import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { isUnauthenticated } from '../../apollo/error-codes';
import { SESSION_ENDED } from '../../auth/auth-messages';

export { isUnauthenticated };

/** A plain sentence for the seller, whatever failed. */
export function errorMessage(error: unknown): string {
  if (CombinedGraphQLErrors.is(error)) {
    const first = error.errors[0];
    const code = first?.extensions?.['code'];
    if (code === 'UNAUTHENTICATED') return SESSION_ENDED;
    return first?.message ?? 'The server could not answer.';
  }
  if (error instanceof Error) {
    if (/fetch|network/i.test(error.message)) return 'We could not reach the server. Check your connection and try again.';
    return error.message;
  }
  return 'Something went wrong.';
}

export function ErrorState({
  error,
  onRetry,
  compact = false,
  title = 'We couldn’t load this.',
}: {
  error: unknown;
  onRetry?: () => void;
  compact?: boolean;
  title?: string;
}) {
  return (
    <div className={`error-state ${compact ? 'error-state--compact' : ''}`} role="alert">
      <p>
        <strong>{title}</strong> {errorMessage(error)}
      </p>
      {/* Trying again with a refused session cannot help: the app shows the sign-in page instead. */}
      {onRetry && !isUnauthenticated(error) && (
        <button type="button" className="button" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}
