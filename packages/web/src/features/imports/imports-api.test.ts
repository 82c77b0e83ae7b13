import { afterEach, describe, expect, it, vi } from 'vitest';
import { isSessionRefused, uploadOrderFile } from './imports-api';

/** An XMLHttpRequest that records what the page set and answers with `status` and `body`. */
function fakeXhr(status: number, body: unknown) {
  const sent: { method?: string; url?: string; headers: Record<string, string>; withAuthorization: boolean } = { headers: {}, withAuthorization: false };
  class FakeXhr extends EventTarget {
    status = 0;
    responseText = '';
    upload = new EventTarget();
    open(method: string, url: string) {
      sent.method = method;
      sent.url = url;
    }
    setRequestHeader(name: string, value: string) {
      sent.headers[name.toLowerCase()] = value;
    }
    send() {
      queueMicrotask(() => {
        this.status = status;
        this.responseText = JSON.stringify(body);
        this.dispatchEvent(new Event('load'));
      });
    }
    abort() {}
  }
  vi.stubGlobal('XMLHttpRequest', FakeXhr);
  return sent;
}

afterEach(() => vi.unstubAllGlobals());

describe('uploadOrderFile', () => {
  it('goes with the session cookie alone, marked as the page’s own request (x-requested-with), no Authorization header', async () => {
    const sent = fakeXhr(202, { id: 'job-1' });
    await expect(uploadOrderFile(new File(['a,b\n'], 'orders.csv'))).resolves.toEqual({ id: 'job-1' });
    expect(sent.method).toBe('POST');
    expect(sent.url).toBe('/api/imports?filename=orders.csv');
    expect(sent.headers).toEqual({ 'x-requested-with': 'XMLHttpRequest', 'content-type': 'text/csv' });
  });

  it('a 401 is a refused session (the page then shows the sign-in page)', async () => {
    fakeXhr(401, { errors: [{ message: 'Sign in first.', extensions: { code: 'UNAUTHENTICATED' } }] });
    const failure = await uploadOrderFile(new File(['a'], 'orders.csv')).catch((error: unknown) => error);
    expect(isSessionRefused(failure)).toBe(true);
  });
});
