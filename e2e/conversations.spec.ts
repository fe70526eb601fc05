// Talking in MiniMost, two or three people in their own browsers against the real server: live delivery, replies,
// edits and deletions, private channels, group DMs, unread counts and typing.
import { expect, test } from './support/test.js';
import { Person } from './support/person.js';

test('Alice posts in #general and Bob sees it at once; Bob replies; Alice edits and deletes', async ({ browser }) => {
  const alice = await Person.signUp(browser, 'alice');
  const bob = await Person.signUp(browser, 'bob');
  // #general is shared by every test in the run (and by repeats of this one): the words carry the two unique names.
  const question = `Is the nightly build green again, ${bob.username}?`;
  const edited = `Is the nightly build green yet, ${bob.username}?`;
  const answer = `Yes, ${alice.username}, the flaky test is fixed.`;
  const oops = `Oops, wrong channel (${alice.username})`;

  await alice.sendMessage('#general', question);
  await bob.expectMessage('#general', question, { from: alice });

  await bob.replyTo('#general', question, answer);
  await alice.expectMessage('#general', answer, { from: bob });
  await alice.expectReply('#general', answer, { author: alice, text: question });

  await alice.editMessage('#general', question, edited);
  await bob.expectEdited('#general', edited);
  await bob.expectReply('#general', answer, { author: alice, text: edited });

  await alice.sendMessage('#general', oops);
  await bob.expectMessage('#general', oops);
  await alice.deleteMessage('#general', oops);
  await bob.expectNoMessage('#general', oops);
});

test('a private channel: renamed, a late joiner sees only what came after, and a member leaves', async ({ browser }) => {
  const alice = await Person.signUp(browser, 'alice');
  const bob = await Person.signUp(browser, 'bob');
  const carol = await Person.signUp(browser, 'carol');
  const ops = `ops-${Date.now().toString(36)}`;

  await alice.createPrivateChannel(ops, [bob]);
  await bob.expectInSidebar(ops);
  await carol.expectNotInSidebar(ops);
  await alice.sendMessage(ops, 'Before Carol joins: the deploy key rotates tonight');

  await alice.renameChannel(ops, `${ops}-2`);
  await bob.expectMessage(`${ops}-2`, `${alice.username} renamed the channel to "${ops}-2"`);

  await alice.addToChannel(`${ops}-2`, carol);
  await carol.expectMessage(`${ops}-2`, `${alice.username} added ${carol.username}`);
  await carol.expectNoMessage(`${ops}-2`, 'Before Carol joins');
  await bob.sendMessage(`${ops}-2`, 'Welcome, Carol');
  await carol.expectMessage(`${ops}-2`, 'Welcome, Carol', { from: bob });

  await bob.leaveChannel(`${ops}-2`);
  await alice.expectMessage(`${ops}-2`, `${bob.username} left the channel`);
  await carol.expectMessage(`${ops}-2`, `${bob.username} left the channel`);
});

test('a group DM closed by one member comes back when another writes in it', async ({ browser }) => {
  const alice = await Person.signUp(browser, 'alice');
  const bob = await Person.signUp(browser, 'bob');
  const carol = await Person.signUp(browser, 'carol');

  const group = await alice.startDirectMessage(bob, carol);
  await alice.sendMessage(group, 'Lunch at noon?');
  await bob.expectMessage(bob.dmWith(alice, carol), 'Lunch at noon?', { from: alice });

  await bob.closeConversation(bob.dmWith(alice, carol));
  await carol.sendMessage(carol.dmWith(alice, bob), 'Count me in');
  await bob.expectInSidebar(bob.dmWith(alice, carol));
  await bob.expectMessage(bob.dmWith(alice, carol), 'Count me in', { from: carol });
});

test('an unread message shows a badge and the tab title count until it is read, then a receipt', async ({ browser }) => {
  const alice = await Person.signUp(browser, 'alice');
  const bob = await Person.signUp(browser, 'bob');
  await bob.expectTitle('MiniMost');

  const dm = await alice.startDirectMessage(bob);
  await alice.sendMessage(dm, 'Got a minute?');
  await bob.expectUnread(bob.dmWith(alice), 1);
  await bob.expectTitle('(1) MiniMost');

  await bob.open(bob.dmWith(alice));
  await bob.expectNoUnread(bob.dmWith(alice));
  await bob.expectTitle('MiniMost');
  await alice.expectReadBy(dm, 'Got a minute?', [bob]);
});

test('typing shows under the list for the others, and stops when the message arrives', async ({ browser }) => {
  const alice = await Person.signUp(browser, 'alice');
  const bob = await Person.signUp(browser, 'bob');
  const dm = await alice.startDirectMessage(bob);
  await alice.sendMessage(dm, 'Hi Bob');
  await bob.open(bob.dmWith(alice));

  await alice.typeIn(dm, 'One more thing');
  await bob.expectTyping(bob.dmWith(alice), `${alice.username} is typing…`);
  await alice.chat.composer(dm).press('Enter');
  await bob.expectMessage(bob.dmWith(alice), 'One more thing');
  await bob.expectNoTyping(bob.dmWith(alice), `${alice.username} is typing…`);
});

test('a name nobody has is refused with the server’s explanation', async ({ browser }) => {
  const mia = await Person.signUp(browser, 'mia');
  await mia.chat.nav.getByRole('button', { name: 'New direct message' }).click();
  const dialog = mia.chat.dialog('New direct message');
  await dialog.getByRole('combobox', { name: 'People' }).fill('nobody-by-this-name');
  await dialog.getByRole('button', { name: 'Start conversation' }).click();
  await expect(dialog.getByRole('alert')).toContainText('No user named "nobody-by-this-name"');
});

test('appearing away or offline shows on the presence dot others see', async ({ browser }) => {
  const nina = await Person.signUp(browser, 'nina');
  const omar = await Person.signUp(browser, 'omar');
  await nina.startDirectMessage(omar);
  await omar.expectPresence(nina, 'Active');
  await nina.appear('away');
  await omar.expectPresence(nina, 'Away');
  await nina.appear('offline');
  await omar.expectPresence(nina, 'Offline');
  await nina.appear('online');
  await omar.expectPresence(nina, 'Active');
});
