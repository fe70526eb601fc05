// Pins: pin a message from its actions, the count in the header, the list (newest first), jumping to a pinned
// message far back in history, and unpinning from the list seen live by the other person.
import type { Page } from '@playwright/test';
import { expect, test } from './support/test.js';
import { Person } from './support/person.js';

const run = () => Date.now().toString(36);
/** A message in a conversation's log by its text (the article, whatever markup renders the text inside it). */
const messageIn = (person: Person, where: string, text: string) => person.chat.log(where).getByRole('article').filter({ hasText: text });
const pinsButton = (page: Page, count?: number) =>
  page.getByRole('banner').getByRole('button', { name: count ? `Pinned messages, ${count}` : 'Pinned messages', exact: true });

test('pin messages, see the count and the list live, jump to one far back, and unpin it for everyone', async ({ browser }) => {
  test.setTimeout(90_000);
  const alice = await Person.signUp(browser, 'alice');
  const bob = await Person.signUp(browser, 'bob');
  const channel = `pins-${run()}`;
  await alice.createPrivateChannel(channel, [bob]);
  await alice.postDirectly(channel, ['The release checklist lives in the wiki']);
  await bob.postDirectly(channel, Array.from({ length: 70 }, (_, i) => `Chatter ${i + 1}`), { batch: 10 });
  await bob.postDirectly(channel, ['Standup moves to 10:00']);
  await bob.open(channel);

  // Alice pins the newest message from its actions (keyboard: the actions show on focus).
  await alice.reload();
  await alice.open(channel);
  const standup = messageIn(alice, channel, 'Standup moves to 10:00');
  const pin = standup.getByRole('button', { name: 'Pin', exact: true });
  await pin.focus();
  await pin.press('Enter');
  await expect(standup).toContainText(`Pinned by ${alice.username}`);
  await expect(pinsButton(alice.page, 1)).toBeVisible();

  // Bob sees it live: the label and the count.
  await expect(messageIn(bob, channel, 'Standup moves to 10:00')).toContainText(`Pinned by ${alice.username}`);
  await expect(pinsButton(bob.page, 1)).toBeVisible();

  // Bob pins the old message, 70 back and not on his screen, through the same endpoint; both counts go to 2.
  const oldId = await bob.page.evaluate(async () => {
    const response = await fetch(`${location.pathname.replace('/c/', '/api/conversations/')}/messages?limit=200`);
    const page = (await response.json()) as { messages: { id: number; text: string }[] };
    return page.messages.find((m) => m.text === 'The release checklist lives in the wiki')?.id ?? 0;
  });
  const { csrfToken } = (await (await bob.page.request.get('/api/session')).json()) as { csrfToken: string };
  const origin = new URL(bob.page.url()).origin;
  const pinned = await bob.page.request.put(`/api/messages/${oldId}/pin`, { headers: { origin, 'x-csrf-token': csrfToken } });
  expect(pinned.status()).toBe(200);
  await expect(pinsButton(alice.page, 2)).toBeVisible();
  await expect(pinsButton(bob.page, 2)).toBeVisible();

  // The list: most recently pinned first; clicking the old one jumps 70 messages back.
  await pinsButton(alice.page, 2).click();
  const list = alice.page.getByRole('region', { name: 'Pinned messages', exact: true });
  await expect(list.getByRole('listitem')).toHaveCount(2);
  await expect(list.getByRole('listitem').first()).toContainText('The release checklist lives in the wiki');
  await expect(list.getByRole('listitem').nth(1)).toContainText('Standup moves to 10:00');
  await list.getByRole('button').filter({ hasText: 'The release checklist lives in the wiki' }).click();
  const old = messageIn(alice, channel, 'The release checklist lives in the wiki');
  await expect(old).toBeInViewport();
  await expect(old).toContainText(`Pinned by ${bob.username}`);

  // Unpin from the list: Bob sees the count drop and the label go.
  await pinsButton(alice.page, 2).click();
  await list.getByRole('listitem').filter({ hasText: 'Standup moves to 10:00' }).getByRole('button', { name: 'Unpin', exact: true }).click();
  await expect(list.getByRole('listitem')).toHaveCount(1);
  await expect(pinsButton(bob.page, 1)).toBeVisible();
  await expect(messageIn(bob, channel, 'Standup moves to 10:00')).not.toContainText('Pinned by');
});
