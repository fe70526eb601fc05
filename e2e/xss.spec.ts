// Hostile text everywhere a person's words are shown, in a real browser with someone else looking: messages (live and
// from history), private channel names (sidebar, header), file names, and usernames (refused at sign-up). Nothing may run: no
// dialog, no `window.__xss`, no CSP violation, no element or link the text asked for; and the text reads as typed.
import type { Browser, Page } from '@playwright/test';
import { expect, test } from './support/test.js';
import { dropFiles, messageWith } from './support/attachments.js';
import { DEFAULT_PASSWORD, Person } from './support/person.js';
import { scriptSignals, shownText, watchForScripts, XSS_PAYLOADS, type XssPayload } from './support/xss-corpus.js';

// A few hundred messages and dozens of channels, each checked by two people.
test.describe.configure({ timeout: 180_000 });

/** Signs up like Person.signUp, with the script watcher installed before the first page loads. */
async function arriveWatched(browser: Browser, name: string): Promise<Person> {
  const person = await Person.arrive(browser, name);
  await watchForScripts(person.page);
  await person.openSignUp();
  await person.fillSignUp();
  await person.submitSignUp();
  await person.expectShell();
  return person;
}

/** Elements and attributes no message or name may ever produce. */
const LIVE_MARKUP = 'script, iframe, object, embed, img, svg, math, style, link, meta, base, form, input, video, source, details, template, marquee';

/** Nothing ran in any of these pages, and nothing live was created from the payloads. */
async function expectNothingRan(people: Person[]): Promise<void> {
  for (const person of people) {
    const signals = await scriptSignals(person.page);
    expect(signals.sentinel, `window.__xss in ${person.username}'s page`).toBeNull();
    expect(signals.cspViolations, `CSP violations in ${person.username}'s page`).toEqual([]);
    expect(person.pageProblems, `dialogs and errors in ${person.username}'s page`).toEqual([]);
    // (Class selectors: the app's own icons are SVG, so only what message text produced is looked at.)
    await expect(person.page.locator('.message-text').locator(LIVE_MARKUP)).toHaveCount(0);
    const hrefs = await person.page.locator('.message-text a').evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''));
    for (const href of hrefs) expect(href, 'a link in a message').toMatch(/^(https?:\/\/[^/]|mailto:)/);
  }
}

/** The shown text of one message, found by its id (posted over the API, so the test knows it). */
function messageText(page: Page, id: number) {
  return page.locator(`[data-message-id="${id}"] .message-text`);
}

/**
 * Posts each payload as a message from `sender` while `viewers` look at the conversation, then checks every viewer
 * sees each one as text. Any list of payloads will do (file names, once messages carry files, go through the same
 * checks on their own surface).
 */
async function postAsMessages(sender: Person, viewers: Person[], where: string, payloads: readonly XssPayload[]): Promise<number[]> {
  for (const viewer of viewers) await viewer.open(where);
  const ids = await sender.postDirectly(
    where,
    payloads.map((payload) => payload.text),
    { batch: 4 },
  );
  for (const viewer of [sender, ...viewers]) {
    for (const [index, payload] of payloads.entries()) {
      const shown = messageText(viewer.page, ids[index] as number);
      await expect(shown, `${payload.kind}: ${payload.text.slice(0, 80)}`).toBeVisible();
      await expect(shown, `${payload.kind}: ${payload.text.slice(0, 80)}`).toContainText(shownText(payload));
    }
  }
  return ids;
}

async function csrfHeaders(person: Person): Promise<Record<string, string>> {
  const origin = new URL(person.page.url()).origin;
  const { csrfToken } = (await (await person.page.request.get('/api/session')).json()) as { csrfToken: string };
  return { origin, 'x-csrf-token': csrfToken };
}

test(`${XSS_PAYLOADS.length} hostile messages show as text for their sender and another member, live and after a reload`, async ({ browser }) => {
  const mallory = await arriveWatched(browser, 'mallory');
  const victor = await arriveWatched(browser, 'victor');
  const room = `xss-${Date.now().toString(36)}`;
  await mallory.createPrivateChannel(room, [victor]);

  const ids = await postAsMessages(mallory, [victor], room, XSS_PAYLOADS);
  // Links the payloads asked for that are allowed (https) are still links, and open safely.
  const allowed = victor.chat.log(room).getByRole('link', { name: 'a', exact: true });
  await expect(allowed).toHaveAttribute('rel', 'noopener noreferrer');
  await expectNothingRan([mallory, victor]);

  // From history, the newest page of them (the first render of a conversation takes another path than live events).
  await victor.reload();
  await victor.open(room);
  const newest = XSS_PAYLOADS.slice(-30);
  for (const [index, payload] of newest.entries()) {
    const id = ids[ids.length - newest.length + index] as number;
    await expect(messageText(victor.page, id), payload.text.slice(0, 80)).toContainText(shownText(payload));
  }
  // Clicking what looks like a link does nothing either.
  for (const text of ['[click](javascript:window.__xss=1)', '<javascript:alert(1)>']) {
    await victor.chat.log(room).getByText(text, { exact: true }).first().click();
  }
  await expectNothingRan([mallory, victor]);
});

