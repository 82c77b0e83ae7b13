import { render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeApi, ok } from '../../test/fake-api';
import { ImportHistory, uploaderText } from './import-history';
import type { ImportJob } from './imports-api';

afterEach(() => vi.unstubAllGlobals());

const job = (id: string, uploadedBy: ImportJob['uploadedBy']): ImportJob => ({
  id,
  status: 'done',
  format: 'tiktok',
  fileName: `${id}.csv`,
  bytes: 2048,
  rowsRead: 3,
  ordersCreated: 3,
  ordersUpdated: 0,
  ordersUnchanged: 0,
  ordersSkipped: 0,
  errors: [],
  createdAt: '2026-11-30T10:00:00.000Z',
  finishedAt: '2026-11-30T10:00:05.000Z',
  uploadedBy,
});

describe('uploaderText', () => {
  it('names an API key as one, a person by their name, and shows a dash when nobody is known', () => {
    expect(uploaderText({ tokenId: 'key-1', label: 'Warehouse laptop' })).toBe('API key: Warehouse laptop');
    expect(uploaderText({ tokenId: 'key-1', label: '' })).toBe('API key');
    expect(uploaderText({ tokenId: null, label: 'Rosie Lane' })).toBe('Rosie Lane');
    expect(uploaderText({ tokenId: null, label: '' })).toBe('—');
    expect(uploaderText(null)).toBe('—');
  });
});

describe('ImportHistory', () => {
  it('says in the Uploaded by column who sent each file', async () => {
    const asked = fakeApi((request) =>
      request.path === '/api/imports'
        ? ok({
            jobs: [job('by-key', { tokenId: 'key-1', label: 'Warehouse laptop' }), job('by-person', { tokenId: null, label: 'Rosie Lane' }), job('by-nobody', null)],
            nextBefore: null,
          })
        : undefined,
    );
    render(<ImportHistory timezone="America/Chicago" version={0} onSessionRefused={() => undefined} />);

    const rows = await screen.findAllByTestId('import-history-row');
    const uploaderColumn = screen.getAllByRole('columnheader').findIndex((header) => header.textContent === 'Uploaded by');
    const uploaders = rows.map((row) => within(row).getAllByRole('cell')[uploaderColumn]!.textContent);
    expect(uploaders).toEqual(['API key: Warehouse laptop', 'Rosie Lane', '—']);
    expect(asked.map((request) => `${request.path}${request.search}`)).toEqual(['/api/imports?limit=20']);
  });
});
