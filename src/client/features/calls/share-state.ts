// Screens shared without a call. The sharer's tab answers each viewer's offer with its screen track (one sharer to
// many viewers, one RTCPeerConnection per viewer); a viewer's tab offers to receive video only. The server announces
// shares to the conversation's members and relays signals only between the sharer and each viewer.
import { signal } from '@preact/signals';
import type { ScreenShare } from '../../../shared/protocol/calls.js';
import { me } from '../conversations/state.js';
import { sendCommand } from '../live/commands.js';
import type { SignalOut } from './peer.js';
import { iceServersNow, toSignalCommand } from './state.js';

interface Link {
  pc: RTCPeerConnection;
  /** Signals are applied one at a time, in order. */
  queue: Promise<void>;
}

interface Sharing {
  shareId: string | null;
  conversationId: number;
  stream: MediaStream;
  viewers: Map<number, Link>;
}

interface Watching {
  shareId: string;
  sharerId: number;
  started: boolean;
  link: Link | null;
  stream: MediaStream | null;
}

/** Every screen shared in the person's conversations, by share id. */
export const shares = signal<ReadonlyMap<string, ScreenShare>>(new Map());
export const sharing = signal<Sharing | null>(null);
export const watching = signal<Watching | null>(null);

function send(shareId: string, to: number, out: SignalOut): void {
  sendCommand(toSignalCommand(shareId, to, out));
}

function newLink(shareId: string, to: number): Link {
  const pc = new RTCPeerConnection({ iceServers: iceServersNow() });
  pc.onicecandidate = ({ candidate }) => send(shareId, to, { candidate: candidate ? candidate.toJSON() : null });
  return { pc, queue: Promise.resolve() };
}

function describe(link: Link, shareId: string, to: number): void {
  const description = link.pc.localDescription;
  if (description && (description.type === 'offer' || description.type === 'answer')) send(shareId, to, { description: { type: description.type, sdp: description.sdp } });
}

export async function startSharing(conversationId: number): Promise<void> {
  if (sharing.value) return;
  const stream = await navigator.mediaDevices.getDisplayMedia({ video: true, audio: false });
  const [track] = stream.getVideoTracks();
  if (!track) return;
  // The browser's own "Stop sharing" ends it for everyone.
  track.onended = () => stopSharing();
  sharing.value = { shareId: null, conversationId, stream, viewers: new Map() };
  sendCommand({ type: 'share.start', conversationId });
}

export function stopSharing(): void {
  const mine = sharing.value;
  if (!mine) return;
  if (mine.shareId) sendCommand({ type: 'share.stop', shareId: mine.shareId });
  for (const track of mine.stream.getTracks()) {
    track.onended = null;
    track.stop();
  }
  for (const link of mine.viewers.values()) link.pc.close();
  sharing.value = null;
}

export function watchShare(share: ScreenShare): void {
  stopWatching();
  watching.value = { shareId: share.id, sharerId: share.sharerId, started: false, link: null, stream: null };
  sendCommand({ type: 'share.watch', shareId: share.id });
}

export function stopWatching(): void {
  const held = watching.value;
  if (!held) return;
  sendCommand({ type: 'share.unwatch', shareId: held.shareId });
  held.link?.pc.close();
  watching.value = null;
}

/** The server lists this person as a viewer: offer to receive the sharer's screen. */
async function beginWatching(held: Watching): Promise<void> {
  held.started = true;
  const link = newLink(held.shareId, held.sharerId);
  link.pc.addTransceiver('video', { direction: 'recvonly' });
  link.pc.ontrack = (event) => {
    const current = watching.value;
    if (current?.link === link) watching.value = { ...current, stream: event.streams[0] ?? new MediaStream([event.track]) };
  };
  held.link = link;
  watching.value = { ...held };
  await link.pc.setLocalDescription();
  describe(link, held.shareId, held.sharerId);
}

export function putShare(share: ScreenShare): void {
  shares.value = new Map(shares.value).set(share.id, share);
  const mine = sharing.value;
  if (mine && mine.shareId === null && share.sharerId === me.value && share.conversationId === mine.conversationId) {
    sharing.value = { ...mine, shareId: share.id };
  }
  if (mine?.shareId === share.id) {
    for (const [viewer, link] of mine.viewers) {
      if (!share.viewerIds.includes(viewer)) {
        link.pc.close();
        mine.viewers.delete(viewer);
      }
    }
  }
  const held = watching.value;
  if (held?.shareId === share.id && !held.started && share.viewerIds.includes(me.value)) void beginWatching(held);
}

export function removeShare(shareId: string): void {
  const next = new Map(shares.value);
  next.delete(shareId);
  shares.value = next;
  if (sharing.value?.shareId === shareId) stopSharing();
  const held = watching.value;
  if (held?.shareId === shareId) {
    held.link?.pc.close();
    watching.value = null;
  }
}

/** True when the signal belonged to a screen share (this tab's own, or the one it watches). */
export function receiveShareSignal(shareId: string, from: number, incoming: SignalOut): boolean {
  const mine = sharing.value;
  if (mine?.shareId === shareId) {
    let link = mine.viewers.get(from);
    if (!link) {
      link = newLink(shareId, from);
      for (const track of mine.stream.getVideoTracks()) link.pc.addTrack(track, mine.stream);
      mine.viewers.set(from, link);
    }
    const target = link;
    target.queue = target.queue
      .then(async () => {
        if (incoming.description?.type === 'offer') {
          await target.pc.setRemoteDescription(incoming.description);
          await target.pc.setLocalDescription();
          describe(target, shareId, from);
        } else if (incoming.candidate !== undefined) {
          await target.pc.addIceCandidate(incoming.candidate ?? undefined);
        }
      })
      .catch((error: unknown) => console.warn('MiniMost: a screen-share signal failed', error));
    return true;
  }
  const held = watching.value;
  if (held?.shareId === shareId && held.link) {
    const link = held.link;
    link.queue = link.queue
      .then(async () => {
        if (incoming.description?.type === 'answer') await link.pc.setRemoteDescription(incoming.description);
        else if (incoming.candidate !== undefined) await link.pc.addIceCandidate(incoming.candidate ?? undefined);
      })
      .catch((error: unknown) => console.warn('MiniMost: a screen-share signal failed', error));
    return true;
  }
  return held?.shareId === shareId;
}

export function resetShares(): void {
  stopSharing();
  watching.value?.link?.pc.close();
  watching.value = null;
  shares.value = new Map();
}

/** Frames decoded by this tab's viewer connection, for the tests. */
export async function shareFigures(): Promise<{ framesDecoded: number; frameWidth: number }> {
  const figures = { framesDecoded: 0, frameWidth: 0 };
  const report = await watching.peek()?.link?.pc.getStats();
  report?.forEach((stat: { type: string; kind?: string; framesDecoded?: number; frameWidth?: number }) => {
    if (stat.type === 'inbound-rtp' && stat.kind === 'video') {
      figures.framesDecoded += stat.framesDecoded ?? 0;
      figures.frameWidth = Math.max(figures.frameWidth, stat.frameWidth ?? 0);
    }
  });
  return figures;
}

declare global {
  interface Window {
    minimostShare?: { figures(): Promise<{ framesDecoded: number; frameWidth: number }> };
  }
}
if (typeof window !== 'undefined') window.minimostShare = { figures: shareFigures };