test('hostile private channel names show as text in the sidebar and the header of another member', async ({ browser }) => {
  const mallory = await arriveWatched(browser, 'mallory');
  const victor = await arriveWatched(browser, 'victor');
  // Names are trimmed, 1 to 80 characters, without control characters (line breaks included): the rest are refused.
  const names = XSS_PAYLOADS.map((payload) => payload.text.trim()).filter((name) => name.length > 0 && [...name].length <= 80 && !/\p{Cc}/u.test(name));
  expect(names.length).toBeGreaterThanOrEqual(50);
  const headers = await csrfHeaders(mallory);
  for (const name of names) {
    const response = await mallory.page.request.post('/api/conversations/private', { headers, data: { name, members: [victor.username] } });
    expect(response.status(), `${name}: ${await response.text()}`).toBe(201);
  }

  for (const name of names) {
    const link = victor.chat.nav.getByRole('link').filter({ has: victor.page.getByText(name, { exact: true }) });
    await expect(link, name).toBeVisible();
    await link.click();
    await expect(victor.chat.header.getByRole('heading', { level: 1, name, exact: true }), name).toBeVisible();
  }
  await expectNothingRan([mallory, victor]);
});

test('usernames cannot carry markup: sign-up refuses them, and the refusal shows the name as text', async ({ browser }) => {
  const newcomer = await Person.arrive(browser, 'newcomer');
  await watchForScripts(newcomer.page);
  await newcomer.openSignUp();
  const headers = await csrfHeaders(newcomer);
  for (const payload of XSS_PAYLOADS) {
    const response = await newcomer.page.request.post('/api/auth/signup', {
      headers,
      data: { username: payload.text.slice(0, 200), password: DEFAULT_PASSWORD, confirmPassword: DEFAULT_PASSWORD },
    });
    expect(response.status(), payload.text).toBe(400);
  }

  const username = newcomer.page.getByLabel('Username', { exact: true });
  await username.fill('<img src=x onerror="window.__xss=1">');
  await newcomer.page.getByLabel('Password', { exact: true }).fill(DEFAULT_PASSWORD);
  await newcomer.page.getByLabel('Confirm password', { exact: true }).fill(DEFAULT_PASSWORD);
  await newcomer.submitSignUp();
  await expect(username).toHaveAttribute('aria-invalid', 'true');
  await expect(username).toHaveValue('<img src=x onerror="window.__xss=1">');
  await expect(newcomer.page).toHaveURL(/\/signup$/);
  const signals = await scriptSignals(newcomer.page);
  expect(signals).toEqual({ sentinel: null, cspViolations: [] });
  expect(newcomer.pageProblems).toEqual([]);
});

test('the watchers see script that does run: the sentinel and a CSP violation', async ({ browser }) => {
  // A bare page rather than a Person: this one is meant to break the CSP, which the after-test check would report.
  const context = await browser.newContext();
  const page = await context.newPage();
  await watchForScripts(page);
  await page.goto('/login');
  await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.__xss = "inline"';
    document.body.append(script);
    (window as unknown as { __xss?: unknown }).__xss ??= 'evaluate';
  });
  await expect.poll(async () => (await scriptSignals(page)).cspViolations).toEqual([expect.stringMatching(/^script-src/)]);
  expect((await scriptSignals(page)).sentinel).toBe('evaluate');
  await context.close();
});

test('hostile file names show as text on the attachments another member sees', async ({ browser }) => {
  const mallory = await arriveWatched(browser, 'mallory');
  const victor = await arriveWatched(browser, 'victor');
  const room = `files-${Date.now().toString(36)}`;
  await mallory.createPrivateChannel(room, [victor]);
  await mallory.open(room);
  await victor.open(room);
  // The server keeps the last part of a path and drops control and direction characters; these names pass whole.
  const names = XSS_PAYLOADS.map((payload) => payload.text.trim())
    .filter((name) => name.length > 0 && name.length <= 200 && !/[\\/]/.test(name) && !/[\p{Cc}\u200e\u200f\u202a-\u202e\u2066-\u2069]/u.test(name))
    .slice(0, 40);
  expect(names.length).toBeGreaterThanOrEqual(20);
  for (let start = 0; start < names.length; start += 10) {
    const batch = names.slice(start, start + 10);
    await dropFiles(
      mallory,
      room,
      batch.map((name, i) => ({ name, type: 'text/plain', bytes: Buffer.from(`file ${start + i}\n`) })),
    );
    // (Names can contain one another, so the files are counted rather than found by name one by one.)
    const waiting = mallory.page.getByRole('list', { name: 'Files to send' });
    await expect(waiting.getByRole('listitem')).toHaveCount(batch.length);
    await expect(waiting.getByRole('progressbar')).toHaveCount(0);
    await mallory.chat.composer(room).fill(`files from ${start}`);
    await mallory.chat.composer(room).press('Enter');
    await expect(waiting).toHaveCount(0);
  }
  for (let start = 0; start < names.length; start += 10) {
    const message = messageWith(victor, room, `files from ${start}`);
    // Browsers send `"` in a multipart file name as %22 (the HTML form encoding); the server keeps what it got.
    for (const name of names.slice(start, start + 10)) await expect(message, name).toContainText(name.replaceAll('"', '%22'));
  }
  await expectNothingRan([mallory, victor]);
});
