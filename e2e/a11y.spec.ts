// axe-core on the main screens (login, chat, Settings, the shortcut list, search), in the dark theme and the light one: no serious or critical violations. axe is read
// from node_modules and evaluated in the page through the DevTools protocol (the CSP rightly refuses inline scripts).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from '@playwright/test';
import { expect, test } from './support/test.js';
import { Person } from './support/person.js';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: Violation[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations;
  });
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

test.describe.configure({ timeout: 90_000 });

for (const colorScheme of ['dark', 'light'] as const) {
  test(`login, chat, Settings, shortcuts and search have no serious problems (${colorScheme})`, async ({ browser }) => {
    const alice = await Person.arrive(browser, 'alice', undefined, { colorScheme });
    await alice.visit('/login');
    await expect(alice.page.getByRole('heading', { name: 'Log in' })).toBeVisible();
    expect(await seriousViolations(alice.page), 'login').toEqual([]);

    await alice.openSignUp();
    await alice.fillSignUp();
    await alice.submitSignUp();
    await alice.expectShell();
    await alice.sendMessage('#general', `Accessible deploy note ${colorScheme}`);
    expect(await seriousViolations(alice.page), 'chat').toEqual([]);

    await alice.page.getByRole('button', { name: 'Settings', exact: true }).click();
    const settings = alice.chat.dialog('Settings');
    await expect(settings).toBeVisible();
    expect(await seriousViolations(alice.page), 'settings').toEqual([]);
    await settings.getByRole('button', { name: 'Close', exact: true }).click();

    await alice.page.keyboard.press('Escape');
    await alice.page.keyboard.press('?');
    await expect(alice.chat.dialog('Keyboard shortcuts')).toBeVisible();
    expect(await seriousViolations(alice.page), 'keyboard help').toEqual([]);
    await alice.page.keyboard.press('Escape');

    await alice.search('deploy');
    await expect(alice.page.getByRole('option').filter({ hasText: `Accessible deploy note ${colorScheme}` }).first()).toBeVisible();
    expect(await seriousViolations(alice.page), 'search').toEqual([]);
  });
}

test('the theme follows the system and can be chosen in Settings', async ({ browser }) => {
  const bob = await Person.signUp(browser, 'bob');
  const html = bob.page.locator('html');
  await bob.page.emulateMedia({ colorScheme: 'light' });
  await expect(html).toHaveAttribute('data-theme', 'light');
  await bob.page.emulateMedia({ colorScheme: 'dark' });
  await expect(html).toHaveAttribute('data-theme', 'dark');

  await bob.page.getByRole('button', { name: 'Settings', exact: true }).click();
  const settings = bob.chat.dialog('Settings');
  await settings.getByRole('radio', { name: 'Light', exact: true }).check();
  await expect(html).toHaveAttribute('data-theme', 'light');
  await settings.getByRole('button', { name: 'Close', exact: true }).click();
  await bob.reload();
  await expect(html).toHaveAttribute('data-theme', 'light');
});

test('new messages in the open conversation are announced politely', async ({ browser }) => {
  const carol = await Person.signUp(browser, 'carol');
  const dave = await Person.signUp(browser, 'dave');
  const dm = await carol.startDirectMessage(dave);
  await dave.sendMessage(dave.dmWith(carol), 'hello from dave');
  const region = carol.page.locator('[aria-live="polite"]').filter({ hasText: 'hello from dave' });
  await expect(region).toHaveText(`${dave.username}: hello from dave`);
  await carol.expectMessage(dm, 'hello from dave');
});
