// This tab's part in one call: the microphone (and camera), one Peer per other participant (full mesh), the remote
// audio, voice-activity detection on every stream, and the figures tests and the panel read. Everything here is
// browser media; what the call *is* (who is in it) comes from the server through state.ts.
import { signal } from '@preact/signals';
import type { CallParticipant } from '../../../shared/protocol/calls.js';
import { Peer, type SignalOut } from './peer.js';

export interface RemoteView {
  userId: number;
  connection: RTCPeerConnectionState;
  /** The stream with their microphone and camera. */
  stream: MediaStream | null;
  /** Every stream they send, by id: the screen is the one their `media.screenStreamId` names. */
  streams: ReadonlyMap<string, MediaStream>;
}

export interface PeerFigures {
  userId: number;
  connectionState: RTCPeerConnectionState;
  /** From this side's first sight of the peer to `connected`, in ms; null until connected. */
  connectMs: number | null;
  audioPacketsReceived: number;
  audioBytesReceived: number;
  framesDecoded: number;
  frameWidth: number;
}

/** RMS of the time-domain signal above which someone counts as speaking. */
const SPEAKING_RMS = 0.015;
/** Speaking stays lit this long after the voice drops, so the ring does not flicker between words. */
const SPEAKING_HOLD_MS = 400;
const METER_MS = 100;
/** The server closes a socket sending more than 30 frames a second; signals keep well under it. */
const SIGNALS_PER_SECOND = 18;

export class CallSession {
  readonly remotes = signal<ReadonlyMap<number, RemoteView>>(new Map());
  readonly speaking = signal<ReadonlySet<number>>(new Set());
  readonly micLevel = signal(0);
  readonly muted = signal(false);
  readonly camera = signal(false);
  /** No microphone (none, or permission refused): this tab only listens. */
  readonly listenOnly = signal(false);
  readonly localStream: MediaStream;
  readonly screenStream = signal<MediaStream | null>(null);
  /** Called when the browser's own "Stop sharing" ended the share. */
  onScreenEnded: () => void = () => undefined;

  private readonly peers = new Map<number, Peer>();
  private readonly audioElements = new Map<number, HTMLAudioElement>();
  private readonly analysers = new Map<number, { analyser: AnalyserNode; source: MediaStreamAudioSourceNode; lastLoud: number }>();
  private readonly audioContext: AudioContext | null;
  private readonly meter: ReturnType<typeof setInterval>;
  private readonly outbox: { to: number; signal: SignalOut }[] = [];
  private sentThisSecond = 0;
  private readonly pacer: ReturnType<typeof setInterval>;
  private closed = false;

  private constructor(
    private readonly me: number,
    private readonly iceServers: RTCIceServer[],
    private readonly sendSignal: (to: number, signal: SignalOut) => boolean,
    microphone: MediaStream | null,
  ) {
    this.localStream = microphone ?? new MediaStream();
    this.listenOnly.value = microphone === null;
    this.audioContext = typeof AudioContext === 'undefined' ? null : new AudioContext();
    if (microphone) this.listen(me, microphone);
    this.meter = setInterval(() => this.measure(), METER_MS);
    this.pacer = setInterval(() => {
      this.sentThisSecond = 0;
      this.flush();
    }, 1000);
  }

  /** Asks for the microphone first, so the first offer already carries audio; without one the call is listen-only. */
  static async open(input: { me: number; iceServers: RTCIceServer[]; sendSignal: (to: number, signal: SignalOut) => boolean }): Promise<CallSession> {
    let microphone: MediaStream | null = null;
    try {
      microphone = await navigator.mediaDevices.getUserMedia({ audio: { echoCancellation: true, noiseSuppression: true } });
    } catch {
      microphone = null;
    }
    return new CallSession(input.me, input.iceServers, input.sendSignal, microphone);
  }

  /** Matches the mesh to the call: a peer for every other joined participant, none for anyone else. */
  sync(participants: readonly CallParticipant[]): void {
    if (this.closed) return;
    const joined = new Set(participants.filter((p) => p.state === 'joined' && p.userId !== this.me).map((p) => p.userId));
    for (const userId of joined) this.peerFor(userId);
    for (const userId of [...this.peers.keys()]) if (!joined.has(userId)) this.dropPeer(userId);
  }

