// Attaching files the ways people do — paste, drop, the paperclip — and what others then see. Built on the same
// page models as chat-actions.ts; the files are made in the test and handed to the page as bytes.
import { readFile } from 'node:fs/promises';
import { expect, type Locator } from '@playwright/test';
import type { Where } from './chat-screen.js';
import type { Person } from './person.js';

export interface TestFile {
  name: string;
  type: string;
  bytes: Buffer;
}

export { pngOf } from './png.js';

type Gesture = 'paste' | 'drop';

/** Pastes into the composer, or drops onto it, a DataTransfer carrying these files (as the browser would build it). */
async function transfer(person: Person, where: Where, files: TestFile[], gesture: Gesture): Promise<void> {
  await person.open(where);
  const composer = person.chat.composer(where);
  await composer.focus();
  await composer.evaluate(
    (field, { files: list, gesture: kind }) => {
      const data = new DataTransfer();
      for (const f of list) data.items.add(new File([new Uint8Array(f.bytes)], f.name, { type: f.type }));
      if (kind === 'paste') {
        field.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
      } else {
        for (const type of ['dragenter', 'dragover', 'drop']) field.dispatchEvent(new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }));
      }
    },
    { files: files.map((f) => ({ name: f.name, type: f.type, bytes: [...f.bytes] })), gesture },
  );
}

export async function pasteFiles(person: Person, where: Where, files: TestFile[]): Promise<void> {
  await transfer(person, where, files, 'paste');
}

export async function dropFiles(person: Person, where: Where, files: TestFile[]): Promise<void> {
  await transfer(person, where, files, 'drop');
}

/**
 * The message carrying `text`, found by the article's text rather than by paragraph (chat-screen.ts's `message`),
 * so it does not depend on how the message's words are formatted.
 */
export function messageWith(person: Person, where: Where, text: string): Locator {
  return person.chat.log(where).getByRole('article').filter({ hasText: text }).filter({ hasNotText: 'Sending…' });
}

export function pendingFile(person: Person, name: string): Locator {
  return person.page.getByRole('list', { name: 'Files to send' }).getByRole('listitem').filter({ hasText: name });
}

/** Waits until the file finished uploading (its progress bar is gone), then sends with this text. */
export async function sendWithFiles(person: Person, where: Where, names: string[], text: string): Promise<void> {
  for (const name of names) {
    await expect(pendingFile(person, name)).toBeVisible();
    await expect(pendingFile(person, name).getByRole('progressbar')).toHaveCount(0);
  }
  await person.chat.composer(where).fill(text);
  await person.chat.composer(where).press('Enter');
  await expect(messageWith(person, where, text)).toBeVisible();
  await expect(person.page.getByRole('list', { name: 'Files to send' })).toHaveCount(0);
}

export function inlineImage(person: Person, where: Where, text: string, name: string): Locator {
  return messageWith(person, where, text).getByRole('button', { name: `Open image ${name}`, exact: true });
}

/** The image has really loaded (not a broken-image icon) at this natural size. */
export async function expectLoadedImage(image: Locator, size: { width: number; height: number }): Promise<void> {
  await expect
    .poll(() => image.evaluate((img: HTMLImageElement) => img.complete && `${img.naturalWidth}x${img.naturalHeight}`))
    .toBe(`${size.width}x${size.height}`);
}

/** Clicks the file's download link and returns what the browser saved. */
export async function downloadFile(person: Person, where: Where, text: string, name: string): Promise<{ filename: string; bytes: Buffer }> {
  const link = messageWith(person, where, text).getByRole('link', { name: `Download ${name}`, exact: true });
  const [download] = await Promise.all([person.page.waitForEvent('download'), link.click()]);
  return { filename: download.suggestedFilename(), bytes: await readFile(await download.path()) };
}
