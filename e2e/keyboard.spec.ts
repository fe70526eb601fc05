// The keyboard end to end: every normal-mode shortcut, visual mode's actions on a selected message, the help dialog
// listing them, and the setting that swaps Enter and Shift+Enter in the composer.
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './support/test.js';
import { Person } from './support/person.js';
import { emojiPicker, expectChip, messageWith, pickEmoji, reactionChip, say } from './support/reactions.js';

const scrollTopOf = (log: Locator) => log.evaluate((element) => element.scrollTop);
const atBottom = (log: Locator) => log.evaluate((element) => element.scrollHeight - element.scrollTop - element.clientHeight < 30);

/** Focus on nothing in particular: where single-letter shortcuts work. */
async function leaveTextFields(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
  await expect(page.locator('textarea:focus, input:focus')).toHaveCount(0);
}

test.describe.configure({ timeout: 90_000 });

test('normal mode: composer, search, scrolling, new DM, conversations and the help dialog', async ({ browser }) => {
  const alice = await Person.signUp(browser, 'alice');
  const bob = await Person.signUp(browser, 'bob');
  await alice.createPrivateChannel(`keys-${Date.now().toString(36)}`, [bob]);
  const dm = await alice.startDirectMessage(bob);
  await alice.postDirectly(dm, Array.from({ length: 40 }, (_, i) => `line ${i + 1}\nsecond row of ${i + 1}`), { batch: 10 });
  const page = alice.page;
  const log = alice.chat.log(dm);
  const composer = alice.chat.composer(dm);
  await expect(alice.chat.message(dm, 'line 40')).toBeVisible();
  await composer.focus();

  // Typing never triggers shortcuts; Esc leaves the field, then `i` comes back to it.
  await composer.press('j');
  await expect(composer).toHaveValue('j');
  await composer.fill('');
  await leaveTextFields(page);
  await page.keyboard.press('i');
  await expect(composer).toBeFocused();
  await leaveTextFields(page);

  // g / j / k / d / u / G.
  await page.keyboard.press('g');
  await expect.poll(() => scrollTopOf(log)).toBe(0);
  await page.keyboard.press('j');
  await expect.poll(() => scrollTopOf(log)).toBe(48);
  await page.keyboard.press('j');
  await page.keyboard.press('k');
  await expect.poll(() => scrollTopOf(log)).toBe(48);
  const half = await log.evaluate((element) => Math.floor(element.clientHeight / 2));
  await page.keyboard.press('d');
  await expect.poll(async () => (await scrollTopOf(log)) - 48).toBeGreaterThanOrEqual(half - 1);
  await page.keyboard.press('u');
  await expect.poll(() => scrollTopOf(log)).toBeLessThanOrEqual(49);
  await page.keyboard.press('G');
  await expect.poll(() => atBottom(log)).toBe(true);

  // `/` and `f` search; Esc closes the results, then leaves the field.
  const search = page.getByRole('combobox', { name: 'Search messages' });
  await page.keyboard.press('/');
  await expect(search).toBeFocused();
  await expect(search).toHaveValue('');
  await page.keyboard.press('Escape');
  await leaveTextFields(page);
  await page.keyboard.press('f');
  await expect(search).toBeFocused();
  await page.keyboard.press('Escape');
  await leaveTextFields(page);

  // `o`: a new direct message.
  await page.keyboard.press('o');
  const newDm = alice.chat.dialog('New direct message');
  await expect(newDm).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(newDm).toBeHidden();

  // Ctrl+K and Ctrl+J: the previous and next conversation in sidebar order (the private channel sits before DMs).
  // The composer opens focused: Ctrl+J and Ctrl+K work from there too.
  await page.keyboard.press('Control+k');
  await expect(log).toBeHidden();
  await expect(page.getByRole('log')).toBeVisible();
  await expect(page.locator('.composer-input')).toBeFocused();
  await page.keyboard.press('Control+j');
  await expect(log).toBeVisible();
  // Its composer takes focus once it is on screen; Esc before that would leave nothing to leave.
  await expect(page.locator('.composer-input')).toBeFocused();
  await leaveTextFields(page);

  // `?`: the help dialog lists the whole table.
  await page.keyboard.press('?');
  const help = alice.chat.dialog('Keyboard shortcuts');
  await expect(help).toBeVisible();
  for (const [key, action] of [
    ['i', 'Write a message (focus the composer)'],
    ['/ or f', 'Search messages'],
    ['Ctrl+J', 'Next conversation'],
    ['Ctrl+K', 'Previous conversation'],
    ['G', 'Go to the newest message'],
    ['y', 'Copy the text'],
    ['p', 'Pin or unpin'],
    ['Enter', 'Send'],
  ]) {
    await expect(help.getByRole('row', { name: `${key} ${action}`, exact: true })).toBeVisible();
  }
  // Keys belong to the dialog while it is open.
  await page.keyboard.press('i');
  await expect(composer).not.toBeFocused();
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
});

