// Profiles: a picture and a name colour chosen in Settings reach everyone live; an account deleted from Settings
// ends the session and leaves its messages as from "Deleted user".
import sharp from 'sharp';
import { expect, test } from './support/test.js';
import { Person } from './support/person.js';
import { ProfileScreen } from './support/profile-screen.js';

/** Pictures of the screens for people reviewing the look (not compared: they change with every name). */
const SCREENS = 'test-results/screens';

/** A photo as a phone would give it: bigger than an avatar and not square. */
async function photo(): Promise<{ name: string; mimeType: string; buffer: Buffer }> {
  const buffer = await sharp({ create: { width: 480, height: 320, channels: 3, background: { r: 30, g: 140, b: 200 } } }).png().toBuffer();
  return { name: 'holiday.png', mimeType: 'image/png', buffer };
}

test('a new picture and name colour are seen live by others; deleting the account from Settings ends the session', async ({ browser }) => {
  const alice = await Person.signUp(browser, 'alice');
  const bob = await Person.signUp(browser, 'bob');
  const aliceSettings = new ProfileScreen(alice);
  const bobSees = new ProfileScreen(bob);
  const dm = await alice.startDirectMessage(bob);
  await aliceSettings.say(dm, 'Hello, can you see my face?');
  await bobSees.expectMessage(bob.dmWith(alice), 'Hello, can you see my face?', alice);

  await aliceSettings.openSettings();
  await aliceSettings.uploadPicture(await photo());
  await bobSees.expectPictureOnMessage(bob.dmWith(alice), 'Hello, can you see my face?');
  await bobSees.expectPictureInSidebar(bob.dmWith(alice));

  await aliceSettings.chooseColour('Teal');
  await bobSees.expectNameColour(bob.dmWith(alice), 'Hello, can you see my face?', alice, 'rgb(45, 212, 191)');
  await alice.page.screenshot({ path: `${SCREENS}/settings.png`, animations: 'disabled' });
  await aliceSettings.closeSettings();

  const card = await bobSees.openProfileCard(bob.dmWith(alice), 'Hello, can you see my face?', alice);
  await expect(card).toContainText(alice.username);
  await expect(card.getByRole('button', { name: 'Message' })).toBeVisible();
  await bob.page.screenshot({ path: `${SCREENS}/profile-card.png`, animations: 'disabled' });
  await bob.page.keyboard.press('Escape');
  await expect(card).toBeHidden();

  await aliceSettings.openSettings();
  await aliceSettings.deleteAccount('keep messages');
  await alice.expectLoggedOutScreen();
  // The conversation is named after the people in it: it is now the DM with "Deleted user".
  await bobSees.expectAuthorShownAs('Deleted user', 'Hello, can you see my face?', 'Deleted user');
  await alice.attemptLogIn();
  await expect(alice.page.getByRole('alert')).toBeVisible();
});
