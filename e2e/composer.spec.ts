// Writing messages: drafts, editing the last message with ↑, the length limit, and text that looks like HTML.
import { expect, test } from './support/test.js';
import { Person } from './support/person.js';

test('a draft stays with its conversation when switching away and when reloading', async ({ browser }) => {
  const frida = await Person.signUp(browser, 'frida');
  await frida.typeIn('#general', 'Half a thought about the release');
  await frida.typeIn('#random', 'Something else entirely');
  await frida.open('#general');
  await expect(frida.chat.composer('#general')).toHaveValue('Half a thought about the release');
  await frida.reload();
  await frida.open('#random');
  await expect(frida.chat.composer('#random')).toHaveValue('Something else entirely');
  await frida.open('#general');
  await expect(frida.chat.composer('#general')).toHaveValue('Half a thought about the release');
});

test('↑ in an empty composer edits your last message; Enter saves it', async ({ browser }) => {
  const gus = await Person.signUp(browser, 'gus');
  const text = `Deploy at 5 (${gus.username})`;
  await gus.sendMessage('#general', text);
  await gus.chat.composer('#general').press('ArrowUp');
  const field = gus.page.getByRole('textbox', { name: 'Edit message', exact: true });
  await expect(field).toBeFocused();
  await field.fill(`Deploy at 6 (${gus.username})`);
  await field.press('Enter');
  await gus.expectEdited('#general', `Deploy at 6 (${gus.username})`);
  await expect(gus.chat.composer('#general')).toBeFocused();
});

test('a message over 10,000 characters is refused with a reason, and its text stays in the composer', async ({ browser }) => {
  const hana = await Person.signUp(browser, 'hana');
  const notes = `notes-${Date.now().toString(36)}`;
  await hana.createPrivateChannel(notes, []);
  const tooLong = 'x'.repeat(10_001);
  await hana.chat.composer(notes).fill(tooLong);
  await expect(hana.page.getByText('10,001 / 10,000')).toBeVisible();
  await hana.chat.composer(notes).press('Enter');
  await expect(hana.page.getByRole('alert')).toContainText('at most 10,000 characters');
  await expect(hana.chat.composer(notes)).toHaveValue(tooLong);
  await expect(hana.chat.log(notes).getByRole('article')).toHaveCount(0);
});

test('markup in a message is shown exactly as typed and never runs', async ({ browser }) => {
  const ivan = await Person.signUp(browser, 'ivan');
  const judy = await Person.signUp(browser, 'judy');
  const dm = await ivan.startDirectMessage(judy);
  const markup = '<img src=x onerror=alert(1)> and <script>alert(2)</script> & <b>bold?</b>';
  await ivan.sendMessage(dm, markup);
  await judy.expectMessage(judy.dmWith(ivan), markup);
  await expect(judy.chat.log(judy.dmWith(ivan)).locator('img, script, b')).toHaveCount(0);
  // support/test.ts then checks that no alert opened and no error was thrown in either browser.
});
