// What a person does and sees in calls, by role and accessible name, plus the figures the app exposes about its
// peer connections (window.minimostCall), so tests assert on real connection states and packet counts.
import { expect, type Locator } from '@playwright/test';
import type { Person } from './person.js';
import type { Where } from './chat-screen.js';

export interface PeerFigures {
  userId: number;
  connectionState: string;
  connectMs: number | null;
  audioPacketsReceived: number;
  audioBytesReceived: number;
  framesDecoded: number;
  frameWidth: number;
}

export class CallScreen {
  constructor(readonly person: Person) {}

  get panel(): Locator {
    return this.person.page.getByRole('region', { name: 'Call' });
  }

  get incoming(): Locator {
    return this.person.page.getByRole('alertdialog', { name: /^Incoming call from/ });
  }

  /** A tab without media permission gathers no ICE candidates (TESTING.md). */
  async allowMedia(): Promise<void> {
    await this.person.context.grantPermissions(['microphone', 'camera']);
  }

  async call(where: Where): Promise<void> {
    await this.person.open(where);
    await this.person.page.getByRole('button', { name: 'Call', exact: true }).click();
    await expect(this.panel).toBeVisible();
  }

  async expectRinging(from: Person): Promise<void> {
    await expect(this.person.page.getByRole('alertdialog', { name: `Incoming call from ${from.username}` })).toBeVisible();
  }

  async accept(): Promise<void> {
    await this.incoming.getByRole('button', { name: 'Accept' }).click();
    await expect(this.panel).toBeVisible();
  }

  async decline(): Promise<void> {
    await this.incoming.getByRole('button', { name: 'Decline' }).click();
    await expect(this.incoming).toBeHidden();
  }

  async joinFromBanner(text: string | RegExp): Promise<void> {
    const banner = this.person.page.getByRole('status').filter({ hasText: text });
    await expect(banner).toBeVisible();
    await banner.getByRole('button', { name: 'Join' }).click();
    await expect(this.panel).toBeVisible();
  }

  async addPerson(other: Person): Promise<void> {
    await this.panel.getByRole('button', { name: 'Add person' }).click();
    const dialog = this.person.page.getByRole('dialog', { name: 'Add person to the call' });
    await dialog.getByRole('searchbox', { name: 'Find a person' }).fill(other.username.slice(0, 4));
    await dialog.getByRole('button', { name: `Ring ${other.username}` }).click();
  }

  async leave(): Promise<void> {
    await this.panel.getByRole('button', { name: 'Leave call' }).click();
    await expect(this.panel).toBeHidden();
  }

  async toggleScreenShare(): Promise<void> {
    await this.panel.getByRole('button', { name: 'Share screen' }).click();
  }

  /** Someone's shared screen is shown large here, decoded at full width (the fake screen is 1280 wide). */
  async expectScreenFrom(other: Person): Promise<void> {
    const video = this.panel.getByRole('listitem', { name: `${other.username}'s screen` }).locator('video');
    await expect(video).toBeVisible();
    await expect.poll(() => video.evaluate((element: HTMLVideoElement) => element.videoWidth), { timeout: 10_000 }).toBe(1280);
    await expect
      .poll(async () => (await this.figures()).some((f) => f.framesDecoded > 0 && f.frameWidth === 1280), { timeout: 10_000 })
      .toBe(true);
  }

  /** "Share screen" in the conversation header: a share without a call. */
  async shareScreen(where: Where): Promise<void> {
    await this.person.open(where);
    await this.person.page.getByRole('banner').getByRole('button', { name: 'Share screen' }).click();
    await expect(this.person.page.getByRole('status').filter({ hasText: 'You are sharing your screen' })).toBeVisible();
  }

  async stopSharing(): Promise<void> {
    await this.person.page.getByRole('status').filter({ hasText: 'You are sharing your screen' }).getByRole('button', { name: 'Stop sharing' }).click();
  }

  async watchScreenOf(where: Where, sharer: Person): Promise<void> {
    await this.person.open(where);
    const banner = this.person.page.getByRole('status').filter({ hasText: `${sharer.username} is sharing their screen` });
    await banner.getByRole('button', { name: 'Watch' }).click();
  }

  get screenShare(): Locator {
    return this.person.page.getByRole('region', { name: 'Screen share' });
  }

  /** The watched screen is decoded at full width (inbound-rtp framesDecoded > 0, the video 1280 wide). */
  async expectWatchingScreen(): Promise<void> {
    const video = this.screenShare.locator('video');
    await expect(video).toBeVisible({ timeout: 10_000 });
    await expect.poll(() => video.evaluate((element: HTMLVideoElement) => element.videoWidth), { timeout: 10_000 }).toBe(1280);
    await expect
      .poll(
        () =>
          this.person.page.evaluate(async () => {
            const hook = (window as unknown as { minimostShare?: { figures(): Promise<{ framesDecoded: number; frameWidth: number }> } }).minimostShare;
            return (await hook?.figures()) ?? { framesDecoded: 0, frameWidth: 0 };
          }),
        { timeout: 10_000 },
      )
      .toMatchObject({ frameWidth: 1280 });
  }

  async toggleMute(): Promise<void> {
    await this.panel.getByRole('button', { name: /^(Mute|Unmute)$/ }).click();
  }

  figures(): Promise<PeerFigures[]> {
    // window.minimostCall is the app's own diagnostics hook (src/client/features/calls/state.ts).
    return this.person.page.evaluate(async () => {
      const hook = (window as unknown as { minimostCall?: { figures(): Promise<PeerFigures[]> } }).minimostCall;
      return (await hook?.figures()) ?? [];
    });
  }

  /** Every leg of this person's mesh (`count` of them) reaches `connected`. */
  async expectConnected(count: number, timeout = 10_000): Promise<PeerFigures[]> {
    await expect
      .poll(async () => (await this.figures()).filter((f) => f.connectionState === 'connected').length, { timeout, intervals: [50] })
      .toBe(count)
      .catch(async (error: unknown) => {
        throw new Error(`${this.person.username}: ${JSON.stringify(await this.figures())}: ${String(error)}`);
      });
    return this.figures();
  }

  /** Audio really arrives from every peer: inbound-rtp packetsReceived grows on each leg. */
  async expectAudioFlowing(): Promise<void> {
    const before = new Map((await this.figures()).map((f) => [f.userId, f.audioPacketsReceived]));
    await expect
      .poll(async () => (await this.figures()).every((f) => f.audioPacketsReceived > (before.get(f.userId) ?? 0) + 10), { timeout: 5_000 })
      .toBe(true);
  }

  /** A notice in the conversation ("Call ended · 12s", "Missed call from alice"); `count` of them if given. */
  async expectNotice(where: Where, text: string | RegExp, count?: number): Promise<void> {
    await this.person.open(where);
    const notices = this.person.chat.log(where).getByText(text);
    if (count === undefined) await expect(notices.last()).toBeVisible();
    else await expect(notices).toHaveCount(count);
  }

  async expectTiles(count: number): Promise<void> {
    await expect(this.panel.getByRole('list', { name: 'Participants' }).getByRole('listitem')).toHaveCount(count);
  }
}
