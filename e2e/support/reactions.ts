// Reactions and the emoji picker as people use them: `pickReaction(alice, dm, 'Lunch?', 'thumbs up')`,
// `reactionChip(bob, dm, 'Lunch?', '👍')`. Selectors by role and name only.
import { expect, type Locator } from '@playwright/test';
import type { Where } from './chat-screen.js';
import type { Person } from './person.js';

/**
 * A message by its words, as an article containing them. (Independent of how the text is marked up, so these steps
 * hold whether the message renders as plain text or formatted paragraphs.)
 */
export function messageWith(person: Person, where: Where, text: string): Locator {
  return person.chat.log(where).getByRole('article').filter({ hasText: text }).filter({ hasNotText: 'Sending…' });
}

export async function say(person: Person, where: Where, text: string): Promise<void> {
  await person.open(where);
  await person.chat.composer(where).fill(text);
  await person.chat.composer(where).press('Enter');
  await expect(messageWith(person, where, text)).toBeVisible();
}

export async function expectToSee(person: Person, where: Where, text: string): Promise<void> {
  await person.open(where);
  await expect(messageWith(person, where, text)).toBeVisible();
}

/** The picker's dialog, named after what it is for. */
export function emojiPicker(person: Person, purpose: 'Add a reaction' | 'Insert an emoji'): Locator {
  return person.page.getByRole('dialog', { name: purpose, exact: true });
}

/** Searches the open picker by name and picks the first match with Enter, after checking it is the one meant. */
export async function pickEmoji(picker: Locator, search: string, expectedName: string): Promise<void> {
  const field = picker.getByRole('combobox', { name: 'Search emoji', exact: true });
  await expect(field).toBeFocused();
  await field.pressSequentially(search);
  await expect(picker.getByRole('option', { selected: true })).toHaveAccessibleName(expectedName);
  await field.press('Enter');
  await expect(picker).toBeHidden();
}

/** Opens "Add a reaction" on a message from the keyboard (the actions appear on focus) and picks by name. */
export async function pickReaction(person: Person, where: Where, text: string, search: string, expectedName = search): Promise<void> {
  await person.open(where);
  const button = messageWith(person, where, text).getByRole('button', { name: 'Add a reaction', exact: true }).first();
  await button.focus();
  await button.press('Enter');
  await pickEmoji(emojiPicker(person, 'Add a reaction'), search, expectedName);
}

/** The chip for `emoji` under a message (whatever variation selector it is stored with). */
export function reactionChip(person: Person, where: Where, text: string, emoji: string): Locator {
  // A substring match: the name starts with the emoji, followed by the count.
  return messageWith(person, where, text)
    .getByRole('group', { name: 'Reactions', exact: true })
    .getByRole('button', { name: `${emoji.replace(/\uFE0F/g, '')}` });
}

/** A chip's count and who it names, as its accessible name says them: `👍️ 2. Reacted by alice, bob`. */
export async function expectChip(chip: Locator, count: number, names: string[], mine: boolean): Promise<void> {
  const said = ` ${count}. Reacted by ${names.join(', ')}`;
  await expect.poll(async () => ((await chip.getAttribute('aria-label')) ?? '').endsWith(said)).toBe(true);
  await expect(chip).toHaveAttribute('aria-pressed', String(mine));
}
