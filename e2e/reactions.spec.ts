// Reactions end to end: picked by name, seen live by the other person, joined, explained on hover, taken back; and
// the composer's emoji button.
import { expect, test } from './support/test.js';
import { Person } from './support/person.js';
import { emojiPicker, expectChip, expectToSee, messageWith, pickEmoji, pickReaction, reactionChip, say } from './support/reactions.js';

test('a reaction is seen live, joined, explained on hover and taken back', async ({ browser }) => {
  const alice = await Person.signUp(browser, 'alice');
  const bob = await Person.signUp(browser, 'bob');
  const dm = await alice.startDirectMessage(bob);
  await say(alice, dm, 'Lunch at noon?');
  const bobsDm = bob.dmWith(alice);
  await expectToSee(bob, bobsDm, 'Lunch at noon?');

  await pickReaction(alice, dm, 'Lunch at noon?', 'thumbs up');
  await expectChip(reactionChip(alice, dm, 'Lunch at noon?', '👍'), 1, [alice.username], true);
  const bobsChip = reactionChip(bob, bobsDm, 'Lunch at noon?', '👍');
  await expectChip(bobsChip, 1, [alice.username], false);

  await bobsChip.click();
  await expectChip(bobsChip, 2, [alice.username, bob.username], true);
  const alicesChip = reactionChip(alice, dm, 'Lunch at noon?', '👍');
  await expectChip(alicesChip, 2, [alice.username, bob.username], true);
  await alicesChip.hover();
  await expect(alicesChip).toHaveAttribute('title', `Reacted by ${alice.username}, ${bob.username}`);

  await alicesChip.click();
  await expectChip(alicesChip, 1, [bob.username], false);
  await expectChip(bobsChip, 1, [bob.username], true);

  // A second emoji, found by one of its shortcodes, sits after the first.
  await pickReaction(bob, bobsDm, 'Lunch at noon?', ':tada', 'party popper');
  await expectChip(reactionChip(alice, dm, 'Lunch at noon?', '🎉'), 1, [bob.username], false);
  const chips = messageWith(alice, dm, 'Lunch at noon?').getByRole('group', { name: 'Reactions' }).getByRole('button', { name: /Reacted by/ });
  await expect(chips).toHaveCount(2);
  await expect(chips.first()).toHaveAttribute('aria-label', /^👍/u);
  await expect(chips.last()).toHaveAttribute('aria-label', /^🎉/u);
});

test('the composer’s emoji button inserts at the caret, and the picker remembers it', async ({ browser }) => {
  const carol = await Person.signUp(browser, 'carol');
  const dave = await Person.signUp(browser, 'dave');
  const dm = await carol.startDirectMessage(dave);
  const composer = carol.chat.composer(dm);
  await composer.fill('See you there');
  // The caret after "See you".
  await composer.press('End');
  for (let i = 0; i < ' there'.length; i++) await composer.press('ArrowLeft');

  await carol.page.getByRole('button', { name: 'Insert an emoji', exact: true }).click();
  const picker = emojiPicker(carol, 'Insert an emoji');
  await pickEmoji(picker, 'waving', 'waving hand');
  await expect(composer).toHaveValue('See you👋 there');
  await expect(composer).toBeFocused();

  // Escape closes without inserting; the emoji just used comes first next time.
  await carol.page.getByRole('button', { name: 'Insert an emoji', exact: true }).click();
  await expect(picker.getByRole('group', { name: 'Recent' }).getByRole('option').first()).toHaveAccessibleName('waving hand');
  await picker.getByRole('combobox', { name: 'Search emoji' }).press('Escape');
  await expect(picker).toBeHidden();
  await expect(composer).toHaveValue('See you👋 there');

  await composer.press('Enter');
  await expectToSee(carol, dm, 'See you👋 there');
});
