// Headless Chromium for browser tests: Debian's /usr/bin/chromium driven by playwright-core
// (no Playwright-downloaded browsers). Install it with `scripts/ensure-chromium.sh`.
// Pages opened through `blockExternalRequests` can reach only 127.0.0.1, so a test proves
// that what it checks works offline and never waits on DNS for some CDN.
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`${CHROMIUM_PATH} is missing; run scripts/ensure-chromium.sh (as root) to install Debian's chromium`);
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

export interface BlockedRequest {
  url: string;
  resourceType: string;
}

/**
 * Aborts every http(s) request from `page` that is not to 127.0.0.1. Returns the list of
 * requests blocked so far (it keeps growing), so a test can assert what the page tried to load.
 */
export async function blockExternalRequests(page: Page): Promise<BlockedRequest[]> {
  const blocked: BlockedRequest[] = [];
  await page.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => {
    const request = route.request();
    blocked.push({ url: request.url(), resourceType: request.resourceType() });
    return route.abort();
  });
  return blocked;
}
