// Desktop notifications and mute: a mention while looking at another conversation, messages while the tab is in
// the background, a muted conversation, several tabs alerting once, and a click opening the conversation.
import { expect, test } from './support/test.js';
import { Person } from './support/person.js';
import { clickLastNotification, expectNotifications, notificationsOn, setHidden, watchNotifications } from './support/notifications.js';

const run = () => Date.now().toString(36);

// Two people signing up and several round trips each: more than the default half-minute on a busy machine.
test.describe.configure({ timeout: 60_000 });

test('a mention notifies while focused elsewhere; clicking it opens the conversation', async ({ browser }) => {
  const alice = await Person.signUp(browser, 'alice');
  const bob = await Person.signUp(browser, 'bob');
  await watchNotifications(bob);
  const channel = `plans-${run()}`;
  await alice.createPrivateChannel(channel, [bob]);
  await bob.open('#general');

  // Bob is looking at #general: a plain message elsewhere does not interrupt him, a mention does.
  await alice.sendMessage(channel, 'just thinking aloud');
  await alice.sendMessage(channel, `@${bob.username} can you look at this?`);
  await expectNotifications([bob.page], [{ title: channel, body: `${alice.username}: @${bob.username} can you look at this?` }]);

  // Nothing for what is already on his screen, mention or not.
  await alice.sendMessage('#general', `@${bob.username} hello in general`);
  await alice.sendMessage(channel, `@${bob.username} second ping`);
  await expectNotifications([bob.page], [
    { title: channel, body: `${alice.username}: @${bob.username} can you look at this?` },
    { title: channel, body: `${alice.username}: @${bob.username} second ping` },
  ]);

  await clickLastNotification(bob.page);
  await expect(bob.chat.log(channel)).toBeVisible();
});

test('messages notify while the tab is in the background, not in a muted conversation unless they mention', async ({ browser }) => {
  const alice = await Person.signUp(browser, 'alice');
  const bob = await Person.signUp(browser, 'bob');
  await watchNotifications(bob);
  const channel = `noisy-${run()}`;
  await alice.createPrivateChannel(channel, [bob]);

  // Bob mutes the channel from its header (mentions still come through), then goes back to #general.
  await bob.open(channel);
  await bob.page.getByRole('button', { name: 'Mute conversation' }).click();
  await bob.page.getByRole('checkbox', { name: 'Mute this conversation' }).check();
  await expect(bob.page.getByRole('button', { name: 'Conversation muted' })).toBeVisible();
  await bob.open('#general');
  await setHidden(bob.page, true);

  await alice.sendMessage(channel, 'muted chatter');
  await alice.sendMessage('#general', 'background hello');
  await alice.sendMessage(channel, `@${bob.username} this one matters`);
  await expectNotifications([bob.page], [
    { title: 'general', body: `${alice.username}: background hello` },
    { title: channel, body: `${alice.username}: @${bob.username} this one matters` },
  ]);

  // Unread shows on the tab too: the count in the title and a dot drawn on the icon.
  await expect(bob.page).toHaveTitle(/^\(\d+\) MiniMost$/);
  await expect(bob.page.locator('link[rel="icon"]')).toHaveAttribute('data-unread', 'true');
  expect(await bob.page.locator('link[rel="icon"]').getAttribute('href')).toMatch(/^data:image\/png;base64,/);

  // "Mute mentions too" silences those as well.
  await setHidden(bob.page, false);
  await bob.open(channel);
  await bob.page.getByRole('button', { name: 'Conversation muted' }).click();
  await bob.page.getByRole('checkbox', { name: 'Mute mentions too' }).check();
  await expect(bob.page.getByRole('checkbox', { name: 'Mute mentions too' })).toBeChecked();
  await bob.open('#general');
  await setHidden(bob.page, true);
  await alice.sendMessage(channel, `@${bob.username} silent now`);
  await alice.sendMessage('#general', 'proof it arrived');
  await expectNotifications([bob.page], [
    { title: 'general', body: `${alice.username}: background hello` },
    { title: channel, body: `${alice.username}: @${bob.username} this one matters` },
    { title: 'general', body: `${alice.username}: proof it arrived` },
  ]);
});

test('two tabs of the same person alert once', async ({ browser }) => {
  const alice = await Person.signUp(browser, 'alice');
  const bob = await Person.signUp(browser, 'bob');
  await watchNotifications(bob);
  const second = await bob.context.newPage();
  await second.goto('/');
  await expect(second.getByRole('log', { name: 'general', exact: true })).toBeVisible();
  await setHidden(bob.page, true);
  await setHidden(second, true);

  await alice.sendMessage('#general', 'one alert please');
  await expectNotifications([bob.page, second], [{ title: 'general', body: `${alice.username}: one alert please` }]);
  // And it stays one: the other tab did not merely lag behind.
  await alice.sendMessage('#general', 'and one more');
  await expectNotifications([bob.page, second], [
    { title: 'general', body: `${alice.username}: one alert please` },
    { title: 'general', body: `${alice.username}: and one more` },
  ]);
  const counts = [(await notificationsOn(bob.page)).length, (await notificationsOn(second)).length].sort();
  expect(counts).toEqual([0, 2]);

  // Preferences follow the person: muting all sounds in one tab shows in the other at once, and in Settings.
  await bob.page.getByRole('button', { name: 'Mute all sounds' }).click();
  await expect(second.getByRole('button', { name: 'Turn sounds on' })).toBeVisible();
  await second.getByRole('button', { name: 'Settings' }).click();
  const settings = second.getByRole('dialog', { name: 'Settings' });
  await expect(settings.getByRole('checkbox', { name: 'Sounds' })).not.toBeChecked();
  await expect(settings.getByRole('checkbox', { name: 'Desktop notifications' })).toBeChecked();
  await settings.getByRole('checkbox', { name: 'Sounds' }).check();
  await expect(bob.page.getByRole('button', { name: 'Mute all sounds' })).toBeVisible();
});
