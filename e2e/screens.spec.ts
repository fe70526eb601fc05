// Saves a picture of each main screen to test-results/screens/ so a person can judge the look after a change;
// the assertions only make sure each picture shows the screen it is named after.
import { expect, test } from './support/test.js';
import { Person } from './support/person.js';

const SCREENS = 'test-results/screens';

test('pictures of the sign-up, login and app screens, wide and narrow', async ({ browser }) => {
  const henry = await Person.arrive(browser, 'henry');
  // Transitions are finished first, so a picture never catches a sidebar halfway through sliding.
  const snap = (name: string) => henry.page.screenshot({ path: `${SCREENS}/${name}.png`, animations: 'disabled' });
  await henry.openSignUp();
  await henry.fillSignUp({ password: 'Harbour-7', confirm: 'Harbour-8' });
  await henry.page.getByLabel('Username', { exact: true }).focus();
  await snap('signup');

  await henry.fillSignUp();
  await henry.submitSignUp();
  await henry.expectShell();
  await snap('shell');

  await henry.page.getByRole('banner').getByRole('button', { name: henry.username }).click();
  await expect(henry.page.getByRole('button', { name: 'Change password' })).toBeVisible();
  await snap('shell-account-menu');
  await henry.page.getByRole('button', { name: 'Change password' }).click();
  await expect(henry.page.getByRole('dialog', { name: 'Change password' })).toBeVisible();
  await snap('change-password');
  await henry.page.keyboard.press('Escape');
  await expect(henry.page.getByRole('dialog')).toBeHidden();

  await henry.page.setViewportSize({ width: 390, height: 780 });
  await snap('shell-narrow');
  await henry.page.getByRole('button', { name: 'Conversations' }).click();
  await expect(henry.page.getByRole('navigation', { name: 'Conversations' })).toBeVisible();
  await snap('shell-narrow-sidebar');
  await henry.page.setViewportSize({ width: 1280, height: 800 });

  await henry.logOut();
  await snap('logged-out');
  await henry.followLogInLink();
  await henry.attemptLogIn('Not-the-password-1');
  await henry.expectError(/wrong username or password/i);
  await snap('login-error');

  await henry.visit('/reset-password#token=for-the-picture');
  await henry.typeNewPasswordTwice('Harbour-7');
  await snap('reset-password');
});

test('pictures of a conversation: grouped messages, a reply, an edit, receipts, typing, badges, dialogs', async ({ browser }) => {
  test.setTimeout(60_000);
  const alice = await Person.signUp(browser, 'alice');
  const bob = await Person.signUp(browser, 'bob');
  const carol = await Person.signUp(browser, 'carol');
  const snap = (name: string) => alice.page.screenshot({ path: `${SCREENS}/${name}.png`, animations: 'disabled' });
  const channel = `software-${Date.now().toString(36).slice(-3)}`;

  await alice.createPrivateChannel(channel, [bob, carol]);
  await alice.sendMessage(channel, 'Morning! Is the nightly build green again?');
  await bob.sendMessage(channel, 'Yes, the flaky test is fixed. Deployed to staging at 08:40.');
  await alice.sendMessage(channel, 'Great, thanks! I will start the release checklist.');
  await bob.sendMessage(channel, 'Sounds good. Ping me if anything looks off.\nI will be around until 17:00.');
  await carol.replyTo(channel, 'Deployed to staging at 08:40.', 'Did the migration run as well?');
  await alice.sendMessage(channel, 'Will do 👍');
  await alice.editMessage(channel, 'Will do 👍', 'Will do 👍 — checklist is in the wiki');
  await bob.sendMessage(channel, '<script>alert("not run")</script> shows as typed');
  const dm = await bob.startDirectMessage(alice);
  await bob.sendMessage(dm, 'Lunch later?');
  await carol.typeIn(channel, 'Checking the');
  await alice.expectTyping(channel, `${carol.username} is typing…`);
  await alice.expectUnread(alice.dmWith(bob), 1);
  await snap('chat');

  await alice.page.getByRole('button', { name: 'New direct message' }).click();
  const dialog = alice.page.getByRole('dialog', { name: 'New direct message' });
  await dialog.getByRole('combobox', { name: 'People' }).fill(bob.username.slice(0, 2));
  await expect(dialog.getByRole('option').first()).toBeVisible();
  await snap('chat-new-dm');
  await alice.page.keyboard.press('Escape');
  await alice.page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  await alice.page.setViewportSize({ width: 390, height: 780 });
  await snap('chat-narrow');
  await alice.page.getByRole('button', { name: 'Conversations' }).click();
  await snap('chat-narrow-sidebar');
});
