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
