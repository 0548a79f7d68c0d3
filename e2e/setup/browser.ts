import fs from 'node:fs';
import path from 'node:path';
import { type Browser, type BrowserContext, type Page, chromium } from 'playwright-core';
import { afterAll, inject } from 'vitest';

export const DESKTOP = { width: 1366, height: 800 };
export const PHONE = { width: 360, height: 740 };

let browser: Browser | null = null;

/** Debian's Chromium through playwright-core (a fresh profile per launch); never a downloaded browser. */
export async function openPage(viewport = DESKTOP): Promise<{ page: Page; context: BrowserContext }> {
  browser ??= await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const context = await browser.newContext({ viewport, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', baseURL: inject('baseUrl') });
  // The demo is set in 2012: pin the clock so dates in the pages do not drift.
  await context.clock.setFixedTime(new Date('2012-06-19T09:35:00+07:00'));
  const page = await context.newPage();
  return { page, context };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  const dir = path.resolve('.tmp/screenshots');
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: false });
}

afterAll(async () => {
  await browser?.close();
  browser = null;
});

