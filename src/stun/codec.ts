// STUN wire format (RFC 5389, kept by RFC 8489): header, TLV attributes, FINGERPRINT and MESSAGE-INTEGRITY.
// Pure functions over bytes. Everything a peer sends is hostile: parsing returns a typed failure, never throws.

import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export const MAGIC_COOKIE = 0x2112a442;
export const HEADER_LENGTH = 20;
export const METHOD_BINDING = 0x001;

export const ATTRIBUTE = {
  MAPPED_ADDRESS: 0x0001,
  CHANGE_REQUEST: 0x0003,
  USERNAME: 0x0006,
  MESSAGE_INTEGRITY: 0x0008,
  ERROR_CODE: 0x0009,
  UNKNOWN_ATTRIBUTES: 0x000a,
  REALM: 0x0014,
  NONCE: 0x0015,
  XOR_MAPPED_ADDRESS: 0x0020,
  SOFTWARE: 0x8022,
  ALTERNATE_SERVER: 0x8023,
  FINGERPRINT: 0x8028,
} as const;

export type StunClass = 'request' | 'indication' | 'success' | 'error';

export interface StunAttribute {
  type: number;
  value: Uint8Array;
}

export interface StunMessage {
  method: number;
  class: StunClass;
  // MAGIC_COOKIE, or for an RFC 3489 peer the first 32 bits of its 128-bit transaction id, echoed back as is.
  cookie: number;
  transactionId: Uint8Array;
  attributes: StunAttribute[];
}

export type ParseFailure =
  | 'too-short'
  | 'not-stun'
  | 'bad-length'
  | 'bad-cookie'
  | 'attribute-overrun'
  | 'fingerprint-not-last'
  | 'fingerprint-mismatch';

export type ParseResult = { ok: true; message: StunMessage } | { ok: false; reason: ParseFailure };

export interface ParseOptions {
  // Accept messages without the magic cookie, as RFC 3489 clients send them (see RFC 5389 §12.2).
  acceptRfc3489?: boolean;
}

const CLASSES: readonly StunClass[] = ['request', 'indication', 'success', 'error'];
const FINGERPRINT_XOR = 0x5354554e;
const INTEGRITY_LENGTH = 20;

export function isRfc3489(message: StunMessage): boolean {
  return message.cookie !== MAGIC_COOKIE;
}

export function parseStunMessage(bytes: Uint8Array, options: ParseOptions = {}): ParseResult {
  if (bytes.length < HEADER_LENGTH) return { ok: false, reason: 'too-short' };
  const view = viewOf(bytes);
  const type = view.getUint16(0);
  // RFC 5389 §6: "The most significant 2 bits of every STUN message MUST be zeroes."
  if (type & 0xc000) return { ok: false, reason: 'not-stun' };
  const length = view.getUint16(2);
  // RFC 5389 §6: "Since all STUN attributes are padded to a multiple of 4 bytes, the last 2 bits of this field are
  // always zero." A UDP datagram carries exactly one message, so the length must also account for every byte.
  if (length % 4 !== 0 || HEADER_LENGTH + length !== bytes.length) return { ok: false, reason: 'bad-length' };
  const cookie = view.getUint32(4);
  if (cookie !== MAGIC_COOKIE && options.acceptRfc3489 !== true) return { ok: false, reason: 'bad-cookie' };

  const attributes: StunAttribute[] = [];
  for (const field of walkAttributes(bytes)) {
    if (field === 'overrun') return { ok: false, reason: 'attribute-overrun' };
    attributes.push({ type: field.type, value: copyOf(bytes, field.valueOffset, field.end) });
    if (field.type !== ATTRIBUTE.FINGERPRINT) continue;
    // RFC 5389 §15.5: "When present, the FINGERPRINT attribute MUST be the last attribute in the message".
    if (field.next !== bytes.length) return { ok: false, reason: 'fingerprint-not-last' };
    const expected = fingerprintOf(bytes.subarray(0, field.offset));
    if (field.length !== 4 || view.getUint32(field.valueOffset) !== expected) {
      return { ok: false, reason: 'fingerprint-mismatch' };
    }
  }

  // Method bits are interleaved with the two class bits C1 (0x0100) and C0 (0x0010): RFC 5389 §6, Figure 3.
  const method = (type & 0x000f) | ((type & 0x00e0) >> 1) | ((type & 0x3e00) >> 2);
  const messageClass = CLASSES[((type & 0x0100) >> 7) | ((type & 0x0010) >> 4)] ?? 'request';
  return {
    ok: true,
    message: { method, class: messageClass, cookie, transactionId: copyOf(bytes, 8, 20), attributes },
  };
}

export interface EncodeOptions {
  fingerprint?: boolean;
}

