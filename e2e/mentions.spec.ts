// Mentions: the composer's @ dropdown driven from the keyboard, the mentioned person's highlight and Mentions view,
// and a mention leaving the view once read.
import { expect, test } from './support/test.js';
import { Person } from './support/person.js';

const run = () => Date.now().toString(36);
/** A message in a conversation's log by its text (the article, whatever markup renders the text inside it). */
const messageIn = (person: Person, where: string, text: string) => person.chat.log(where).getByRole('article').filter({ hasText: text });

test('mention someone from the @ dropdown; they see it highlighted and listed under Mentions until they read it', async ({ browser }) => {
  const alice = await Person.signUp(browser, 'alice');
  const bob = await Person.signUp(browser, 'bob');
  const channel = `crew-${run()}`;
  await alice.createPrivateChannel(channel, [bob]);
  await bob.open('#general');

  await alice.open(channel);
  const composer = alice.chat.composer(channel);
  const dropdown = alice.page.getByRole('listbox', { name: 'Mention someone', exact: true });

  // "@" alone offers the other member and the two groups; ↓ moves, Esc closes.
  await composer.pressSequentially('@');
  await expect(dropdown.getByRole('option')).toHaveText([`@${bob.username}`, /^@everyone/, /^@here/]);
  await expect(composer).toHaveAttribute('aria-controls', (await dropdown.getAttribute('id')) ?? '');
  await composer.press('ArrowDown');
  await expect(dropdown.getByRole('option', { selected: true })).toHaveText(/^@everyone/);
  await expect(composer).toHaveAttribute('aria-activedescendant', (await dropdown.getByRole('option', { selected: true }).getAttribute('id')) ?? '');
  await composer.press('Escape');
  await expect(dropdown).toBeHidden();
  await expect(composer).not.toHaveAttribute('aria-activedescendant');
  await composer.fill('');

  // "@bo" narrows it to Bob; ↓ and ↑ wrap around the one option; Enter puts "@bob " in the text.
  await composer.pressSequentially('Lunch with @bo');
  await expect(dropdown.getByRole('option')).toHaveText([`@${bob.username}`]);
  await composer.press('ArrowDown');
  await composer.press('ArrowUp');
  await composer.press('Enter');
  await expect(dropdown).toBeHidden();
  await expect(composer).toHaveValue(`Lunch with @${bob.username} `);
  await composer.pressSequentially('at noon?');
  await composer.press('Enter');
  const text = `Lunch with @${bob.username} at noon?`;
  await expect(messageIn(alice, channel, text)).toBeVisible();
  await expect(messageIn(alice, channel, text)).not.toHaveClass(/is-mentioned/);

  // Bob, still in #general, has one unread mention; his Mentions view lists it with where and who.
  const mentions = bob.page.getByRole('button', { name: 'Mentions, 1 unread', exact: true });
  await expect(mentions).toBeVisible();
  await mentions.click();
  const view = bob.page.getByRole('region', { name: 'Mentions', exact: true });
  const entry = view.getByRole('button').filter({ hasText: text });
  await expect(entry).toContainText(channel);
  await expect(entry).toContainText(alice.username);

  // Opening it jumps to the message, highlighted as his; reading the channel empties the view.
  await entry.click();
  await expect(messageIn(bob, channel, text)).toHaveClass(/is-mentioned/);
  await expect(bob.page.getByRole('button', { name: 'Mentions', exact: true })).toBeVisible();
  await bob.page.getByRole('button', { name: 'Mentions', exact: true }).click();
  await expect(view).toContainText('No unread mentions');
});
