// A phone (390×844, touch): the sidebar is a drawer opened by its button or a swipe from the edge, touch targets are
// finger-sized, tapping a message shows its actions, and pinching or Ctrl+scrolling sizes the message text (kept
// after a reload) instead of zooming the page.
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './support/test.js';
import { Person } from './support/person.js';

const PHONE = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true };

test.describe.configure({ timeout: 90_000 });

async function signUpOnPhone(browser: Parameters<typeof Person.arrive>[0], name: string): Promise<Person> {
  const person = await Person.arrive(browser, name, undefined, PHONE);
  await person.openSignUp();
  await person.fillSignUp();
  await person.submitSignUp();
  await expect(person.page).toHaveURL(/\/c\/\d+$/);
  await expect(person.chat.log('#general')).toBeVisible();
  return person;
}

/** A one-finger swipe (or, with two start and end points, a two-finger pinch) as touch events on `target`. */
async function touch(page: Page, target: Locator, from: [number, number][], to: [number, number][]): Promise<void> {
  await target.evaluate(
    (element, { from, to }) => {
      const touchesAt = (points: [number, number][]) =>
        points.map(([clientX, clientY], identifier) => new Touch({ identifier, target: element, clientX, clientY }));
      const fire = (type: string, touches: Touch[], changed: Touch[]) =>
        element.dispatchEvent(new TouchEvent(type, { touches, targetTouches: touches, changedTouches: changed, bubbles: true, cancelable: true }));
      fire('touchstart', touchesAt(from), touchesAt(from));
      const middle = from.map(([x, y], i) => [(x + (to[i]?.[0] ?? x)) / 2, (y + (to[i]?.[1] ?? y)) / 2] as [number, number]);
      fire('touchmove', touchesAt(middle), touchesAt(middle));
      fire('touchmove', touchesAt(to), touchesAt(to));
      fire('touchend', [], touchesAt(to));
    },
    { from, to },
  );
  await page.waitForTimeout(50);
}

const textSizeOf = (message: Locator) => message.locator('.message-text').first().evaluate((element) => getComputedStyle(element).fontSize);

test('the sidebar is a drawer, opened and closed by button and by swipe', async ({ browser }) => {
  const alice = await signUpOnPhone(browser, 'alice');
  const page = alice.page;
  const toggle = page.getByRole('button', { name: 'Conversations', exact: true });
  const channels = alice.chat.nav.getByRole('heading', { name: 'Channels', exact: true });
  await expect(toggle).toBeVisible();
  await expect(channels).toBeHidden();

  await toggle.tap();
  await expect(channels).toBeVisible();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  // A swipe to the left closes it.
  await touch(page, alice.chat.nav, [[300, 400]], [[60, 410]]);
  await expect(channels).toBeHidden();

  // A swipe right from the left edge opens it; one that starts mid-screen does not.
  const main = page.getByRole('main');
  await touch(page, main, [[150, 400]], [[380, 400]]);
  await expect(channels).toBeHidden();
  await touch(page, main, [[4, 400]], [[260, 410]]);
  await expect(channels).toBeVisible();
  // Following a link closes it.
  await alice.chat.link('#general').tap();
  await expect(channels).toBeHidden();

  // Nothing is wider than the screen, down to 360 px.
  await page.setViewportSize({ width: 360, height: 740 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
});

test('tapping a message shows its actions, with finger-sized buttons', async ({ browser }) => {
  const bob = await signUpOnPhone(browser, 'bob');
  const text = `tap me ${Date.now()}`;
  await bob.sendMessage('#general', text);
  const message = bob.chat.message('#general', text);
  const actions = message.getByRole('group', { name: 'Message actions' });
  await bob.page.getByRole('combobox', { name: 'Search messages' }).tap();
  await expect.poll(() => actions.evaluate((element) => getComputedStyle(element).opacity)).toBe('0');
  await message.locator('.message-text').tap();
  await expect.poll(() => actions.evaluate((element) => getComputedStyle(element).opacity)).toBe('1');
  const reply = bob.chat.messageAction(message, 'Reply');
  const box = await reply.boundingBox();
  expect(box?.width).toBeGreaterThanOrEqual(44);
  expect(box?.height).toBeGreaterThanOrEqual(44);
  await reply.tap();
  await expect(bob.page.getByText('Replying to')).toBeVisible();
});

test('pinch and Ctrl+scroll size the message text, remembered on this device', async ({ browser }) => {
  const carol = await signUpOnPhone(browser, 'carol');
  const text = `size me ${Date.now()}`;
  await carol.sendMessage('#general', text);
  const message = carol.chat.message('#general', text);
  const log = carol.chat.log('#general');
  await expect.poll(() => textSizeOf(message)).toBe('15px');

  // Ctrl+wheel up: one pixel a notch; the page itself is not zoomed.
  await log.evaluate((element) => {
    for (let i = 0; i < 2; i++) element.dispatchEvent(new WheelEvent('wheel', { deltaY: -100, ctrlKey: true, bubbles: true, cancelable: true }));
  });
  await expect.poll(() => textSizeOf(message)).toBe('17px');
  expect(await carol.page.evaluate(() => window.visualViewport?.scale ?? 1)).toBe(1);

  await carol.reload();
  await expect.poll(() => textSizeOf(carol.chat.message('#general', text))).toBe('17px');

  // Fingers apart: larger, up to 24 px; together: smaller, down to 12 px.
  await touch(carol.page, log, [[150, 400], [250, 400]], [[100, 400], [300, 400]]);
  await expect.poll(() => textSizeOf(message)).toBe('24px');
  await touch(carol.page, log, [[100, 400], [300, 400]], [[190, 400], [210, 400]]);
  await expect.poll(() => textSizeOf(message)).toBe('12px');
  await carol.reload();
  await expect.poll(() => textSizeOf(carol.chat.message('#general', text))).toBe('12px');
});