export function encodeStunMessage(message: StunMessage, options: EncodeOptions = {}): Uint8Array {
  const bodyLength = message.attributes.reduce((sum, attribute) => sum + 4 + padded(attribute.value.length), 0);
  const total = HEADER_LENGTH + bodyLength + (options.fingerprint === true ? 8 : 0);
  if (total - HEADER_LENGTH > 0xffff) throw new RangeError('STUN message too long');
  const bytes = new Uint8Array(total);
  const view = viewOf(bytes);
  view.setUint16(0, messageType(message.method, message.class));
  view.setUint16(2, total - HEADER_LENGTH);
  view.setUint32(4, message.cookie);
  bytes.set(message.transactionId.subarray(0, 12), 8);
  let offset = HEADER_LENGTH;
  for (const attribute of message.attributes) {
    view.setUint16(offset, attribute.type);
    view.setUint16(offset + 2, attribute.value.length);
    bytes.set(attribute.value, offset + 4);
    offset += 4 + padded(attribute.value.length);
  }
  if (options.fingerprint === true) {
    // RFC 5389 §15.5: "the CRC used in the FINGERPRINT attribute covers the length field from the STUN message
    // header. Therefore, this value must be correct and include the CRC attribute as part of the message length".
    view.setUint16(offset, ATTRIBUTE.FINGERPRINT);
    view.setUint16(offset + 2, 4);
    view.setUint32(offset + 4, fingerprintOf(bytes.subarray(0, offset)));
  }
  return bytes;
}

// Checks the first MESSAGE-INTEGRITY attribute of a message with the HMAC key: the password itself for short-term
// credentials, longTermKey(...) for long-term ones. False for anything unparsable or without the attribute.
export function verifyMessageIntegrity(bytes: Uint8Array, key: Uint8Array | string): boolean {
  if (!parseStunMessage(bytes).ok) return false;
  for (const field of walkAttributes(bytes)) {
    if (field === 'overrun') return false;
    if (field.type !== ATTRIBUTE.MESSAGE_INTEGRITY) continue;
    if (field.length !== INTEGRITY_LENGTH) return false;
    // RFC 5389 §15.4: "when validating the MESSAGE-INTEGRITY, the length field should be adjusted to point to the
    // end of the MESSAGE-INTEGRITY attribute prior to calculating the HMAC."
    const signed = copyOf(bytes, 0, field.offset);
    viewOf(signed).setUint16(2, field.end - HEADER_LENGTH);
    const expected = createHmac('sha1', key).update(signed).digest();
    return timingSafeEqual(expected, bytes.subarray(field.valueOffset, field.end));
  }
  return false;
}

// RFC 5389 §15.4: "key = MD5(username ":" realm ":" SASLprep(password))". SASLprep is the caller's job.
export function longTermKey(username: string, realm: string, password: string): Uint8Array {
  return createHash('md5').update(`${username}:${realm}:${password}`, 'utf8').digest();
}

// RFC 5389 §15.5: "The value of the attribute is computed as the CRC-32 of the STUN message up to (but excluding)
// the FINGERPRINT attribute itself, XOR'ed with the 32-bit value 0x5354554e".
export function fingerprintOf(bytesBeforeFingerprint: Uint8Array): number {
  return (crc32(bytesBeforeFingerprint) ^ FINGERPRINT_XOR) >>> 0;
}

// CRC-32 of ITU V.42 (the zip/PNG one). node:zlib only has crc32 from Node 20.15, and package.json allows any 20.
const CRC_TABLE = Uint32Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

export function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (CRC_TABLE[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

interface AttributeField {
  type: number;
  offset: number;
  valueOffset: number;
  length: number;
  end: number;
  next: number;
}

// Attribute boundaries of a message whose header length already matches the buffer.
function* walkAttributes(bytes: Uint8Array): Generator<AttributeField | 'overrun'> {
  const view = viewOf(bytes);
  for (let offset = HEADER_LENGTH; offset < bytes.length; ) {
    if (offset + 4 > bytes.length) {
      yield 'overrun';
      return;
    }
    const type = view.getUint16(offset);
    const length = view.getUint16(offset + 2);
    // RFC 5389 §15: "The value in the length field MUST contain the length of the Value part of the attribute,
    // prior to padding". The padding still has to fit inside the message.
    const end = offset + 4 + length;
    const next = offset + 4 + padded(length);
    if (next > bytes.length) {
      yield 'overrun';
      return;
    }
    yield { type, offset, valueOffset: offset + 4, length, end, next };
    offset = next;
  }
}

function messageType(method: number, messageClass: StunClass): number {
  const c = CLASSES.indexOf(messageClass);
  return (method & 0x000f) | ((method & 0x0070) << 1) | ((method & 0x0f80) << 2) | ((c & 1) << 4) | ((c & 2) << 7);
}

function padded(length: number): number {
  return (length + 3) & ~3;
}

// A copy, and a plain Uint8Array even when given a Buffer, whose slice() would share the caller's memory.
function copyOf(bytes: Uint8Array, start: number, end: number): Uint8Array {
  return new Uint8Array(bytes.subarray(start, end));
}

function viewOf(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
