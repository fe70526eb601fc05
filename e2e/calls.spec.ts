// Calls for real: Chromium pages with fake microphones in a loopback-only namespace, peer connections that reach
// `connected`, and audio packets that actually arrive, read from the figures the app exposes.
import { CallScreen } from './support/call-screen.js';
import { Person } from './support/person.js';
import { expect, test } from './support/test.js';

// Three or four people signing up (Argon2id) and connecting take longer than the default 30 s on a busy 2-core box.
test.describe.configure({ timeout: 90_000 });

async function signUpWithMedia(browser: Parameters<typeof Person.signUp>[0], name: string): Promise<{ person: Person; calls: CallScreen }> {
  const person = await Person.signUp(browser, name);
  const calls = new CallScreen(person);
  await calls.allowMedia();
  return { person, calls };
}

test('1:1: Bob accepts, both legs connect, audio flows both ways, a shared screen arrives, hanging up posts "Call ended" for both', async ({ browser }) => {
  const { person: alice, calls: aliceCalls } = await signUpWithMedia(browser, 'alice');
  const { person: bob, calls: bobCalls } = await signUpWithMedia(browser, 'bob');
  const dm = await alice.startDirectMessage(bob);

  await aliceCalls.call(dm);
  await bobCalls.expectRinging(alice);
  const acceptedAt = Date.now();
  await bobCalls.accept();
  await Promise.all([aliceCalls.expectConnected(1), bobCalls.expectConnected(1)]);
  console.log(`1:1 Accept → both legs connected: ${Date.now() - acceptedAt} ms`);
  await Promise.all([aliceCalls.expectAudioFlowing(), bobCalls.expectAudioFlowing()]);
  await aliceCalls.expectTiles(2);

  await aliceCalls.toggleMute();
  await expect(aliceCalls.panel.getByRole('button', { name: 'Unmute' })).toBeVisible();
  await expect(bobCalls.panel.getByRole('listitem', { name: `${alice.username}, muted` })).toBeVisible();

  // Alice shares her screen: Bob sees it large, decoded at 1280 wide; she stops and it goes away.
  await aliceCalls.toggleScreenShare();
  await bobCalls.expectScreenFrom(alice);
  await aliceCalls.toggleScreenShare();
  await expect(bobCalls.panel.getByRole('list', { name: 'Shared screens' })).toBeHidden();

  await aliceCalls.leave();
  await bobCalls.leave();
  await aliceCalls.expectNotice(dm, /^Call ended · \d+s$/);
  await bobCalls.expectNotice(bob.dmWith(alice), /^Call ended · \d+s$/);
});

test('missed call after the ring timeout; decline; a new call straight afterwards', async ({ browser }) => {
  const { person: alice, calls: aliceCalls } = await signUpWithMedia(browser, 'alice');
  const { person: bob, calls: bobCalls } = await signUpWithMedia(browser, 'bob');
  const dm = await alice.startDirectMessage(bob);

  // Unanswered: rings for call_ring_seconds (shortened for the tests), then both see the missed call.
  await aliceCalls.call(dm);
  await bobCalls.expectRinging(alice);
  await expect(bobCalls.incoming).toBeHidden({ timeout: 15_000 });
  await expect(aliceCalls.panel).toBeHidden();
  await aliceCalls.expectNotice(dm, `Missed call from ${alice.username}`);
  await bobCalls.expectNotice(bob.dmWith(alice), `Missed call from ${alice.username}`);

  // Declined: ends at once for the caller too.
  await aliceCalls.call(dm);
  await bobCalls.decline();
  await expect(aliceCalls.panel).toBeHidden();
  await aliceCalls.expectNotice(dm, `Missed call from ${alice.username}`, 2);

  // And straight away a new call goes through.
  await aliceCalls.call(dm);
  await bobCalls.accept();
  await Promise.all([aliceCalls.expectConnected(1), bobCalls.expectConnected(1)]);
  await bobCalls.leave();
  await aliceCalls.leave();
});

