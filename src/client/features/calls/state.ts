// The calls this person can see (one per conversation at most), the one this tab is in, and the actions on them.
// The server is the source of truth for who is in a call; this tab adds its own media session (session.ts).
import { batch, computed, effect, signal } from '@preact/signals';
import { api } from '../../api/api.js';
import type { Call, CallMedia } from '../../../shared/protocol/calls.js';
import type { ClientCommand } from '../../../shared/protocol/events.js';
import { me } from '../conversations/state.js';
import { sendCommand } from '../live/commands.js';
import type { SignalOut } from './peer.js';
import { CallSession, type PeerFigures } from './session.js';
import { loop, sounds } from './sounds.js';

/** Every call in the person's conversations, by conversation id. */
export const calls = signal<ReadonlyMap<number, Call>>(new Map());
/** The call this tab carries media for (another tab of the same person may be in another call). */
export const activeCallId = signal<string | null>(null);
export const session = signal<CallSession | null>(null);
export const callError = signal<string | null>(null);
/** Incoming calls this tab was told to stop ringing for (declined here, or the card closed). */
const dismissed = signal<ReadonlySet<string>>(new Set());
/** A call.start or call.join sent from this tab, waiting for the server's answer. */
let pending: { conversationId: number } | null = null;

export const activeCall = computed(() => {
  const id = activeCallId.value;
  return id === null ? null : ([...calls.value.values()].find((call) => call.id === id) ?? null);
});

export const incomingCall = computed(() => {
  for (const call of calls.value.values()) {
    const mine = call.participants.find((p) => p.userId === me.value);
    if (mine?.state === 'ringing' && call.id !== activeCallId.value && !dismissed.value.has(call.id)) return call;
  }
  return null;
});

export function participantState(call: Call, userId: number) {
  return call.participants.find((p) => p.userId === userId)?.state ?? null;
}

export function joinedIds(call: Call): number[] {
  return call.participants.filter((p) => p.state === 'joined').map((p) => p.userId);
}

// ----- actions

let iceServers: Promise<RTCIceServer[]> | null = null;
let knownIceServers: RTCIceServer[] = [];

/** The bundled STUN server under the name this page was loaded from (GET /api/ice-servers); asked once per page. */
export function loadIceServers(): Promise<RTCIceServer[]> {
  iceServers ??= api.iceServers().then(
    (answer) => (knownIceServers = answer.iceServers),
    () => {
      iceServers = null;
      return [];
    },
  );
  return iceServers;
}

/** What loadIceServers found so far (host candidates alone still work on a LAN if it has not answered yet). */
export function iceServersNow(): RTCIceServer[] {
  void loadIceServers();
  return knownIceServers;
}

export function toSignalCommand(callId: string, to: number, signal: SignalOut): Extract<ClientCommand, { type: 'signal' }> {
  const command: Extract<ClientCommand, { type: 'signal' }> = { type: 'signal', callId, to };
  if (signal.description) command.description = signal.description;
  if (signal.candidate === null) command.candidate = null;
  else if (signal.candidate?.candidate !== undefined) {
    const { candidate, sdpMid, sdpMLineIndex, usernameFragment } = signal.candidate;
    command.candidate = { candidate, sdpMid: sdpMid ?? null, sdpMLineIndex: sdpMLineIndex ?? null, usernameFragment: usernameFragment ?? null };
  }
  return command;
}

async function openSession(conversationId: number, command: () => void): Promise<void> {
  if (activeCall.value) leaveCall();
  callError.value = null;
  pending = { conversationId };
  const opened = await CallSession.open({
    me: me.value,
    iceServers: await loadIceServers(),
    sendSignal: (to, signal) => {
      const callId = activeCallId.peek();
      return callId !== null && sendCommand(toSignalCommand(callId, to, signal));
    },
  });
  if (pending?.conversationId !== conversationId) {
    opened.close();
    return;
  }
  opened.onScreenEnded = announceMedia;
  session.value = opened;
  command();
}

/** Starts a call here, or joins the one already going (the server decides). */
export function startCall(conversationId: number): Promise<void> {
  return openSession(conversationId, () => sendCommand({ type: 'call.start', conversationId }));
}

export function acceptCall(call: Call): Promise<void> {
  return openSession(call.conversationId, () => sendCommand({ type: 'call.join', callId: call.id }));
}

export function declineCall(call: Call): void {
  dismissed.value = new Set([...dismissed.value, call.id]);
  sendCommand({ type: 'call.decline', callId: call.id });
}

export function leaveCall(): void {
  const id = activeCallId.value;
  if (id !== null) sendCommand({ type: 'call.leave', callId: id });
  sounds.hangUp();
  endSession();
}

