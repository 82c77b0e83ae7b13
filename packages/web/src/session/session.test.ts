import { describe, expect, it } from 'vitest';
import { forgetToken, saveToken, tokenFromInput } from './session';

describe('tokenFromInput', () => {
  it('takes the token out of a pasted sign-in link, or the token itself', () => {
    expect(tokenFromInput('  tti_abc123  ')).toBe('tti_abc123');
    expect(tokenFromInput('http://localhost:4000/#token=tti_abc123')).toBe('tti_abc123');
    expect(tokenFromInput('http://localhost:4000/insights/tiktok?from=2026-10-05#token=tti_a%2Bb&x=1')).toBe('tti_a+b');
  });
});

describe('forgetToken', () => {
  it('forgets the refused token, but not a newer one saved since', () => {
    saveToken('tti_old');
    forgetToken('tti_old');
    expect(localStorage.getItem('tiktok-insights.token')).toBeNull();
    saveToken('tti_new');
    forgetToken('tti_old');
    expect(localStorage.getItem('tiktok-insights.token')).toBe('tti_new');
  });
});