test('group: Alice calls, Bob accepts, Carol declines then is added back; three connected pairs; Alice leaves and the others go on', async ({ browser }) => {
  const { person: alice, calls: aliceCalls } = await signUpWithMedia(browser, 'alice');
  const { person: bob, calls: bobCalls } = await signUpWithMedia(browser, 'bob');
  const { person: carol, calls: carolCalls } = await signUpWithMedia(browser, 'carol');
  const channel = `huddle-${alice.username.slice(-5)}`;
  await alice.createPrivateChannel(channel, [bob, carol]);
  await bob.expectInSidebar(channel);
  await carol.expectInSidebar(channel);

  await aliceCalls.call(channel);
  await bobCalls.accept();
  await carolCalls.decline();
  await Promise.all([aliceCalls.expectConnected(1), bobCalls.expectConnected(1)]);
  // Carol, who declined, sees the call going on.
  await carol.open(channel);
  await expect(carol.page.getByRole('status').filter({ hasText: 'are on a call' })).toBeVisible();

  await aliceCalls.addPerson(carol);
  await carolCalls.expectRinging(alice);
  const acceptedAt = Date.now();
  await carolCalls.accept();
  await Promise.all([aliceCalls.expectConnected(2), bobCalls.expectConnected(2), carolCalls.expectConnected(2)]);
  console.log(`3-person mesh, Carol's Accept → all legs connected: ${Date.now() - acceptedAt} ms`);
  await Promise.all([aliceCalls.expectAudioFlowing(), bobCalls.expectAudioFlowing(), carolCalls.expectAudioFlowing()]);
  await carolCalls.expectTiles(3);

  await aliceCalls.leave();
  await bobCalls.expectTiles(2);
  await Promise.all([bobCalls.expectConnected(1), carolCalls.expectConnected(1)]);
  await Promise.all([bobCalls.expectAudioFlowing(), carolCalls.expectAudioFlowing()]);

  await bobCalls.leave();
  await carolCalls.leave();
  await aliceCalls.expectNotice(channel, /^Call ended · /);
});

test('join in progress from the banner; a crashed participant is cleaned up and the rest continue', async ({ browser }) => {
  const { person: alice, calls: aliceCalls } = await signUpWithMedia(browser, 'alice');
  const { person: bob, calls: bobCalls } = await signUpWithMedia(browser, 'bob');
  const { person: carol, calls: carolCalls } = await signUpWithMedia(browser, 'carol');
  const { person: dave, calls: daveCalls } = await signUpWithMedia(browser, 'dave');
  const channel = `standup-${alice.username.slice(-5)}`;
  await alice.createPrivateChannel(channel, [bob, carol, dave]);
  for (const person of [bob, carol, dave]) await person.expectInSidebar(channel);

  const startedAt = Date.now();
  await aliceCalls.call(channel);
  await Promise.all([bobCalls.accept(), carolCalls.accept(), daveCalls.accept()]);
  await Promise.all([aliceCalls, bobCalls, carolCalls, daveCalls].map((calls) => calls.expectConnected(3)));
  console.log(`4-person mesh, Call → all 6 pairs connected: ${Date.now() - startedAt} ms`);
  console.log(`4-person mesh, per-leg connect times seen by Alice (ms): ${(await aliceCalls.figures()).map((f) => f.connectMs).join(', ')}`);

  // Dave's browser goes away without hanging up.
  await dave.context.close();
  await Promise.all([aliceCalls, bobCalls, carolCalls].map((calls) => calls.expectTiles(3)));
  await Promise.all([aliceCalls, bobCalls, carolCalls].map((calls) => calls.expectConnected(2)));
  await aliceCalls.expectAudioFlowing();

  // Carol leaves and comes back through the banner.
  await carolCalls.leave();
  await carol.open(channel);
  await carolCalls.joinFromBanner(/are on a call/);
  await Promise.all([aliceCalls.expectConnected(2), carolCalls.expectConnected(2)]);
  for (const calls of [aliceCalls, bobCalls, carolCalls]) await calls.leave();
  await bobCalls.expectNotice(channel, /^Call ended · /);
});

test('standalone screen share: two viewers watch, one leaves, the sharer stops it for everyone', async ({ browser }) => {
  const { person: alice, calls: aliceCalls } = await signUpWithMedia(browser, 'alice');
  const { person: bob, calls: bobCalls } = await signUpWithMedia(browser, 'bob');
  const { person: carol, calls: carolCalls } = await signUpWithMedia(browser, 'carol');
  const channel = `demo-${alice.username.slice(-5)}`;
  await alice.createPrivateChannel(channel, [bob, carol]);
  await bob.expectInSidebar(channel);
  await carol.expectInSidebar(channel);

  await aliceCalls.shareScreen(channel);
  await bobCalls.watchScreenOf(channel, alice);
  await carolCalls.watchScreenOf(channel, alice);
  await Promise.all([bobCalls.expectWatchingScreen(), carolCalls.expectWatchingScreen()]);

  await bobCalls.screenShare.getByRole('button', { name: 'Stop watching' }).click();
  await expect(bobCalls.screenShare).toBeHidden();
  await expect(carolCalls.screenShare.locator('video')).toBeVisible();

  await aliceCalls.stopSharing();
  await expect(carolCalls.screenShare).toBeHidden();
  await expect(bob.page.getByRole('status').filter({ hasText: 'is sharing their screen' })).toBeHidden();
});