  receive(from: number, signal: SignalOut): void {
    if (this.closed) return;
    this.peerFor(from).receive(signal);
  }

  setMuted(muted: boolean): void {
    for (const track of this.localStream.getAudioTracks()) track.enabled = !muted;
    this.muted.value = muted;
  }

  async setCamera(on: boolean): Promise<void> {
    if (on === this.camera.value) return;
    if (on) {
      const video = await navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 480 } });
      const [track] = video.getVideoTracks();
      if (!track || this.closed) return;
      this.localStream.addTrack(track);
      for (const peer of this.peers.values()) peer.pc.addTrack(track, this.localStream);
    } else {
      for (const track of this.localStream.getVideoTracks()) {
        for (const peer of this.peers.values()) {
          const sender = peer.pc.getSenders().find((s) => s.track === track);
          if (sender) peer.pc.removeTrack(sender);
        }
        track.stop();
        this.localStream.removeTrack(track);
      }
    }
    this.camera.value = on;
  }

  /** The screen goes to every peer as an extra video track in its own stream (renegotiated like the camera). */
  async setScreen(on: boolean): Promise<void> {
    const held = this.screenStream.value;
    if (on && !held) {
      const screen = await navigator.mediaDevices.getDisplayMedia({ video: true, audio: false });
      const [track] = screen.getVideoTracks();
      if (!track || this.closed) {
        for (const t of screen.getTracks()) t.stop();
        return;
      }
      track.onended = () => {
        void this.setScreen(false).then(() => this.onScreenEnded());
      };
      for (const peer of this.peers.values()) peer.pc.addTrack(track, screen);
      this.screenStream.value = screen;
    } else if (!on && held) {
      for (const track of held.getTracks()) {
        for (const peer of this.peers.values()) {
          const sender = peer.pc.getSenders().find((s) => s.track === track);
          if (sender) peer.pc.removeTrack(sender);
        }
        track.onended = null;
        track.stop();
      }
      this.screenStream.value = null;
    }
  }

  async figures(): Promise<PeerFigures[]> {
    const all: PeerFigures[] = [];
    for (const peer of this.peers.values()) {
      const figures: PeerFigures = {
        userId: peer.userId,
        connectionState: peer.pc.connectionState,
        connectMs: peer.connectedAt === null ? null : Math.round(peer.connectedAt - peer.startedAt),
        audioPacketsReceived: 0,
        audioBytesReceived: 0,
        framesDecoded: 0,
        frameWidth: 0,
      };
      const report = await peer.pc.getStats();
      report.forEach((stat: { type: string; kind?: string; packetsReceived?: number; bytesReceived?: number; framesDecoded?: number; frameWidth?: number }) => {
        if (stat.type !== 'inbound-rtp') return;
        if (stat.kind === 'audio') {
          figures.audioPacketsReceived += stat.packetsReceived ?? 0;
          figures.audioBytesReceived += stat.bytesReceived ?? 0;
        } else if (stat.kind === 'video') {
          figures.framesDecoded += stat.framesDecoded ?? 0;
          figures.frameWidth = Math.max(figures.frameWidth, stat.frameWidth ?? 0);
        }
      });
      all.push(figures);
    }
    return all;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.meter);
    clearInterval(this.pacer);
    for (const userId of [...this.peers.keys()]) this.dropPeer(userId);
    for (const track of this.localStream.getTracks()) track.stop();
    for (const track of this.screenStream.value?.getTracks() ?? []) track.stop();
    this.screenStream.value = null;
    for (const { source } of this.analysers.values()) source.disconnect();
    this.analysers.clear();
    void this.audioContext?.close();
    this.remotes.value = new Map();
    this.speaking.value = new Set();
  }

  private peerFor(userId: number): Peer {
    const held = this.peers.get(userId);
    if (held) return held;
    // A fixed rule both sides compute alike: the higher user id is the polite one.
    const peer = new Peer(userId, this.me > userId, this.iceServers, {
      send: (signal) => this.queueSignal(userId, signal),
      track: (event) => this.onTrack(userId, event),
      stateChanged: () => this.updateRemote(userId, (view) => ({ ...view, connection: peer.pc.connectionState })),
    });
    this.peers.set(userId, peer);
    for (const track of this.localStream.getTracks()) peer.pc.addTrack(track, this.localStream);
    const screen = this.screenStream.value;
    for (const track of screen?.getVideoTracks() ?? []) peer.pc.addTrack(track, screen as MediaStream);
    // Listen-only: ask for the others' audio anyway, so there is something to negotiate from this side too.
    if (this.localStream.getAudioTracks().length === 0) peer.pc.addTransceiver('audio', { direction: 'recvonly' });
    this.updateRemote(userId, () => ({ userId, connection: peer.pc.connectionState, stream: null, streams: new Map() }));
    return peer;
  }

  private dropPeer(userId: number): void {
    this.peers.get(userId)?.close();
    this.peers.delete(userId);
    const element = this.audioElements.get(userId);
    if (element) {
      element.pause();
      element.srcObject = null;
    }
    this.audioElements.delete(userId);
    this.analysers.get(userId)?.source.disconnect();
    this.analysers.delete(userId);
    const next = new Map(this.remotes.value);
    next.delete(userId);
    this.remotes.value = next;
  }

  private onTrack(userId: number, event: RTCTrackEvent): void {
    const stream = event.streams[0] ?? new MediaStream([event.track]);
    if (event.track.kind === 'audio') {
      // Played through an element (Chrome only feeds remote WebRTC audio to Web Audio while an element plays it).
      let element = this.audioElements.get(userId);
      if (!element) {
        element = new Audio();
        element.autoplay = true;
        this.audioElements.set(userId, element);
      }
      element.srcObject = stream;
      void element.play().catch(() => undefined);
      this.listen(userId, stream);
    }
    this.updateRemote(userId, (view) => {
      const streams = new Map(view.streams).set(stream.id, stream);
      // The microphone's stream is the main one; a video-only stream arriving later may be a camera or a screen.
      const main = event.track.kind === 'audio' || view.stream === null ? stream : view.stream;
      return { ...view, stream: main, streams };
    });
    // A track added or removed later (camera, screen) changes what the tile shows.
    stream.onaddtrack = stream.onremovetrack = () => this.updateRemote(userId, (view) => ({ ...view, streams: new Map(view.streams) }));
  }

  private updateRemote(userId: number, change: (view: RemoteView) => RemoteView): void {
    const next = new Map(this.remotes.value);
    next.set(userId, change(next.get(userId) ?? { userId, connection: 'new', stream: null, streams: new Map() }));
    this.remotes.value = next;
  }

  private listen(userId: number, stream: MediaStream): void {
    if (!this.audioContext || stream.getAudioTracks().length === 0) return;
    this.analysers.get(userId)?.source.disconnect();
    const source = this.audioContext.createMediaStreamSource(stream);
    const analyser = this.audioContext.createAnalyser();
    analyser.fftSize = 512;
    source.connect(analyser);
    this.analysers.set(userId, { analyser, source, lastLoud: 0 });
  }

  private measure(): void {
    const now = performance.now();
    const speaking = new Set<number>();
    const samples = new Float32Array(512);
    for (const [userId, entry] of this.analysers) {
      entry.analyser.getFloatTimeDomainData(samples);
      let sum = 0;
      for (const sample of samples) sum += sample * sample;
      const rms = Math.sqrt(sum / samples.length);
      const quiet = userId === this.me && this.muted.value;
      if (userId === this.me) this.micLevel.value = quiet ? 0 : Math.min(1, rms * 8);
      if (rms > SPEAKING_RMS && !quiet) entry.lastLoud = now;
      if (now - entry.lastLoud < SPEAKING_HOLD_MS) speaking.add(userId);
    }
    const held = this.speaking.value;
    if (held.size !== speaking.size || [...speaking].some((id) => !held.has(id))) this.speaking.value = speaking;
  }

  private queueSignal(to: number, signal: SignalOut): void {
    this.outbox.push({ to, signal });
    this.flush();
  }

  private flush(): void {
    while (this.outbox.length > 0 && this.sentThisSecond < SIGNALS_PER_SECOND) {
      const next = this.outbox.shift();
      if (!next) break;
      this.sentThisSecond++;
      this.sendSignal(next.to, next.signal);
    }
  }
}
