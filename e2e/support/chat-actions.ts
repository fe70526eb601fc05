// What a person does and sees in conversations: `alice.sendMessage('#general', 'hi')`,
// `bob.expectMessage('#general', 'hi', { from: alice })`. Person (person.ts) adds signing up and logging in.
import { expect, type Page } from '@playwright/test';
import { ChatScreen, displayName, nameStartingWith, type Where } from './chat-screen.js';

/** Anyone the tests can name: another person, by their username. */
export interface Someone {
  readonly username: string;
}

export class ChatActions {
  readonly chat: ChatScreen;

  constructor(
    readonly username: string,
    readonly page: Page,
  ) {
    this.chat = new ChatScreen(page);
  }

  /** How this person names a DM with others: '@bob, @carol'. */
  dmWith(...others: Someone[]): Where {
    return others.map((other) => `@${other.username}`).join(', ');
  }

  /** Opens a conversation from the sidebar, unless it is already open. */
  async open(where: Where): Promise<void> {
    if (await this.chat.log(where).isVisible()) return;
    await this.chat.link(where).click();
    await expect(this.chat.log(where)).toBeVisible();
  }

  async sendMessage(where: Where, text: string): Promise<void> {
    await this.open(where);
    await this.chat.composer(where).fill(text);
    await this.chat.composer(where).press('Enter');
    await expect(this.chat.message(where, text).last()).toBeVisible();
    await expect(this.chat.composer(where)).toHaveValue('');
  }

  /** Types into the composer without sending (others see "… is typing"). */
  async typeIn(where: Where, text: string): Promise<void> {
    await this.open(where);
    await this.chat.composer(where).pressSequentially(text);
  }

  /**
   * A message's Reply, Edit or Delete, from the keyboard: the actions appear on focus as well as on hover. (A mouse
   * would race the list here: other people's messages keep arriving and scroll it under the pointer.)
   */
  async useMessageAction(where: Where, text: string, action: 'Reply' | 'Edit' | 'Delete'): Promise<void> {
    const button = this.chat.messageAction(this.chat.message(where, text), action);
    await button.focus();
    await expect(button).toBeVisible();
    await button.press('Enter');
  }

  async replyTo(where: Where, parentText: string, text: string): Promise<void> {
    await this.open(where);
    await this.useMessageAction(where, parentText, 'Reply');
    await expect(this.chat.composer(where)).toBeFocused();
    await this.sendMessage(where, text);
  }

  async editMessage(where: Where, text: string, newText: string): Promise<void> {
    await this.open(where);
    await this.useMessageAction(where, text, 'Edit');
    const field = this.page.getByRole('textbox', { name: 'Edit message', exact: true });
    await field.fill(newText);
    await field.press('Enter');
    await this.expectEdited(where, newText);
  }

  async deleteMessage(where: Where, text: string): Promise<void> {
    await this.open(where);
    await this.useMessageAction(where, text, 'Delete');
    await this.chat.dialog('Delete message?').getByRole('button', { name: 'Delete', exact: true }).click();
    await this.expectNoMessage(where, text);
  }

  async createPrivateChannel(name: string, members: Someone[]): Promise<void> {
    await this.chat.nav.getByRole('button', { name: 'New private channel' }).click();
    const dialog = this.chat.dialog('New private channel');
    await dialog.getByRole('textbox', { name: 'Name', exact: true }).fill(name);
    await this.chat.pick(dialog, 'Members', members.map((member) => member.username));
    await dialog.getByRole('button', { name: 'Create channel' }).click();
    await expect(dialog).toBeHidden();
    await expect(this.chat.log(name)).toBeVisible();
  }

  async renameChannel(where: Where, newName: string): Promise<void> {
    await this.open(where);
    await this.chat.headerAction('Rename channel').click();
    const dialog = this.chat.dialog('Rename channel');
    await dialog.getByRole('textbox', { name: 'Name', exact: true }).fill(newName);
    await dialog.getByRole('button', { name: 'Rename', exact: true }).click();
    await expect(dialog).toBeHidden();
    await expect(this.chat.log(newName)).toBeVisible();
  }

