// The Settings dialog and what others see of a person (picture, name colour, profile card), found by role and label.
// Pictures are decorative (the name beside them says who it is), so they are found by their address instead.
import { expect, type Locator } from '@playwright/test';
import type { Someone } from './chat-actions.js';
import type { Where } from './chat-screen.js';
import type { Person } from './person.js';

export class ProfileScreen {
  constructor(private readonly person: Person) {}

  private get page() {
    return this.person.page;
  }

  /**
   * A message by its text. Not `chat.message`: that looks for the text in a paragraph, which the message row does
   * not render while formatting is a plain-text stub.
   */
  message(where: Where, text: string): Locator {
    return this.person.chat.log(where).getByRole('article').filter({ hasText: text });
  }

  async say(where: Where, text: string): Promise<void> {
    await this.person.open(where);
    await this.person.chat.composer(where).fill(text);
    await this.person.chat.composer(where).press('Enter');
    await expect(this.message(where, text).filter({ hasNotText: 'Sending…' })).toBeVisible();
  }

  async expectMessage(where: Where, text: string, from: Someone): Promise<void> {
    await this.person.open(where);
    await expect(this.message(where, text)).toContainText(from.username);
  }

  get settings(): Locator {
    return this.page.getByRole('dialog', { name: 'Settings' });
  }

  async openSettings(): Promise<void> {
    await this.person.chat.header.getByRole('button', { name: 'Settings' }).click();
    await expect(this.settings).toBeVisible();
  }

  async closeSettings(): Promise<void> {
    await this.settings.getByRole('button', { name: 'Close', exact: true }).click();
    await expect(this.settings).toBeHidden();
  }

  /** Chooses a picture file as a person would, through the file chooser behind "Upload picture". */
  async uploadPicture(file: { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
    const chooser = this.page.waitForEvent('filechooser');
    await this.settings.getByRole('button', { name: /^(Upload|Change) picture$/ }).click();
    await (await chooser).setFiles(file);
    await expect(this.settings.getByRole('img', { name: 'Your picture' })).toBeVisible();
    await expect(this.settings.getByRole('button', { name: 'Remove picture' })).toBeVisible();
  }

  async chooseColour(label: string): Promise<void> {
    const swatch = this.settings.getByRole('radio', { name: label, exact: true });
    await swatch.check();
    await expect(swatch).toBeChecked();
  }

  async deleteAccount(mode: 'keep messages' | 'remove messages'): Promise<void> {
    await this.settings.getByRole('button', { name: 'Delete account…' }).click();
    const form = this.settings.getByRole('form', { name: 'Delete account' });
    await form.getByRole('radio', { name: mode === 'keep messages' ? /Keep them/ : /Remove them/ }).check();
    await form.getByLabel('Password', { exact: true }).fill(this.person.password);
    await form.getByRole('button', { name: 'Delete my account' }).click();
  }

  /** The author's picture on a message, loaded from the server (not the initials). */
  async expectPictureOnMessage(where: Where, text: string): Promise<void> {
    await this.person.open(where);
    await expectLoadedPicture(this.message(where, text).locator('img.avatar-image'));
  }

  async expectPictureInSidebar(where: Where): Promise<void> {
    await expectLoadedPicture(this.person.chat.link(where).locator('img.avatar-image'));
  }

  /** The author's name on a message, drawn in a colour (as CSS rgb()). */
  async expectNameColour(where: Where, text: string, author: Someone, rgb: string): Promise<void> {
    const name = this.message(where, text).getByRole('button', { name: author.username, exact: true });
    await expect(name).toHaveCSS('color', rgb);
  }

  async openProfileCard(where: Where, text: string, author: Someone): Promise<Locator> {
    await this.message(where, text).getByRole('button', { name: author.username, exact: true }).click();
    const card = this.page.getByRole('dialog', { name: author.username });
    await expect(card).toBeVisible();
    return card;
  }

  async expectAuthorShownAs(where: Where, text: string, name: string): Promise<void> {
    await expect(this.message(where, text)).toContainText(name);
  }
}

async function expectLoadedPicture(image: Locator): Promise<void> {
  await expect(image).toBeVisible();
  await expect(image).toHaveAttribute('src', /^\/api\/avatars\/\d+\/\d+$/);
  await expect.poll(() => image.evaluate((element: HTMLImageElement) => element.complete && element.naturalWidth)).toBe(128);
}
