// Message search from the header: results as you type with the matching words highlighted, operators typed or
// chosen with the filter controls, jumping to a message far back in its conversation, access rules, odd queries.
import { expect, test } from './support/test.js';
import { Person } from './support/person.js';

const FILLER = 300;
const filler = (n: number) => `Routine note ${String(n).padStart(3, '0')} about the harbour`;
const run = () => Date.now().toString(36);

test('searching with an operator shows highlighted results and jumps to a message 300 messages back', async ({ browser }) => {
  test.setTimeout(120_000);
  const alice = await Person.signUp(browser, 'alice');
  const bob = await Person.signUp(browser, 'bob');
  const channel = `ops-${run()}`;
  await alice.createPrivateChannel(channel, [bob]);
  await bob.postDirectly(channel, ['Ready to deploy the lighthouse release']);
  await bob.postDirectly(channel, Array.from({ length: FILLER }, (_, i) => filler(i + 1)), { batch: 25 });
  await alice.postDirectly(channel, ['I can deploy it myself if needed']);
  await bob.postDirectly(channel, ['The deploy went fine']);

  // A fresh tab holds only the newest page of the channel; Alice then moves on to #general.
  await alice.reload();
  await alice.open(channel);
  await expect(alice.chat.message(channel, 'The deploy went fine')).toBeVisible();
  await expect(alice.chat.message(channel, 'Ready to deploy the lighthouse release')).toHaveCount(0);
  await alice.open('#general');

  // "/" from outside a text field puts her in the search box.
  await alice.chat.log('#general').click();
  await alice.page.keyboard.press('/');
  await expect(alice.chat.searchBox).toBeFocused();

  await alice.search(`from:@${bob.username} deploy`);
  await alice.expectSearchResults(['The deploy went fine', 'Ready to deploy the lighthouse release']);
  await alice.expectSearchResult('lighthouse release', { where: channel, from: bob, highlighted: ['deploy'] });
  // The typed operator shows in the filter control too.
  await expect(alice.chat.searchFilter('From')).toHaveValue(bob.username);

  // ↓ ↓ Enter: the older one, 300 messages back, opens in its conversation and flashes.
  await alice.chat.searchBox.press('ArrowDown');
  await alice.chat.searchBox.press('ArrowDown');
  await expect(alice.chat.searchResult('lighthouse release')).toHaveAttribute('aria-selected', 'true');
  await alice.chat.searchBox.press('Enter');
  await alice.expectJumpedTo(channel, 'Ready to deploy the lighthouse release');
  // Only the history around it was loaded, not all 300 messages after it.
  expect(await alice.chat.log(channel).getByRole('article').count()).toBeLessThan(FILLER);
  await alice.page.getByRole('button', { name: 'Jump to latest' }).click();
  await expect(alice.chat.message(channel, 'The deploy went fine')).toBeInViewport();

  // A click on a result jumps too; here the conversation was not loaded at all since the page was opened.
  await alice.open('#general');
  await alice.reload();
  await alice.search(`from:@${bob.username} lighthouse`);
  await alice.openSearchResult('lighthouse release');
  await alice.expectJumpedTo(channel, 'Ready to deploy the lighthouse release');
  expect(await alice.chat.log(channel).getByRole('article').count()).toBeLessThan(FILLER);
});

