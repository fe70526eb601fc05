/**
 * One server event as it leaves: the JSON text, and (built on first use, then shared by every recipient) the complete
 * unmasked WebSocket text frame, header and payload in one Buffer. Writing that one Buffer costs a socket a single
 * `write`, where ws frames each send itself (a header per socket, then cork + a two-buffer writev).
 */
export class OutgoingFrame {
  private framed: Buffer | null = null;

  constructor(readonly payload: Buffer) {}

  static of(text: string): OutgoingFrame {
    return new OutgoingFrame(Buffer.from(text));
  }

  /** RFC 6455 §5.2: FIN + text opcode, no mask (server to client), 7-bit, 16-bit or 64-bit payload length. */
  get wire(): Buffer {
    if (this.framed) return this.framed;
    const length = this.payload.length;
    const headerLength = length < 126 ? 2 : length < 65_536 ? 4 : 10;
    const frame = Buffer.allocUnsafe(headerLength + length);
    frame[0] = 0x81;
    if (length < 126) {
      frame[1] = length;
    } else if (length < 65_536) {
      frame[1] = 126;
      frame.writeUInt16BE(length, 2);
    } else {
      frame[1] = 127;
      frame.writeUInt32BE(Math.floor(length / 2 ** 32), 2);
      frame.writeUInt32BE(length >>> 0, 6);
    }
    this.payload.copy(frame, headerLength);
    this.framed = frame;
    return frame;
  }
}
