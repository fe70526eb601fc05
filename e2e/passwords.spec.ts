// Forgotten and changed passwords: the administrator's reset link, and the change from the account menu.
import { test } from './support/test.js';
import { issueResetLink } from './support/admin.js';
import { Person } from './support/person.js';

test('a reset link from an administrator sets a new password, and works only once', async ({ browser }) => {
  const frank = await Person.signUp(browser, 'frank');
  await frank.logOut();

  const link = await issueResetLink(frank.username);
  await frank.resetPasswordWith(link, 'Fresh-Start-Password-9');
  await frank.followLogInLink();
  await frank.logIn();

  await frank.tryResetPasswordWith(link, 'Second-Try-Password-3');
  await frank.expectResetLinkRefused();
  await frank.visit('/reset-password');
  await frank.expectResetLinkRefused();
  await frank.expectOnlyLocalRequests();
});

test('changing the password from the account menu', async ({ browser }) => {
  const grace = await Person.signUp(browser, 'grace');
  await grace.changePassword('Another-Good-Password-5');
  await grace.logOut();
  await grace.logIn();
});
