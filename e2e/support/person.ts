// A person using MiniMost in their own browser context. Tests speak in what people do and see
// (`alice.logOut()`, `alice.expectShell()`); the selectors, all by role and label, live only here and in
// chat-screen.ts. What they do in conversations is in chat-actions.ts.
import { expect, type Browser, type BrowserContext, type BrowserContextOptions, type Locator, type Page } from '@playwright/test';
import { ChatActions } from './chat-actions.js';
import { uniqueUsername } from './names.js';

export const DEFAULT_PASSWORD = 'Quiet-Harbour-2048';

export class Person extends ChatActions {
  private static present = new Set<Person>();
  /** Every request the page made to anything but the test server, e.g. a CDN font or a tracking pixel. */
  readonly foreignRequests: string[] = [];
  /** Every scheme + host the page asked anything of, to show the request listener really listened. */
  readonly requestedOrigins = new Set<string>();
  /** Uncaught exceptions, Content-Security-Policy violations and JavaScript dialogs (alert) seen on the page. */
  readonly pageProblems: string[] = [];

  private constructor(
    username: string,
    public password: string,
    readonly context: BrowserContext,
    page: Page,
  ) {
    super(username, page);
    page.on('request', (request) => {
      const url = new URL(request.url());
      this.requestedOrigins.add(url.host ? `${url.protocol}//${url.host}` : url.protocol);
      if (!isLocal(url)) this.foreignRequests.push(request.url());
    });
    page.on('pageerror', (error) => this.pageProblems.push(`uncaught: ${error.message}`));
    // MiniMost never opens alert/confirm/prompt; one appearing means injected script ran.
    page.on('dialog', (dialog) => {
      this.pageProblems.push(`${dialog.type()} dialog: ${dialog.message()}`);
      void dialog.dismiss();
    });
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) this.pageProblems.push(message.text());
    });
  }

  /** Someone who opens MiniMost in a fresh browser and has no account yet. `name` is made unique per run. */
  /** `device`: the browser context's options, e.g. a phone's viewport and touch screen. */
  static async arrive(browser: Browser, name: string, password = DEFAULT_PASSWORD, device: BrowserContextOptions = {}): Promise<Person> {
    const context = await browser.newContext(device);
    const page = await context.newPage();
    const person = new Person(uniqueUsername(name), password, context, page);
    Person.present.add(person);
    return person;
  }

  static async signUp(browser: Browser, name: string, password = DEFAULT_PASSWORD, device: BrowserContextOptions = {}): Promise<Person> {
    const person = await Person.arrive(browser, name, password, device);
    await person.openSignUp();
    await person.fillSignUp({ password });
    await person.submitSignUp();
    await person.expectShell();
    return person;
  }

  // ----- going places

  async visit(path: string): Promise<void> {
    await this.page.goto(path);
  }

  async reload(): Promise<void> {
    await this.page.reload();
  }

  async openSignUp(): Promise<void> {
    await this.page.goto('/signup');
    await expect(this.page.getByRole('heading', { name: 'Create account' })).toBeVisible();
  }

  // ----- signing up

  /** Types the password key by key, as a person would, so the checklist can react to every keystroke. */
  async typePassword(password: string): Promise<void> {
    const field = this.field('Password');
    await field.clear();
    await field.pressSequentially(password);
  }

  async fillSignUp({ password = this.password, confirm = password }: { password?: string; confirm?: string } = {}): Promise<void> {
    await this.field('Username').fill(this.username);
    await this.field('Password').fill(password);
    await this.field('Confirm password').fill(confirm);
  }

  async submitSignUp(): Promise<void> {
    await this.page.getByRole('button', { name: 'Sign up' }).click();
  }

  passwordRule(label: string): Locator {
    return this.page.getByRole('list', { name: 'Password requirements' }).getByRole('listitem').filter({ hasText: label });
  }

  async expectPasswordRules(expected: Record<string, boolean>): Promise<void> {
    for (const [label, met] of Object.entries(expected)) {
      await expect(this.passwordRule(label), `rule "${label}"`).toContainText(met ? '(done)' : '(not yet)');
    }
  }

  async expectFieldProblem(label: string, problem: string | RegExp): Promise<void> {
    await expect(this.field(label)).toHaveAttribute('aria-invalid', 'true');
    await expect(this.field(label)).toHaveAccessibleDescription(problem);
  }

  // ----- passwords

  /** Opens a reset link from an administrator and chooses a new password with it. */
  async resetPasswordWith(link: string, newPassword: string): Promise<void> {
    await this.tryResetPasswordWith(link, newPassword);
    await expect(this.page.getByRole('status')).toContainText('Your password was changed');
    this.password = newPassword;
  }

  async typeNewPasswordTwice(password: string): Promise<void> {
    await this.field('New password').fill(password);
    await this.field('Confirm password').fill(password);
  }

  /** Opens a reset link and submits a new password, without assuming the link still works. */
  async tryResetPasswordWith(link: string, newPassword: string): Promise<void> {
    await this.page.goto(link);
    await this.typeNewPasswordTwice(newPassword);
    await this.page.getByRole('button', { name: 'Set password' }).click();
  }

  async expectResetLinkRefused(): Promise<void> {
    await expect(this.page.getByRole('alert')).toContainText('invalid, used or expired');
  }

  /** Changes the password from the account menu in the header. */
  async changePassword(newPassword: string): Promise<void> {
    await this.page.getByRole('banner').getByRole('button', { name: this.username }).click();
    await this.page.getByRole('button', { name: 'Change password' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Change password' });
    await dialog.getByLabel('Current password', { exact: true }).fill(this.password);
    await dialog.getByLabel('New password', { exact: true }).fill(newPassword);
    await dialog.getByLabel('Confirm new password', { exact: true }).fill(newPassword);
    await dialog.getByRole('button', { name: 'Change password' }).click();
    await expect(dialog.getByRole('status')).toContainText('Your password was changed');
    await dialog.getByRole('button', { name: 'Done' }).click();
    await expect(dialog).toBeHidden();
    this.password = newPassword;
  }

  // ----- logging in and out

  /** Fills in the login form and submits it, without assuming it works. */
  async attemptLogIn(password = this.password): Promise<void> {
    if (!/\/login$/.test(this.page.url())) await this.page.goto('/login');
    await this.field('Username').fill(this.username);
    await this.field('Password').fill(password);
    await this.page.getByRole('button', { name: 'Log in' }).click();
  }

  async logIn(password = this.password): Promise<void> {
    await this.attemptLogIn(password);
    await this.expectShell();
  }

  async logOut(): Promise<void> {
    await this.page.getByRole('banner').getByRole('button', { name: 'Log out' }).click();
    await this.expectLoggedOutScreen();
  }

  /** From the "logged out" or "password changed" screen, on to the login form by its link. */
  async followLogInLink(): Promise<void> {
    await this.page.getByRole('main').getByRole('link', { name: 'Log in', exact: true }).click();
    await this.expectLoginScreen();
  }

  // ----- what they see

  /** Signed in: the conversation list, the account menu, and the first public channel open. */
  async expectShell(): Promise<void> {
    await expect(this.page).toHaveURL(/\/c\/\d+$/);
    for (const section of ['Channels', 'Private channels', 'Direct messages']) {
      await expect(this.chat.nav.getByRole('heading', { name: section, exact: true })).toBeVisible();
    }
    await expect(this.chat.header).toContainText(this.username);
    await expect(this.chat.header.getByRole('button', { name: 'Log out' })).toBeVisible();
    await expect(this.chat.log('#general')).toBeVisible();
    await expect(this.chat.composer('#general')).toBeVisible();
  }

  async expectLoginScreen(): Promise<void> {
    await expect(this.page).toHaveURL(/\/login$/);
    await expect(this.page.getByRole('heading', { name: 'Log in' })).toBeVisible();
    await expect(this.field('Username')).toBeVisible();
    await expect(this.field('Password')).toBeVisible();
  }

  async expectLoggedOutScreen(): Promise<void> {
    await expect(this.page).toHaveURL(/\/logged-out$/);
    await expect(this.page.getByRole('heading', { name: 'You have been logged out' })).toBeVisible();
  }

  async expectLoginBusy(): Promise<void> {
    await expect(this.page.getByRole('button', { name: /Logging in/ })).toHaveAttribute('aria-busy', 'true');
  }

  async expectError(message: string | RegExp): Promise<void> {
    await expect(this.page.getByRole('alert')).toContainText(message);
  }

  async expectOnlyLocalRequests(): Promise<void> {
    expect(this.foreignRequests, 'requests to hosts other than 127.0.0.1').toEqual([]);
  }

  /** Stricter than expectOnlyLocalRequests: the page talked to exactly these origins (and at least to them). */
  async expectRequestsOnlyTo(origins: string[]): Promise<void> {
    expect([...this.requestedOrigins].sort()).toEqual([...origins].sort());
  }

  async expectNoPageProblems(): Promise<void> {
    expect(this.pageProblems, 'uncaught errors and CSP violations').toEqual([]);
  }

  async leave(): Promise<void> {
    Person.present.delete(this);
    await this.context.close();
  }

  /**
   * Run after every test (support/test.ts): everyone still there must have stayed on loopback and seen no uncaught
   * error or CSP violation; then their browsers close. `check` is false after a failed test, to keep its report clean.
   */
  static async everyoneLeaves({ check }: { check: boolean }): Promise<void> {
    const people = [...Person.present];
    Person.present.clear();
    try {
      if (check) {
        for (const person of people) {
          await person.expectOnlyLocalRequests();
          await person.expectNoPageProblems();
        }
      }
    } finally {
      await Promise.all(people.map((person) => person.context.close()));
    }
  }

  private field(label: string): Locator {
    return this.page.getByLabel(label, { exact: true });
  }
}

function isLocal({ protocol, hostname }: URL): boolean {
  if (protocol === 'data:' || protocol === 'blob:' || protocol === 'about:') return true;
  return hostname === '127.0.0.1';
}
