// Where things are on the chat screen, found by role and accessible name only. Person uses these so tests can say
// `alice.sendMessage('#general', 'hi')`.
//
// A conversation is named the way people see it:
//   '#general'          a public channel
//   'ops'               a private channel
//   '@bob, @carol'      a direct message with those people (any order; see Person.dmWith)
import type { Locator, Page } from '@playwright/test';

export type Where = string;

function dmNames(where: Where): string[] {
  return where
    .split(',')
    .map((name) => name.trim().replace(/^@/, ''))
    .sort((a, b) => {
      const x = a.toLowerCase();
      const y = b.toLowerCase();
      return x < y ? -1 : x > y ? 1 : 0;
    });
}

/** The conversation's display name: the sidebar link, the message log and the header all use it. */
export function displayName(where: Where): string {
  if (where.startsWith('#')) return where.slice(1);
  if (where.startsWith('@')) return dmNames(where).join(', ');
  return where;
}

export function composerName(where: Where): string {
  if (where.startsWith('@')) return `Message ${dmNames(where).map((name) => `@${name}`).join(', ')}`;
  return `Message ${where}`;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** An accessible name starting with `name` (matched literally), followed by what `suffix` (a pattern) allows. */
export function nameStartingWith(name: string, suffix: string): RegExp {
  // eslint-disable-next-line security/detect-non-literal-regexp -- the only variable part is escaped test data
  return new RegExp(`^${escape(name)}${suffix}$`);
}

export class ChatScreen {
  constructor(private readonly page: Page) {}

  get nav(): Locator {
    return this.page.getByRole('navigation', { name: 'Conversations' });
  }

  get header(): Locator {
    return this.page.getByRole('banner');
  }

  /** The sidebar link: the display name, then perhaps a presence word in brackets and an unread badge. */
  link(where: Where): Locator {
    return this.nav.getByRole('link', { name: nameStartingWith(displayName(where), '( \\(.+?\\))?( \\d+\\+? unread)?') });
  }

  linkWithUnread(where: Where, count: number): Locator {
    return this.nav.getByRole('link', { name: nameStartingWith(displayName(where), `( \\(.+?\\))? ${count} unread`) });
  }

  log(where: Where): Locator {
    return this.page.getByRole('log', { name: displayName(where), exact: true });
  }

  composer(where: Where): Locator {
    return this.page.getByRole('textbox', { name: composerName(where), exact: true });
  }

  /**
   * A message (confirmed by the server, not still sending) whose own text contains `text` — not a reply that merely
   * quotes it.
   */
  message(where: Where, text: string): Locator {
    return this.log(where)
      .getByRole('article')
      .filter({ has: this.page.getByRole('paragraph').filter({ hasText: text }) })
      .filter({ hasNotText: 'Sending…' });
  }

  messageAction(message: Locator, action: 'Reply' | 'Edit' | 'Delete'): Locator {
    return message.getByRole('button', { name: action, exact: true });
  }

  /** The quoted parent above a reply, which shows the parent when clicked. */
  replyQuote(message: Locator, author: string, text: string): Locator {
    return message.getByRole('button', { name: `In reply to ${author}: ${text}`, exact: true });
  }

  headerAction(name: 'Rename channel' | 'Add people' | 'Leave channel' | 'Close conversation'): Locator {
    return this.header.getByRole('button', { name, exact: true });
  }

  dialog(name: string | RegExp): Locator {
    return this.page.getByRole('dialog', { name });
  }

  typingLine(text: string): Locator {
    return this.page.getByText(text, { exact: true });
  }

  // ----- message search, in the header

  get search(): Locator {
    return this.header.getByRole('search');
  }

  get searchBox(): Locator {
    return this.search.getByRole('combobox', { name: 'Search messages', exact: true });
  }

  get searchResults(): Locator {
    return this.search.getByRole('listbox', { name: 'Search results', exact: true });
  }

  /** A result whose text (conversation, author, time, snippet) contains `text`. */
  searchResult(text: string): Locator {
    return this.searchResults.getByRole('option').filter({ hasText: text });
  }

  /** The parts of a result's snippet marked as matching. */
  searchMarks(result: Locator): Locator {
    return result.locator('mark');
  }

  get searchStatus(): Locator {
    return this.search.getByRole('status');
  }

  get searchProblem(): Locator {
    return this.search.getByRole('alert');
  }

  /** A filter control: 'From', 'In', 'After', 'Before', 'On' or 'Has link'. */
  searchFilter(label: 'From' | 'In' | 'After' | 'Before' | 'On' | 'Has link'): Locator {
    return this.search.getByLabel(label, { exact: true });
  }

  /**
   * Picks people in a dialog's people picker by typing their name and choosing them from the list. The whole name:
   * by the end of a run there are dozens of "bob-…" accounts, and a shorter prefix can leave the one wanted below the
   * picker's first few suggestions.
   */
  async pick(dialog: Locator, label: string, usernames: string[]): Promise<void> {
    const input = dialog.getByRole('combobox', { name: label, exact: true });
    for (const username of usernames) {
      await input.fill(username);
      await dialog.getByRole('option', { name: username, exact: true }).click();
      await dialog.getByRole('button', { name: `Remove ${username}`, exact: true }).waitFor();
    }
  }
}