test('visual mode: select, copy, pin, reply, edit, react and delete from the keyboard', async ({ browser }) => {
  const alice = await Person.signUp(browser, 'alice');
  const bob = await Person.signUp(browser, 'bob');
  await alice.context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const dm = await alice.startDirectMessage(bob);
  await say(alice, dm, 'first note');
  await say(alice, dm, 'second note');
  const page = alice.page;
  const composer = alice.chat.composer(dm);
  const mode = page.getByText('-- VISUAL --', { exact: true });
  const selected = alice.chat.log(dm).locator('article[aria-current="true"]');
  await leaveTextFields(page);

  // `v` selects the newest; k / j move.
  await page.keyboard.press('v');
  await expect(mode).toBeVisible();
  await expect(selected).toHaveCount(1);
  await expect(selected).toContainText('second note');
  await page.keyboard.press('k');
  await expect(selected).toContainText('first note');
  await page.keyboard.press('k');
  await expect(selected).toContainText('first note');
  await page.keyboard.press('j');
  await expect(selected).toContainText('second note');

  // y copies, p pins and unpins: visual mode stays.
  await page.keyboard.press('y');
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe('second note');
  await page.keyboard.press('p');
  await expect(messageWith(alice, dm, 'second note').getByText(/^Pinned by/)).toBeVisible();
  await page.keyboard.press('p');
  await expect(messageWith(alice, dm, 'second note').getByText(/^Pinned by/)).toBeHidden();
  await expect(mode).toBeVisible();

  // o replies (and leaves visual mode for the composer).
  await page.keyboard.press('k');
  await page.keyboard.press('o');
  await expect(mode).toBeHidden();
  await expect(composer).toBeFocused();
  await expect(page.getByText('Replying to')).toBeVisible();
  await composer.press('Escape');
  await expect(page.getByText('Replying to')).toBeHidden();
  await leaveTextFields(page);

  // c edits.
  await page.keyboard.press('v');
  await page.keyboard.press('c');
  const edit = page.getByRole('textbox', { name: 'Edit message', exact: true });
  await expect(edit).toBeVisible();
  await edit.fill('second note, edited');
  await edit.press('Enter');
  await expect(alice.chat.message(dm, 'second note, edited')).toBeVisible();
  await leaveTextFields(page);

  // e reacts.
  await page.keyboard.press('v');
  await page.keyboard.press('e');
  const picker = emojiPicker(alice, 'Add a reaction');
  await pickEmoji(picker, 'thumbs', 'thumbs up');
  await expectChip(reactionChip(alice, dm, 'second note, edited', '👍'), 1, [alice.username], true);
  await leaveTextFields(page);

  // d deletes, after asking.
  await page.keyboard.press('v');
  await page.keyboard.press('k');
  await page.keyboard.press('d');
  const confirm = alice.chat.dialog('Delete message?');
  await expect(confirm).toBeVisible();
  await confirm.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(alice.chat.message(dm, 'first note')).toHaveCount(0);

  // Esc leaves visual mode.
  await page.keyboard.press('v');
  await expect(mode).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(mode).toBeHidden();
  await expect(selected).toHaveCount(0);
});

test('a setting swaps Enter and Shift+Enter in the composer', async ({ browser }) => {
  const carol = await Person.signUp(browser, 'carol');
  const dave = await Person.signUp(browser, 'dave');
  const dm = await carol.startDirectMessage(dave);
  await carol.page.getByRole('button', { name: 'Settings', exact: true }).click();
  const settings = carol.chat.dialog('Settings');
  await settings.getByRole('checkbox', { name: 'Enter adds a new line; Shift+Enter sends' }).check();
  await settings.getByRole('button', { name: 'Close', exact: true }).click();

  const composer = carol.chat.composer(dm);
  await composer.fill('one');
  await composer.press('Enter');
  await composer.pressSequentially('two');
  await expect(composer).toHaveValue('one\ntwo');
  await composer.press('Shift+Enter');
  await expect(composer).toHaveValue('');
  await expect(messageWith(carol, dm, 'two')).toBeVisible();

  // Kept on this device.
  await carol.reload();
  await expect(carol.page.getByText('Shift+Enter to send', { exact: false })).toBeVisible();
});
