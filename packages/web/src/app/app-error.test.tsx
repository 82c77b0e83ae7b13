import { render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ErrorBoundary } from '../components/states/error-boundary';
import { pageData } from '../test/fixtures';
import { renderWithApollo } from '../test/render-app';
import { AppErrorNotice } from './app-error';
import { routes } from './routes';

beforeEach(() => {
  // React and the router report each error they catch on the console.
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(() => vi.restoreAllMocks());

describe('a page that fails to render', () => {
  it('shows a plain message inside the layout with a way back to the default range, never a stack trace', async () => {
    // An answer the page cannot show: a time zone no browser knows makes "Data last updated" throw.
    const broken = pageData();
    broken.shop.timezone = 'Mars/Olympus_Mons';
    renderWithApollo(null, { respond: () => broken, path: '/insights/tiktok?from=2020-01-06&to=2020-02-09', routes });

    const notice = await screen.findByRole('alert');
    expect(within(notice).getByRole('heading', { name: 'Something went wrong on this page' })).toBeInTheDocument();
    expect(within(notice).getByRole('link', { name: 'Back to the default date range' })).toHaveAttribute('href', '/insights/tiktok');
    expect(within(notice).getByRole('button', { name: 'Reload the page' })).toBeInTheDocument();
    expect(notice).toHaveTextContent(/Technical details.*time zone/i);
    expect(notice).not.toHaveTextContent(/\bat \w+ \(|Unexpected Application Error/);
    // The menu stays: the seller can go elsewhere.
    expect(screen.getByRole('navigation', { name: 'Main' })).toBeInTheDocument();
  });

  it('outside the router too: the whole app shows the message instead of going blank', () => {
    function Broken(): never {
      throw new Error('Apollo exploded');
    }
    render(
      <ErrorBoundary fallback={(error) => <AppErrorNotice error={error} location={{ pathname: '/settings', search: '' }} />}>
        <Broken />
      </ErrorBoundary>,
    );
    const notice = screen.getByRole('alert');
    expect(within(notice).getByRole('button', { name: 'Reload the page' })).toBeInTheDocument();
    expect(within(notice).getByRole('link', { name: 'Go to your TikTok insights' })).toHaveAttribute('href', '/insights/tiktok');
    expect(within(notice).queryByRole('link', { name: 'Back to the default date range' })).not.toBeInTheDocument();
  });
});
