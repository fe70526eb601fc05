// One RTCPeerConnection to one other participant, using the "perfect negotiation" pattern
// (https://w3c.github.io/webrtc-pc/#perfect-negotiation-example): either side may offer at any time; when offers
// collide the impolite side ignores the other's and the polite side rolls its own back, so simultaneous offers,
// rejoins and renegotiation (camera, screen) never wedge the connection.

export interface SignalOut {
  description?: { type: 'offer' | 'answer'; sdp: string };
  candidate?: RTCIceCandidateInit | null;
}

export interface PeerEvents {
  send(signal: SignalOut): void;
  track(event: RTCTrackEvent): void;
  stateChanged(): void;
}

export class Peer {
  readonly pc: RTCPeerConnection;
  private makingOffer = false;
  private ignoreOffer = false;
  /** Signals are applied one at a time, in the order they came. */
  private queue: Promise<void> = Promise.resolve();
  /** When this side first saw the connection attempt, for the time-to-connected figure. */
  readonly startedAt = performance.now();
  connectedAt: number | null = null;

  constructor(
    readonly userId: number,
    private readonly polite: boolean,
    iceServers: RTCIceServer[],
    private readonly events: PeerEvents,
  ) {
    this.pc = new RTCPeerConnection({ iceServers });
    this.pc.onnegotiationneeded = async () => {
      // The polite side lets the other make the first offer, so two people meeting rarely collide at all (a
      // rolled-back first offer sometimes left Chromium without candidates for its answer). It still negotiates
      // afterwards (its own tracks, camera, screen): the event fires again once the first exchange is stable.
      if (this.polite && this.pc.remoteDescription === null) return;
      try {
        this.makingOffer = true;
        await this.pc.setLocalDescription();
        this.sendDescription();
      } catch (error) {
        console.warn('MiniMost: making an offer failed', error);
      } finally {
        this.makingOffer = false;
      }
    };
    this.pc.onicecandidate = ({ candidate }) => this.events.send({ candidate: candidate ? candidate.toJSON() : null });
    this.pc.ontrack = (event) => this.events.track(event);
    this.pc.onconnectionstatechange = () => {
      if (this.pc.connectionState === 'connected' && this.connectedAt === null) this.connectedAt = performance.now();
      if (this.pc.connectionState === 'failed') this.pc.restartIce();
      this.events.stateChanged();
    };
  }

  receive(signal: SignalOut): void {
    this.queue = this.queue.then(() => this.apply(signal)).catch((error: unknown) => console.warn('MiniMost: a call signal failed', error));
  }

  close(): void {
    this.pc.onnegotiationneeded = null;
    this.pc.onicecandidate = null;
    this.pc.ontrack = null;
    this.pc.onconnectionstatechange = null;
    this.pc.close();
  }

  private sendDescription(): void {
    const description = this.pc.localDescription;
    if (description && (description.type === 'offer' || description.type === 'answer')) {
      this.events.send({ description: { type: description.type, sdp: description.sdp } });
    }
  }

  private async apply({ description, candidate }: SignalOut): Promise<void> {
    if (description) {
      const collision = description.type === 'offer' && (this.makingOffer || this.pc.signalingState !== 'stable');
      this.ignoreOffer = !this.polite && collision;
      if (this.ignoreOffer) return;
      await this.pc.setRemoteDescription(description);
      if (description.type === 'offer') {
        await this.pc.setLocalDescription();
        this.sendDescription();
      }
    } else if (candidate !== undefined) {
      try {
        await this.pc.addIceCandidate(candidate ?? undefined);
      } catch (error) {
        if (!this.ignoreOffer) throw error;
      }
    }
  }
}
