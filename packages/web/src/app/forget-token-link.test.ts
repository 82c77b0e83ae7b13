import { afterEach, expect, it } from 'vitest';
import { forgetTokenLink } from './forget-token-link';

afterEach(() => window.history.replaceState(null, '', '/'));

it('takes an old sign-in link\'s key out of the address, keeping the page and its query', () => {
  window.history.replaceState(null, '', '/insights/tiktok?range=last-30-days#token=tti_secretSecretSecret');
  expect(forgetTokenLink()).toBe(true);
  expect(window.location.href).not.toContain('tti_');
  expect(window.location.pathname + window.location.search + window.location.hash).toBe('/insights/tiktok?range=last-30-days');
});

it('leaves any other address alone', () => {
  window.history.replaceState(null, '', '/settings#team');
  expect(forgetTokenLink()).toBe(false);
  expect(window.location.hash).toBe('#team');
});