  async addToChannel(where: Where, person: Someone): Promise<void> {
    await this.open(where);
    await this.chat.headerAction('Add people').click();
    const dialog = this.chat.dialog(/^Add people to /);
    await this.chat.pick(dialog, 'People', [person.username]);
    await dialog.getByRole('button', { name: 'Add', exact: true }).click();
    await expect(dialog).toBeHidden();
  }

  async leaveChannel(where: Where): Promise<void> {
    await this.open(where);
    await this.chat.headerAction('Leave channel').click();
    await this.chat.dialog(/^Leave /).getByRole('button', { name: 'Leave channel', exact: true }).click();
    await this.expectNotInSidebar(where);
  }

  async startDirectMessage(...people: Someone[]): Promise<Where> {
    await this.chat.nav.getByRole('button', { name: 'New direct message' }).click();
    const dialog = this.chat.dialog('New direct message');
    await this.chat.pick(dialog, 'People', people.map((person) => person.username));
    await dialog.getByRole('button', { name: 'Start conversation' }).click();
    await expect(dialog).toBeHidden();
    const where = this.dmWith(...people);
    await expect(this.chat.log(where)).toBeVisible();
    return where;
  }

  async closeConversation(where: Where): Promise<void> {
    await this.open(where);
    await this.chat.headerAction('Close conversation').click();
    await this.expectNotInSidebar(where);
  }

  /**
   * Posts messages straight to the HTTP API as this person (their session cookie and CSRF token), for test data that
   * would take too long to type: a few at a time, like several tabs would, and in order between batches. The
   * conversation is the one open in the page. Returns the new messages' ids, in the order of `texts`.
   */
  async postDirectly(where: Where, texts: string[], { replyToId, batch = 1 }: { replyToId?: number; batch?: number } = {}): Promise<number[]> {
    await this.open(where);
    const conversationId = /\/c\/(\d+)$/.exec(this.page.url())?.[1];
    const origin = new URL(this.page.url()).origin;
    const { csrfToken } = (await (await this.page.request.get('/api/session')).json()) as { csrfToken: string };
    const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
    const post = async (text: string, index: number): Promise<number> => {
      const response = await this.page.request.post(`/api/conversations/${conversationId}/messages`, {
        headers: { origin, 'x-csrf-token': csrfToken },
        data: { clientId: `seed-${run}-${index}`, text, ...(replyToId ? { replyToId } : {}) },
      });
      expect(response.status(), await response.text()).toBe(201);
      return ((await response.json()) as { message: { id: number } }).message.id;
    };
    const ids: number[] = [];
    for (let start = 0; start < texts.length; start += batch) {
      ids.push(...(await Promise.all(texts.slice(start, start + batch).map((text, i) => post(text, start + i)))));
    }
    return ids;
  }

  async expectMessage(where: Where, text: string, { from }: { from?: Someone } = {}): Promise<void> {
    await this.open(where);
    const message = this.chat.message(where, text);
    await expect(message).toBeVisible();
    if (from) await expect(message).toContainText(from.username);
  }

  async expectNoMessage(where: Where, text: string): Promise<void> {
    await this.open(where);
    await expect(this.chat.message(where, text)).toHaveCount(0);
  }

  async expectReply(where: Where, text: string, parent: { author: Someone; text: string }): Promise<void> {
    await this.open(where);
    await expect(this.chat.replyQuote(this.chat.message(where, text), parent.author.username, parent.text)).toBeVisible();
  }

  /** The ✓ on one's own message, with who read it in its text alternative and tooltip. */
  async expectReadBy(where: Where, text: string, readers: Someone[]): Promise<void> {
    await this.open(where);
    const names = readers.map((reader) => reader.username).sort().join(', ');
    await expect(this.chat.message(where, text).getByRole('img', { name: `Read by: ${names}`, exact: true })).toHaveAttribute('title', `Read by: ${names}`);
  }

  async expectEdited(where: Where, text: string): Promise<void> {
    await this.open(where);
    await expect(this.chat.message(where, text)).toContainText('(edited)');
  }

