import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { createTestApp, type TestApp, type TestAppOptions } from '../harness/test-app';
import type { DomDocument, DomElement } from './dom';

// Callbacks given to page.evaluate run inside Chromium. The project compiles without the DOM lib
// (it is a server), so this module declares the little of the DOM those callbacks use.
declare const document: DomDocument;
declare const CSS: { escape(value: string): string };

/** The Debian package's binary; `.ci/run` installs it. Browsers are never downloaded. */
export const CHROMIUM_PATH = process.env.TF_CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'];

/** Generous but bounded: one browser suite boots the app and Chromium on a shared 2-core machine. */
export const BROWSER_SUITE_TIMEOUT_MS = 120_000;
/** Bound for a single wait on the page (navigation, element to appear). */
export const ACTION_TIMEOUT_MS = 20_000;

/** A phone-sized viewport: most buyers reach the storefront and stamp pages from a phone. */
export const MOBILE: BrowserContextOptions = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
  locale: 'vi-VN',
};
export const DESKTOP: BrowserContextOptions = { viewport: { width: 1280, height: 900 }, locale: 'vi-VN' };

const ARTIFACTS_DIR = resolve(__dirname, '../artifacts');

export interface BrowserHarness {
  t: TestApp;
  /** http://127.0.0.1:<port> of the listening app. */
  baseUrl: string;
  browser: Browser;
  /** A fresh, isolated context (cookies, storage) whose relative URLs resolve against the app. */
  newContext(options?: BrowserContextOptions): Promise<BrowserContext>;
  close(): Promise<void>;
}

export interface BrowserHarnessOptions extends TestAppOptions {
  /** Default options of every context (viewport, JavaScript…); MOBILE unless given. */
  context?: BrowserContextOptions;
}

/**
 * Boots the real application (createTestApp) listening on a free loopback port, and a headless
 * Chromium. One harness per test file: every file gets its own database, server and browser.
 */
export async function startBrowserHarness(options: BrowserHarnessOptions = {}): Promise<BrowserHarness> {
  const { context: contextDefaults = MOBILE, ...appOptions } = options;
  const t = await createTestApp(appOptions);
  const contexts: BrowserContext[] = [];
  let browser: Browser | undefined;
  try {
    // createTestApp serves supertest without a socket; a browser needs a real one. Port 0 lets the
    // kernel choose, so parallel Jest workers never race for a port.
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const address = t.app.getHttpServer().address();
    if (!address || typeof address === 'string') throw new Error(`unexpected server address ${String(address)}`);
    const baseUrl = `http://127.0.0.1:${address.port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true, timeout: ACTION_TIMEOUT_MS });
    const b = browser;
    return {
      t,
      baseUrl,
      browser: b,
      newContext: async (contextOptions = {}) => {
        const ctx = await b.newContext({ ...contextDefaults, ...contextOptions, baseURL: baseUrl });
        ctx.setDefaultTimeout(ACTION_TIMEOUT_MS);
        ctx.setDefaultNavigationTimeout(ACTION_TIMEOUT_MS);
        contexts.push(ctx);
        return ctx;
      },
      close: async () => {
        // Browser first: open keep-alive connections would otherwise hold the server's close.
        for (const ctx of contexts) await ctx.close().catch(() => undefined);
        await b.close();
        await t.close();
      },
    };
  } catch (err) {
    await browser?.close().catch(() => undefined);
    await t.close();
    throw err;
  }
}

/**
 * Saves a full-page PNG under test/artifacts/ for a human to look at after a local run. Skipped in
 * CI (process.env.CI set) to keep the pipeline light; the directory is git-ignored.
 */
export async function shot(page: Page, name: string): Promise<void> {
  if (process.env.CI) return;
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS_DIR, `${name.replace(/[^a-z0-9-]+/gi, '-')}.png`), fullPage: true });
}

/** Signs in through the real form at /dang-nhap (labels, CSRF field and cookies as a person gets them). */
export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/dang-nhap');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Mật khẩu').fill(password);
  await Promise.all([page.waitForURL('**/quan-ly'), page.getByRole('button', { name: 'Đăng nhập', exact: true }).click()]);
}

/** Signs out with the back office's button (a CSRF-protected POST). */
export async function signOut(page: Page): Promise<void> {
  await page.goto('/quan-ly');
  await Promise.all([page.waitForURL((url) => url.pathname === '/'), page.getByRole('button', { name: 'Đăng xuất' }).click()]);
}

export interface A11yReport {
  lang: string | null;
  h1Count: number;
  /** Form controls (not hidden/submit/button) without an accessible label. */
  unlabelledControls: string[];
  /** <img> elements without an alt attribute. */
  imagesWithoutAlt: string[];
}

/**
 * A basic accessibility check evaluated on the rendered DOM: the page language, exactly one h1,
 * a label for every form control (label[for], wrapping label, aria-label or aria-labelledby) and
 * an alt on every image. Works with JavaScript disabled: Playwright evaluates in its own world.
 */
export async function basicA11y(page: Page): Promise<A11yReport> {
  return page.evaluate(() => {
    const describe = (el: DomElement) => el.outerHTML.slice(0, 120);
    const controls = Array.from(document.querySelectorAll('input, select, textarea')).filter((el) => {
      const type = (el.getAttribute('type') ?? '').toLowerCase();
      return !['hidden', 'submit', 'button', 'reset', 'image'].includes(type);
    });
    const labelled = (el: DomElement) => {
      const id = el.getAttribute('id');
      if (id && document.querySelector(`label[for="${CSS.escape(id)}"]`)?.textContent?.trim()) return true;
      if (el.closest('label')?.textContent?.trim()) return true;
      if (el.getAttribute('aria-label')?.trim()) return true;
      const by = el.getAttribute('aria-labelledby');
      return !!by && by.split(/\s+/).some((ref: string) => document.getElementById(ref)?.textContent?.trim());
    };
    return {
      lang: document.documentElement.getAttribute('lang'),
      h1Count: document.querySelectorAll('h1').length,
      unlabelledControls: controls.filter((el) => !labelled(el)).map(describe),
      imagesWithoutAlt: Array.from(document.querySelectorAll('img'))
        .filter((img) => !img.hasAttribute('alt'))
        .map(describe),
    };
  });
}
