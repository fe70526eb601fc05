// Files in messages: an image pasted into the composer shows inline for the other person and opens full size;
// a PDF dropped onto the composer downloads for them byte for byte under its own name.
import { expect, test } from './support/test.js';
import { Person } from './support/person.js';
import { downloadFile, dropFiles, expectLoadedImage, inlineImage, messageWith, pasteFiles, pendingFile, pngOf, sendWithFiles } from './support/attachments.js';

test('a pasted image shows inline for the other person, who opens it full size and closes it with Esc', async ({ browser }) => {
  const alice = await Person.signUp(browser, 'alice');
  const bob = await Person.signUp(browser, 'bob');
  const dm = await alice.startDirectMessage(bob);
  const image = { name: 'whiteboard.png', type: 'image/png', bytes: pngOf(640, 480) };

  await pasteFiles(alice, dm, [image]);
  // Previewed from the file itself (an object URL) before it is sent.
  await expectLoadedImage(pendingFile(alice, image.name).locator('img'), { width: 640, height: 480 });
  await sendWithFiles(alice, dm, [image.name], 'the whiteboard after the meeting');

  const where = bob.dmWith(alice);
  await bob.open(where);
  await expect(messageWith(bob, where, 'the whiteboard after the meeting')).toContainText(alice.username);
  const thumbnail = inlineImage(bob, where, 'the whiteboard after the meeting', image.name);
  // The thumbnail fits 400×300 and its box is reserved before it loads.
  await expect(thumbnail.getByRole('img')).toHaveAttribute('width', '400');
  await expect(thumbnail.getByRole('img')).toHaveAttribute('height', '300');
  await expectLoadedImage(thumbnail.getByRole('img'), { width: 400, height: 300 });

  await thumbnail.click();
  const lightbox = bob.chat.dialog(image.name);
  await expect(lightbox).toBeVisible();
  await expectLoadedImage(lightbox.getByRole('img', { name: image.name }), { width: 640, height: 480 });
  await bob.page.keyboard.press('Escape');
  await expect(lightbox).toHaveCount(0);
});

test('a dropped PDF reaches the other person as a download with its name and exact bytes', async ({ browser }) => {
  const carol = await Person.signUp(browser, 'carol');
  const dave = await Person.signUp(browser, 'dave');
  const dm = await carol.startDirectMessage(dave);
  const pdf = { name: 'Budget 2027 (final).pdf', type: 'application/pdf', bytes: Buffer.from(`%PDF-1.4\n% budget ${Date.now()}\n%%EOF\n`) };

  await dropFiles(carol, dm, [pdf]);
  await sendWithFiles(carol, dm, [pdf.name], 'budget attached');

  const where = dave.dmWith(carol);
  await dave.open(where);
  await expect(messageWith(dave, where, 'budget attached')).toContainText(carol.username);
  await expect(messageWith(dave, where, 'budget attached')).toContainText(`${pdf.name}38 B`);
  const saved = await downloadFile(dave, where, 'budget attached', pdf.name);
  expect(saved.filename).toBe(pdf.name);
  expect(saved.bytes.equals(pdf.bytes)).toBe(true);
});
