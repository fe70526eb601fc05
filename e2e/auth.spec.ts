// Signing up, logging in and out, as a person does it in the browser against the real server.
import { test } from './support/test.js';
import { DEFAULT_PASSWORD, Person } from './support/person.js';

test('signing up: the checklist follows the password as it is typed, and the account opens the app', async ({ browser }) => {
  const alice = await Person.arrive(browser, 'alice');
  await alice.openSignUp();

  await alice.expectPasswordRules({ 'At least 12 characters': false, 'An upper-case letter': false, 'A digit': false });
  await alice.typePassword('harbour');
  await alice.expectPasswordRules({ 'A lower-case letter': true, 'An upper-case letter': false, 'A digit': false });
  await alice.typePassword('Harbour-7');
  await alice.expectPasswordRules({ 'An upper-case letter': true, 'A digit': true, 'A special character': true, 'At least 12 characters': false });
  await alice.typePassword(DEFAULT_PASSWORD);
  await alice.expectPasswordRules({ 'At least 12 characters': true, 'An upper-case letter': true, 'A lower-case letter': true, 'A digit': true });

  await alice.fillSignUp({ confirm: `${DEFAULT_PASSWORD}x` });
  await alice.expectFieldProblem('Confirm password', /do not match/);

  await alice.fillSignUp();
  await alice.submitSignUp();
  await alice.expectShell();
});

test('logging out shows the logged-out screen, and logging in again opens the app', async ({ browser }) => {
  const bob = await Person.signUp(browser, 'bob');
  await bob.logOut();
  await bob.followLogInLink();
  await bob.logIn();
});

test('a wrong password is refused with an explanation, after a visible wait', async ({ browser }) => {
  const carol = await Person.signUp(browser, 'carol');
  await carol.logOut();
  await carol.attemptLogIn('Not-my-password-1');
  await carol.expectLoginBusy();
  await carol.expectError(/wrong username or password/i);
  await carol.expectLoginScreen();
  await carol.logIn();
});

test('after five wrong passwords in a row the account is locked, and the login screen says so', async ({ browser }) => {
  const jack = await Person.signUp(browser, 'jack');
  await jack.logOut();
  for (let attempt = 1; attempt <= 5; attempt += 1) {
    await jack.attemptLogIn(`Wrong-password-${attempt}`);
    await jack.expectError(/wrong username or password/i);
  }
  await jack.attemptLogIn();
  await jack.expectError(/locked/i);
  await jack.expectLoginScreen();
});

test('reloading the page keeps the person logged in', async ({ browser }) => {
  const dave = await Person.signUp(browser, 'dave');
  await dave.reload();
  await dave.expectShell();
});

test('opening the app without an account lands on the login screen', async ({ browser }) => {
  const erin = await Person.arrive(browser, 'erin');
  await erin.visit('/');
  await erin.expectLoginScreen();
});

// No CDN, web font, analytics or update check: on a private network those would leak who uses MiniMost, or fail.
// (Every test also checks this afterwards, in support/test.ts; this one walks every screen for it.)
test('the web app asks nothing of any host but its own server', async ({ browser, baseURL }) => {
  const ivy = await Person.signUp(browser, 'ivy');
  await ivy.logOut();
  await ivy.followLogInLink();
  await ivy.logIn();
  await ivy.visit('/reset-password#token=nothing-here');
  await ivy.expectRequestsOnlyTo([new URL(baseURL ?? '').origin]);
});
