// Long conversations: opening at the newest page, scrolling up through older pages without the view jumping, and
// jumping to a reply's parent far back in history.
import { expect, test } from './support/test.js';
import { Person } from './support/person.js';

const COUNT = 500;
const label = (n: number) => `History message ${String(n).padStart(3, '0')}`;

test('scrolling up through 500 messages loads older pages while the view stays exactly still', async ({ browser }) => {
  test.setTimeout(90_000);
  const dana = await Person.signUp(browser, 'dana');
  const channel = `history-${Date.now().toString(36)}`;
  await dana.createPrivateChannel(channel, []);
  const [firstId] = await dana.postDirectly(channel, [label(1)]);
  await dana.postDirectly(
    channel,
    Array.from({ length: COUNT - 1 }, (_, i) => label(i + 2)),
    { batch: 25 },
  );
  await dana.postDirectly(channel, ['A reply to the very first one'], { replyToId: firstId });

  // A fresh open shows only the newest page.
  await dana.reload();
  const log = dana.chat.log(channel);
  await expect(dana.chat.message(channel, 'A reply to the very first one')).toBeInViewport();
  await expect(log.getByRole('article')).toHaveCount(50);

  /** The first message in view, and how far below the top of the list it is. */
  const firstVisible = () =>
    log.evaluate((scroller) => {
      const top = scroller.getBoundingClientRect().top;
      const article = [...scroller.querySelectorAll('article')].find((a) => a.getBoundingClientRect().bottom > top + 1);
      return article ? { id: article.dataset.messageId ?? '', offset: article.getBoundingClientRect().top - top } : null;
    });
  /** Where that same message is now. */
  const positionOf = (id: string) =>
    log.evaluate((scroller, messageId) => {
      const article = scroller.querySelector(`article[data-message-id="${messageId}"]`);
      return article ? { offset: article.getBoundingClientRect().top - scroller.getBoundingClientRect().top, scrollTop: scroller.scrollTop } : null;
    }, id);

  let loaded = 50;
  while (loaded < COUNT + 1) {
    // Scroll to the very top, as far as a person can drag; note what is at the top of the view then.
    const before = await log.evaluate((scroller) => {
      scroller.scrollTop = 0;
      return scroller.querySelectorAll('article').length;
    });
    const anchor = await firstVisible();
    expect(anchor).not.toBeNull();
    await expect(log.getByRole('article')).not.toHaveCount(before);
    await expect(log).not.toHaveAttribute('aria-busy', 'true');
    loaded = await log.getByRole('article').count();
    const after = await positionOf(anchor?.id ?? '');
    // The same message is exactly where it was; the older ones went in above it, out of view.
    expect(after).not.toBeNull();
    expect(Math.abs((after?.offset ?? 0) - (anchor?.offset ?? 0))).toBeLessThan(1);
    expect(after?.scrollTop).toBeGreaterThan(0);
  }
  expect(loaded).toBe(COUNT + 1);
  await log.evaluate((scroller) => (scroller.scrollTop = 0));
  await expect(dana.chat.message(channel, label(1))).toBeInViewport();
  await expect(log).toContainText('This is the very beginning of the private channel');
});

test('clicking a reply’s parent far back in history loads it and shows it highlighted', async ({ browser }) => {
  test.setTimeout(60_000);
  const eve = await Person.signUp(browser, 'eve');
  const channel = `jump-${Date.now().toString(36)}`;
  await eve.createPrivateChannel(channel, []);
  const [firstId] = await eve.postDirectly(channel, [label(1)]);
  await eve.postDirectly(
    channel,
    Array.from({ length: 149 }, (_, i) => label(i + 2)),
    { batch: 25 },
  );
  await eve.postDirectly(channel, ['Following up on the first one'], { replyToId: firstId });
  await eve.reload();

  const reply = eve.chat.message(channel, 'Following up on the first one');
  await expect(reply).toBeInViewport();
  await expect(eve.chat.message(channel, label(1))).toHaveCount(0);
  await eve.chat.replyQuote(reply, eve.username, label(1)).click();
  const parent = eve.chat.message(channel, label(1));
  await expect(parent).toBeInViewport();
  await expect(parent).toHaveClass(/is-highlighted/);

  // Back to the newest messages from the older window.
  await eve.page.getByRole('button', { name: 'Jump to latest' }).click();
  await expect(reply).toBeInViewport();
});

test('when scrolled up, new messages wait behind a "new messages" pill instead of moving the view', async ({ browser }) => {
  test.setTimeout(60_000);
  const pia = await Person.signUp(browser, 'pia');
  const quinn = await Person.signUp(browser, 'quinn');
  const channel = `pill-${Date.now().toString(36)}`;
  await pia.createPrivateChannel(channel, [quinn]);
  await pia.postDirectly(channel, Array.from({ length: 80 }, (_, i) => label(i + 1)), { batch: 20 });
  await quinn.open(channel);
  const log = quinn.chat.log(channel);
  // It opens at "New messages" (all 80 are unread, so that is the top); read down to the end first.
  await expect(log.getByRole('separator', { name: 'New messages' })).toHaveCount(1);
  await expect(quinn.chat.message(channel, label(80))).not.toBeInViewport();
  await log.evaluate((scroller) => (scroller.scrollTop = scroller.scrollHeight));
  await expect(quinn.chat.message(channel, label(80))).toBeInViewport();

  await log.evaluate((scroller) => (scroller.scrollTop = scroller.scrollHeight / 3));
  await expect(quinn.chat.message(channel, label(80))).not.toBeInViewport();
  const before = await log.evaluate((scroller) => scroller.scrollTop);
  await pia.sendMessage(channel, 'Anyone there?');
  await pia.sendMessage(channel, 'Hello?');
  const pill = quinn.page.getByRole('button', { name: '2 new messages' });
  await expect(pill).toBeVisible();
  expect(await log.evaluate((scroller) => scroller.scrollTop)).toBe(before);

  await pill.click();
  await expect(quinn.chat.message(channel, 'Hello?')).toBeInViewport();
  await expect(pill).toBeHidden();
  // At the bottom, the list follows new messages by itself.
  await pia.sendMessage(channel, 'There you are');
  await expect(quinn.chat.message(channel, 'There you are')).toBeInViewport();
});
