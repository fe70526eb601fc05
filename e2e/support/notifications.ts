// Desktop notifications, observed: an init script replaces `window.Notification` with a recorder (permission
// granted) and lets a test say whether the tab is in the background (`document.visibilityState`).
import { expect, type Page } from '@playwright/test';
import type { Person } from './person.js';

export interface ShownNotification {
  title: string;
  body: string;
}

declare global {
  interface Window {
    shownNotifications?: (ShownNotification & { onclick: (() => void) | null })[];
    setTabHidden?: (hidden: boolean) => void;
  }
}

function recordNotifications(): void {
  const shown: NonNullable<Window['shownNotifications']> = [];
  window.shownNotifications = shown;
  class RecordedNotification {
    static readonly permission = 'granted';
    static requestPermission = async () => 'granted';
    onclick: (() => void) | null = null;
    readonly body: string;
    constructor(
      readonly title: string,
      options?: { body?: string },
    ) {
      this.body = options?.body ?? '';
      shown.push(this);
    }
    close(): void {}
  }
  Object.defineProperty(window, 'Notification', { value: RecordedNotification, configurable: true, writable: true });
  let hidden = false;
  Object.defineProperty(document, 'visibilityState', { get: () => (hidden ? 'hidden' : 'visible'), configurable: true });
  Object.defineProperty(document, 'hidden', { get: () => hidden, configurable: true });
  const hasFocus = document.hasFocus.bind(document);
  document.hasFocus = () => !hidden && hasFocus();
  window.setTabHidden = (value) => {
    hidden = value;
    document.dispatchEvent(new Event('visibilitychange'));
  };
}

/** From now on every page of this person records notifications; reloads the page so the recorder is in place. */
export async function watchNotifications(person: Person): Promise<void> {
  await person.context.grantPermissions(['notifications']);
  await person.context.addInitScript(recordNotifications);
  await person.reload();
  await person.expectShell();
}

export async function notificationsOn(page: Page): Promise<ShownNotification[]> {
  return page.evaluate(() => (window.shownNotifications ?? []).map(({ title, body }) => ({ title, body })));
}

export async function expectNotifications(pages: Page[], expected: ShownNotification[]): Promise<void> {
  await expect
    .poll(async () => (await Promise.all(pages.map(notificationsOn))).flat())
    .toEqual(expected);
}

export async function setHidden(page: Page, hidden: boolean): Promise<void> {
  await page.evaluate((value) => window.setTabHidden?.(value), hidden);
}

/** What clicking the newest notification does. */
export async function clickLastNotification(page: Page): Promise<void> {
  await page.evaluate(() => window.shownNotifications?.at(-1)?.onclick?.());
}
