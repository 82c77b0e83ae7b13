import { AppError } from '../errors/app-error.js';
import { EXPORT_RETRY_AFTER_SECONDS } from './export-limits.js';

/** PostgreSQL's query_canceled: the statement timeout (STATEMENT_TIMEOUT_MS) stopped the export's query. */
const QUERY_CANCELED = '57014';

/** An export refused a place (ExportPlaces): the shop's, or every shop's together, are taken. */
export function exportRefused(reason: 'shop' | 'total', perShop: number): AppError {
  return reason === 'shop'
    ? new AppError(
        'TOO_MANY_REQUESTS',
        `This shop already has ${perShop} exports in progress; try again when one has finished.`,
        {},
        EXPORT_RETRY_AFTER_SECONDS,
      )
    : new AppError('TOO_MANY_REQUESTS', 'The server is busy with other exports; try again shortly.', {}, EXPORT_RETRY_AFTER_SECONDS);
}

/**
 * The export's file did not fit the room for export files (TempSpaceExhaustedError).
 * `othersHoldSpace`: other exports' files take some of it now.
 */
export function noRoomForExport(othersHoldSpace: boolean): AppError {
  // Other exports' files hold the space: it comes back when they are sent. Alone, this list is
  // larger than EXPORT_TEMP_MAX_MB allows, and waiting would not help.
  return othersHoldSpace
    ? new AppError('SERVICE_UNAVAILABLE', 'The server has no room for this export right now; try again shortly.', {}, EXPORT_RETRY_AFTER_SECONDS)
    : new AppError('INTERNAL_SERVER_ERROR', 'This list is larger than the server allows for an export (EXPORT_TEMP_MAX_MB).');
}

/** The failures of an export the client is told about in words of their own; null for any other (an internal error). */
export function exportFailure(error: unknown): AppError | null {
  if (error instanceof AppError) return error;
  if (error instanceof Error && (error as { code?: unknown }).code === QUERY_CANCELED) {
    return new AppError('INTERNAL_SERVER_ERROR', 'The export took too long and was stopped.', { reason: 'TIMEOUT' });
  }
  return null;
}