test('the filter controls write the same operators as typing, and "Load more" goes beyond the first page', async ({ browser }) => {
  test.setTimeout(90_000);
  const erin = await Person.signUp(browser, 'erin');
  const channel = `notes-${run()}`;
  await erin.createPrivateChannel(channel, []);
  await erin.postDirectly(channel, Array.from({ length: 60 }, (_, i) => filler(i + 1)), { batch: 20 });
  await erin.postDirectly(channel, ['Docs at https://intranet.example/harbour']);

  await erin.search('harbour');
  await erin.chat.searchFilter('In').selectOption({ label: channel });
  await expect(erin.chat.searchBox).toHaveValue(`harbour in:${channel}`);
  await erin.chat.searchFilter('From').selectOption(erin.username);
  await expect(erin.chat.searchBox).toHaveValue(`harbour in:${channel} from:@${erin.username}`);
  await expect(erin.chat.searchResults.getByRole('option')).toHaveCount(50);
  await expect(erin.chat.searchStatus).toHaveText('50 messages so far');
  await erin.chat.search.getByRole('button', { name: 'Load more' }).click();
  await expect(erin.chat.searchResults.getByRole('option')).toHaveCount(61);
  await expect(erin.chat.searchStatus).toHaveText('61 messages');

  await erin.chat.searchFilter('Has link').check();
  await expect(erin.chat.searchBox).toHaveValue(`harbour in:${channel} from:@${erin.username} has:link`);
  await erin.expectSearchResults(['Docs at https://intranet.example/harbour']);

  await erin.chat.searchFilter('Before').fill('2000-01-01');
  await expect(erin.chat.searchBox).toHaveValue(`harbour in:${channel} from:@${erin.username} has:link before:2000-01-01`);
  await erin.expectNoSearchResults();

  // Clearing a control takes its operator out again; Esc closes the results.
  await erin.chat.searchFilter('Before').fill('');
  await erin.chat.searchFilter('Has link').uncheck();
  await erin.chat.searchFilter('From').selectOption({ label: 'Anyone' });
  await expect(erin.chat.searchBox).toHaveValue(`harbour in:${channel}`);
  await erin.chat.searchBox.press('Escape');
  await expect(erin.chat.searchResults).toBeHidden();
});

test('a search never finds messages in a private channel the person is not in', async ({ browser }) => {
  const carol = await Person.signUp(browser, 'carol');
  const dave = await Person.signUp(browser, 'dave');
  const secret = `vault-${run()}`;
  const word = `zephyr${run()}`;
  await carol.createPrivateChannel(secret, []);
  await carol.sendMessage(secret, `The vault code is ${word}`);

  await carol.search(word);
  await carol.expectSearchResults([`The vault code is ${word}`]);

  await dave.search(word);
  await dave.expectNoSearchResults();
  // Naming the channel does not reveal it either: it answers as for a channel that does not exist.
  await dave.search(`${word} in:${secret}`);
  await dave.expectSearchProblem(`You have no channel named "${secret}".`);
});

test('hostile and malformed queries are searched as text or explained, and the page keeps working', async ({ browser }) => {
  const frank = await Person.signUp(browser, 'frank');
  const channel = `odd-${run()}`;
  await frank.createPrivateChannel(channel, []);
  await frank.sendMessage(channel, 'Markup <img src=x onerror=alert(1)> stays text');
  await frank.sendMessage(channel, 'Ordinary words about a NEAR( miss');

  await frank.search('"NEAR(');
  await frank.expectSearchResult('NEAR( miss', { where: channel, from: frank, highlighted: ['NEAR('] });

  await frank.search('onerror=alert');
  await frank.expectSearchResult('Markup', { where: channel, from: frank, highlighted: ['onerror=alert'] });
  await expect(frank.chat.searchResult('Markup')).toContainText('<img src=x onerror=alert(1)>');

  // An empty answer that is not a miss says why.
  await frank.search('words has:file');
  await frank.expectNoSearchResults();
  await expect(frank.chat.search).toContainText('has:file finds nothing yet');

  await frank.search('**');
  await frank.expectSearchProblem('Type at least 2 characters to search.');

  await frank.search('on:2026-13-01 words');
  await frank.expectSearchProblem('"2026-13-01" is not a date. Dates look like 2026-11-05.');

  await frank.pasteSearch(`${'x'.repeat(10_000)} NEAR( OR * "`);
  await frank.expectSearchProblem('A search can be at most 1,000 characters');

  // After all that, an ordinary search still works.
  await frank.search('Ordinary words');
  await frank.expectSearchResults(['Ordinary words about a NEAR( miss']);
  await expect(frank.chat.searchProblem).toHaveCount(0);
});
