// Formatted messages: shortcuts in the composer, what another person sees, code blocks with colour and Copy, and
// links that open safely (and only when they are web or mail links).
import type { Locator } from '@playwright/test';
import { expect, test } from './support/test.js';
import { Person } from './support/person.js';

/** The formatted text of a message (the words, not the author line or the actions). */
const words = (message: Locator, tag: 'strong' | 'em' | 'u' | 's' | 'code') => message.locator(`.message-text ${tag}`);

/** Sends Markdown whose shown text differs from what was typed (sendMessage waits for the typed text itself). */
async function sendTyped(person: Person, where: string, text: string): Promise<void> {
  await person.open(where);
  await person.chat.composer(where).fill(text);
  await person.chat.composer(where).press('Enter');
  await expect(person.chat.composer(where)).toHaveValue('');
}

test('a word selected and made bold with Ctrl+B is bold for the other person; shortcuts also toggle while typing', async ({ browser }) => {
  const ada = await Person.signUp(browser, 'ada');
  const ben = await Person.signUp(browser, 'ben');
  const dm = await ada.startDirectMessage(ben);
  const composer = ada.chat.composer(dm);

  await composer.fill('ship it today');
  await composer.press('Home');
  await composer.press('Shift+Control+ArrowRight');
  await composer.press('Control+b');
  await expect(composer).toHaveValue('**ship** it today');
  await composer.press('Enter');
  await ben.open(ben.dmWith(ada));
  const bold = ben.chat.message(ben.dmWith(ada), 'ship it today');
  await expect(words(bold, 'strong')).toHaveText('ship');

  // Nothing selected: the shortcut opens the formatting, typing goes inside, the same shortcut closes it.
  await composer.pressSequentially('plain ');
  await composer.press('Control+i');
  await composer.pressSequentially('slanted');
  await composer.press('Control+i');
  await composer.pressSequentially(' and ');
  await composer.press('Control+u');
  await composer.pressSequentially('underlined');
  await composer.press('Control+u');
  await composer.pressSequentially(' and ');
  await composer.press('Control+Shift+X');
  await composer.pressSequentially('struck');
  await composer.press('Control+Shift+X');
  await composer.pressSequentially(' text');
  await expect(composer).toHaveValue('plain *slanted* and __underlined__ and ~~struck~~ text');
  await composer.press('Enter');
  const mixed = ben.chat.message(ben.dmWith(ada), 'plain slanted and underlined and struck text');
  await expect(words(mixed, 'em')).toHaveText('slanted');
  await expect(words(mixed, 'u')).toHaveText('underlined');
  await expect(words(mixed, 's')).toHaveText('struck');
  await expect(words(mixed, 'strong')).toHaveCount(0);

  // The buttons beside the composer do the same for the mouse.
  await composer.fill('run npm test first');
  await composer.evaluate((field: HTMLTextAreaElement) => field.setSelectionRange(4, 12));
  await ada.page.getByRole('toolbar', { name: 'Formatting' }).getByRole('button', { name: 'Bold' }).click();
  await expect(composer).toHaveValue('run **npm test** first');
  await ada.page.getByRole('toolbar', { name: 'Formatting' }).getByRole('button', { name: 'Code' }).click();
  await expect(composer).toHaveValue('run **`npm test`** first');
  await composer.press('Enter');
  await expect(ben.chat.message(ben.dmWith(ada), 'run npm test first').locator('.message-text strong code')).toHaveText('npm test');
});

test('a fenced python block is highlighted, labelled, and its Copy button copies the code', async ({ browser }) => {
  const cy = await Person.signUp(browser, 'cy');
  const di = await Person.signUp(browser, 'di');
  await di.context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const dm = await cy.startDirectMessage(di);
  const code = 'def add(a, b):\n    # the sum\n    return a + b';
  await sendTyped(cy, dm, `Here is the fix:\n\`\`\`python\n${code}\n\`\`\``);

  await di.open(di.dmWith(cy));
  const message = di.chat.message(di.dmWith(cy), 'Here is the fix:');
  const block = message.getByRole('figure');
  await expect(block.locator('figcaption')).toContainText('python');
  // highlight.js arrives in its own chunk the first time a code block is shown; then the tokens are coloured.
  await expect(block.locator('code .hljs-keyword').first()).toHaveText('def');
  await expect(block.locator('code .hljs-comment')).toHaveText('# the sum');
  await expect(block.locator('code')).toHaveText(code.replace(/\n/g, ''));

  await block.getByRole('button', { name: 'Copy' }).click();
  await expect(block.getByRole('button', { name: 'Copied' })).toBeVisible();
  expect(await di.page.evaluate(() => navigator.clipboard.readText())).toBe(code);
  await expect(block.getByRole('button', { name: 'Copy' })).toBeVisible({ timeout: 5_000 });
});

test('links open in a new tab without a referrer; javascript: and data: links stay text', async ({ browser }) => {
  const eve = await Person.signUp(browser, 'eve');
  const fay = await Person.signUp(browser, 'fay');
  const dm = await eve.startDirectMessage(fay);
  await sendTyped(eve, dm, 'docs at https://example.com/guide and www.example.org, or [the wiki](https://wiki.example.com/start)');
  await eve.sendMessage(dm, 'do not [click me](javascript:window.__xss=1) nor <javascript:alert(1)> nor [this](data:text/html,hi)');

  await fay.open(fay.dmWith(eve));
  const links = fay.chat.message(fay.dmWith(eve), 'docs at').getByRole('link');
  await expect(links).toHaveText(['https://example.com/guide', 'www.example.org', 'the wiki']);
  for (const [index, href] of ['https://example.com/guide', 'http://www.example.org/', 'https://wiki.example.com/start'].entries()) {
    await expect(links.nth(index)).toHaveAttribute('href', href);
    await expect(links.nth(index)).toHaveAttribute('target', '_blank');
    await expect(links.nth(index)).toHaveAttribute('rel', 'noopener noreferrer');
  }

  const hostile = fay.chat.message(fay.dmWith(eve), 'do not');
  await expect(hostile).toContainText('[click me](javascript:window.__xss=1) nor <javascript:alert(1)> nor [this](data:text/html,hi)');
  await expect(hostile.getByRole('link')).toHaveCount(0);
  await hostile.getByText('click me').click();
  expect(await fay.page.evaluate(() => (window as { __xss?: unknown }).__xss)).toBeUndefined();
});

test('a message of only emoji is shown large', async ({ browser }) => {
  const gil = await Person.signUp(browser, 'gil');
  const hal = await Person.signUp(browser, 'hal');
  const dm = await gil.startDirectMessage(hal);
  await gil.sendMessage(dm, 'party time 🎉');
  await gil.sendMessage(dm, '🎉🚀');
  const size = (text: string) =>
    hal.chat
      .message(hal.dmWith(gil), text)
      .getByRole('paragraph')
      .evaluate((paragraph) => parseFloat(getComputedStyle(paragraph).fontSize));
  await hal.expectMessage(hal.dmWith(gil), '🎉🚀');
  expect(await size('🎉🚀')).toBeGreaterThan(1.8 * (await size('party time 🎉')));
});