export function inviteToCall(userId: number): void {
  const id = activeCallId.value;
  if (id !== null) sendCommand({ type: 'call.invite', callId: id, userId });
}

function announceMedia(): void {
  const id = activeCallId.value;
  const current = session.value;
  if (id === null || !current) return;
  const screen = current.screenStream.value;
  const media: CallMedia = { muted: current.muted.value, camera: current.camera.value, screen: screen !== null };
  if (screen) media.screenStreamId = screen.id;
  sendCommand({ type: 'call.media', callId: id, media });
}

export function toggleMute(): void {
  const current = session.value;
  if (!current) return;
  current.setMuted(!current.muted.value);
  announceMedia();
}

export async function toggleCamera(): Promise<void> {
  const current = session.value;
  if (!current) return;
  try {
    await current.setCamera(!current.camera.value);
    announceMedia();
  } catch {
    callError.value = 'The camera could not be started.';
  }
}

export async function toggleScreen(): Promise<void> {
  const current = session.value;
  if (!current) return;
  try {
    await current.setScreen(current.screenStream.value === null);
    announceMedia();
  } catch {
    // Cancelled in the browser's picker, or not allowed: nothing to share, nothing to say.
  }
}

function endSession(): void {
  pending = null;
  session.value?.close();
  batch(() => {
    session.value = null;
    activeCallId.value = null;
  });
}

// ----- server events (events.ts calls these)

export function putCall(call: Call): void {
  void loadIceServers();
  const before = calls.value.get(call.conversationId);
  const next = new Map(calls.value);
  next.set(call.conversationId, call);
  calls.value = next;

  const mine = participantState(call, me.value);
  // A ring declined here is forgotten once it stops, so being rung again ("Add person") shows the card again.
  if (mine !== 'ringing' && dismissed.value.has(call.id)) dismissed.value = new Set([...dismissed.value].filter((id) => id !== call.id));
  if (pending && pending.conversationId === call.conversationId && mine === 'joined' && activeCallId.value === null) {
    pending = null;
    activeCallId.value = call.id;
  }
  if (call.id !== activeCallId.value) return;
  if (mine !== 'joined') {
    // Taken out by the server (this tab went quiet too long): the media goes too.
    endSession();
    return;
  }
  if (before?.id === call.id) {
    if (before.state === 'ringing' && call.state === 'active') sounds.answered();
    const left = joinedIds(before).filter((id) => id !== me.value && participantState(call, id) !== 'joined');
    if (left.length > 0) sounds.left();
  }
  session.value?.sync(call.participants);
}

export function removeCall(conversationId: number, callId: string): void {
  const next = new Map(calls.value);
  if (next.get(conversationId)?.id === callId) next.delete(conversationId);
  calls.value = next;
  if (activeCallId.value === callId) {
    sounds.hangUp();
    endSession();
  }
}

export function receiveSignal(callId: string, from: number, signal: Parameters<CallSession['receive']>[1]): void {
  if (callId === activeCallId.value) session.value?.receive(from, signal);
}

/** A refusal arrived while this tab was starting or joining: say why and give up the microphone. */
export function refuseIfPending(message: string): void {
  if (!pending) return;
  callError.value = message;
  endSession();
}

/** A new connection: the server has forgotten this tab, and re-sends every call right after `hello`. */
export function resetCalls(): void {
  if (activeCallId.value !== null || pending) endSession();
  calls.value = new Map();
}

// ----- background: sounds and keep-alive while a call is on

export function startCallBackground(): () => void {
  const stops = [
    effect(() => {
      if (!incomingCall.value) return;
      return loop(sounds.ring, 3000);
    }),
    effect(() => {
      const call = activeCall.value;
      if (!call || call.state !== 'ringing' || call.startedBy !== me.value) return;
      return loop(sounds.ringBack, 4000);
    }),
    // The server takes a tab out of a call after 12 s without a frame; this keeps a quiet tab in.
    effect(() => {
      if (activeCallId.value === null) return;
      const timer = setInterval(() => sendCommand({ type: 'ping' }), 5000);
      return () => clearInterval(timer);
    }),
  ];
  return () => {
    for (const stop of stops) stop();
    resetCalls();
  };
}

/** Real figures for the tests and for support: each peer's connection state, packets and frames received. */
declare global {
  interface Window {
    minimostCall?: { figures(): Promise<PeerFigures[]>; callId(): string | null };
  }
}
if (typeof window !== 'undefined') {
  window.minimostCall = {
    figures: () => session.peek()?.figures() ?? Promise.resolve([]),
    callId: () => activeCallId.peek(),
  };
}
