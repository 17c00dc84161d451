import type { Locator, Page } from 'playwright-core';
import type { DomDocument, DomElement } from './dom';

// Runs inside Chromium (page.evaluate); see dom.ts for why the DOM is declared here.
declare const document: DomDocument;

export async function isFocused(locator: Locator): Promise<boolean> {
  return locator.evaluate((el: DomElement) => el === document.activeElement);
}

/**
 * Presses Tab until `target` has the focus, failing after `maxTabs`: proves the control is
 * reachable with the keyboard alone, in the document's tab order.
 */
export async function tabTo(page: Page, target: Locator, maxTabs = 40): Promise<void> {
  for (let i = 0; i < maxTabs; i++) {
    await page.keyboard.press('Tab');
    if (await isFocused(target)) return;
  }
  const active = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 120) ?? 'nothing');
  throw new Error(`not reachable with ${maxTabs} Tab presses; focus is on ${active}`);
}

/** One Tab press must move the focus to `next`: the form's fields follow in reading order. */
export async function tabOnceTo(page: Page, next: Locator): Promise<void> {
  await page.keyboard.press('Tab');
  if (!(await isFocused(next))) {
    const active = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 120) ?? 'nothing');
    throw new Error(`Tab did not move to the expected field; focus is on ${active}`);
  }
}