  async expectInSidebar(where: Where): Promise<void> {
    await expect(this.chat.link(where)).toBeVisible();
  }

  async expectNotInSidebar(where: Where): Promise<void> {
    await expect(this.chat.link(where)).toHaveCount(0);
  }

  async expectUnread(where: Where, count: number): Promise<void> {
    await expect(this.chat.linkWithUnread(where, count)).toBeVisible();
  }

  async expectNoUnread(where: Where): Promise<void> {
    await expect(this.chat.link(where)).toBeVisible();
    await expect(this.chat.link(where)).not.toHaveAccessibleName(/ unread$/);
  }

  // ----- searching

  /** Types a query into the header's search box key by key, as a person would (results come as they type). */
  async search(query: string): Promise<void> {
    await this.chat.searchBox.click();
    await this.chat.searchBox.clear();
    await this.chat.searchBox.pressSequentially(query);
  }

  /** Pastes a query in one go (a long or odd one). */
  async pasteSearch(query: string): Promise<void> {
    await this.chat.searchBox.click();
    await this.chat.searchBox.fill(query);
  }

  /** The results, in order, are exactly these messages (each given by part of its text). */
  async expectSearchResults(texts: string[]): Promise<void> {
    await expect(this.chat.searchStatus).not.toHaveText('Searching…');
    const options = this.chat.searchResults.getByRole('option');
    await expect(options).toHaveCount(texts.length);
    for (const [index, text] of texts.entries()) await expect(options.nth(index)).toContainText(text);
  }

  /** One result: where it was posted, by whom, and which words are highlighted in its snippet. */
  async expectSearchResult(text: string, { where, from, highlighted }: { where: Where; from: Someone; highlighted: string[] }): Promise<void> {
    const result = this.chat.searchResult(text);
    await expect(result).toContainText(displayName(where));
    await expect(result).toContainText(from.username);
    await expect(this.chat.searchMarks(result)).toHaveText(highlighted, { ignoreCase: true });
  }

  async expectNoSearchResults(): Promise<void> {
    await expect(this.chat.searchStatus).toHaveText('No matching messages');
    await expect(this.chat.searchResults.getByRole('option')).toHaveCount(0);
  }

  async expectSearchProblem(message: string | RegExp): Promise<void> {
    await expect(this.chat.searchProblem).toContainText(message);
  }

  /** Clicks a result: its conversation opens at that message, which flashes. */
  async openSearchResult(text: string): Promise<void> {
    await this.chat.searchResult(text).click();
    await expect(this.chat.searchResults).toBeHidden();
  }

  /** The message is in view in its conversation, highlighted as the one just jumped to. */
  async expectJumpedTo(where: Where, text: string): Promise<void> {
    const message = this.chat.message(where, text);
    await expect(message).toBeInViewport();
    await expect(message).toHaveClass(/is-highlighted/);
  }

  /** Chooses "Appear away", "Appear offline" or "Appear online" in the account menu. */
  async appear(choice: 'away' | 'offline' | 'online'): Promise<void> {
    await this.chat.header.getByRole('button', { name: this.username, exact: true }).click();
    await this.page.getByRole('button', { name: `Appear ${choice}`, exact: true }).click();
  }

  /** The presence shown for someone this person has a DM with: the dot's text alternative, in the sidebar link. */
  async expectPresence(other: Someone, label: 'Active' | 'Away' | 'In another tab' | 'Offline'): Promise<void> {
    await expect(this.chat.link(this.dmWith(other))).toHaveAccessibleName(nameStartingWith(other.username, ` \\(${label}\\)( \\d+ unread)?`));
  }

  async expectTitle(title: string): Promise<void> {
    await expect(this.page).toHaveTitle(title);
  }

  async expectTyping(where: Where, text: string): Promise<void> {
    await this.open(where);
    await expect(this.chat.typingLine(text)).toBeVisible();
  }

  async expectNoTyping(where: Where, text: string): Promise<void> {
    await this.open(where);
    await expect(this.chat.typingLine(text)).toBeHidden();
  }
}
