import type { Page } from 'playwright-core';

export interface CspViolations {
  /** The page's `securitypolicyviolation` events since the watch began (or the last clear), every document of the page. */
  readonly events: string[];
  /** Chromium's console errors for them ("Executing inline script violates the following Content Security Policy directive …", "Refused to load …"). */
  readonly console: string[];
  /** Both lists together: what a test expects to be empty. */
  all(): string[];
  clear(): void;
}

/** Whether a console message is Chromium's report of a CSP violation (its wording differs by version and by what was blocked). */
export const isCspConsoleMessage = (text: string): boolean => /Content Security Policy/.test(text) && /Refused to|violates/.test(text);

/**
 * Records every Content-Security-Policy violation of `page`: the `securitypolicyviolation` events
 * of each document it loads (a listener added before the page's own scripts, reporting to the
 * test through a binding, which the page's CSP does not govern) and the console errors Chromium
 * logs for them. Call before the first navigation.
 */
export async function watchCspViolations(page: Page): Promise<CspViolations> {
  const events: string[] = [];
  const consoleErrors: string[] = [];
  await page.exposeFunction('__e2eReportCspViolation', (violation: string) => void events.push(violation));
  await page.addInitScript(() => {
    const report = (window as unknown as { __e2eReportCspViolation: (violation: string) => void }).__e2eReportCspViolation;
    window.addEventListener(
      'securitypolicyviolation',
      (event) => report(`${event.effectiveDirective} blocked ${event.blockedURI || '(inline)'} at ${event.sourceFile || document.location.href}:${event.lineNumber}`),
      true,
    );
  });
  page.on('console', (message) => {
    if (message.type() === 'error' && isCspConsoleMessage(message.text())) consoleErrors.push(message.text());
  });
  return {
    events,
    console: consoleErrors,
    all: () => [...events, ...consoleErrors],
    clear: () => {
      events.length = 0;
      consoleErrors.length = 0;
    },
  };
}
