import { describe, expect, it } from 'vitest';
import { decodeMappedAddress, decodeXorMappedAddress, type TransportAddress } from './address.js';
import { SOFTWARE, answerStunPacket, buildBindingRequest } from './binding.js';
import {
  ATTRIBUTE,
  MAGIC_COOKIE,
  encodeStunMessage,
  parseStunMessage,
  type StunAttribute,
  type StunClass,
  type StunMessage,
} from './codec.js';

const ALICE: TransportAddress = { address: '198.51.100.23', port: 50123 };
const TRANSACTION_ID = Uint8Array.from({ length: 12 }, (_, i) => i + 1);
const bytes = (...values: number[]): Uint8Array => Uint8Array.from(values);

function answer(packet: Uint8Array, sender: TransportAddress = ALICE): StunMessage | null {
  const response = answerStunPacket(packet, sender);
  if (response === null) return null;
  const parsed = parseStunMessage(response, { acceptRfc3489: true });
  if (!parsed.ok) throw new Error(`server sent a malformed response: ${parsed.reason}`);
  return parsed.message;
}

function valueOf(message: StunMessage | null, type: number): Uint8Array | undefined {
  return message?.attributes.find((a) => a.type === type)?.value;
}

function mappedBy(response: StunMessage | null): TransportAddress | null {
  const value = valueOf(response, ATTRIBUTE.XOR_MAPPED_ADDRESS);
  return value && response ? decodeXorMappedAddress(value, response.transactionId) : null;
}

// An RFC 3489 request as Debian's `stun` sends it: no magic cookie, a 128-bit transaction id, CHANGE-REQUEST.
function legacyRequest(changeFlags: number): Uint8Array {
  const message: StunMessage = {
    method: 0x001,
    class: 'request',
    cookie: 0x01422034,
    transactionId: TRANSACTION_ID,
    attributes: [{ type: ATTRIBUTE.CHANGE_REQUEST, value: bytes(0, 0, 0, changeFlags) }],
  };
  return encodeStunMessage(message);
}

function message(messageClass: StunClass, method = 0x001, attributes: StunAttribute[] = []): Uint8Array {
  return encodeStunMessage(
    { method, class: messageClass, cookie: MAGIC_COOKIE, transactionId: TRANSACTION_ID, attributes },
    { fingerprint: true },
  );
}

describe('a Binding request', () => {
  it('is answered with the sender\'s IPv4 address in XOR-MAPPED-ADDRESS, SOFTWARE and FINGERPRINT', () => {
    const response = answer(buildBindingRequest(TRANSACTION_ID));
    expect(response).toMatchObject({ class: 'success', method: 0x001, cookie: MAGIC_COOKIE });
    expect(response?.transactionId).toEqual(TRANSACTION_ID);
    expect(mappedBy(response)).toEqual(ALICE);
    expect(new TextDecoder().decode(valueOf(response, ATTRIBUTE.SOFTWARE))).toBe(SOFTWARE);
    expect(response?.attributes.at(-1)?.type).toBe(ATTRIBUTE.FINGERPRINT);
  });

  it('is answered with an IPv6 sender\'s address, xor-ed with the transaction id', () => {
    const bob = { address: '2001:db8::8a2e:370:7334', port: 3478 };
    expect(mappedBy(answer(buildBindingRequest(TRANSACTION_ID), bob))).toEqual(bob);
  });

  it('from an IPv4 peer on a dual-stack socket reports the IPv4 address, without zone ids', () => {
    expect(mappedBy(answer(buildBindingRequest(), { address: '::ffff:127.0.0.1', port: 9 }))).toEqual({
      address: '127.0.0.1',
      port: 9,
    });
    expect(mappedBy(answer(buildBindingRequest(), { address: 'fe80::1%lo', port: 9 }))).toEqual({
      address: 'fe80::1',
      port: 9,
    });
  });

  it('without FINGERPRINT is answered too: it is optional', () => {
    const plain = encodeStunMessage({
      method: 0x001,
      class: 'request',
      cookie: MAGIC_COOKIE,
      transactionId: TRANSACTION_ID,
      attributes: [],
    });
    expect(mappedBy(answer(plain))).toEqual(ALICE);
  });

  it('ignores unknown comprehension-optional attributes and known credential attributes', () => {
    const request = message('request', 0x001, [
      { type: 0x8029, value: new Uint8Array(8) },
      { type: ATTRIBUTE.USERNAME, value: new TextEncoder().encode('alice') },
      { type: ATTRIBUTE.MESSAGE_INTEGRITY, value: new Uint8Array(20) },
    ]);
    expect(mappedBy(answer(request))).toEqual(ALICE);
  });

  it('with unknown comprehension-required attributes gets 420 listing each of them once', () => {
    const request = message('request', 0x001, [
      { type: 0x0024, value: new Uint8Array(4) },
      { type: 0x7fff, value: new Uint8Array(1) },
      { type: 0x0024, value: new Uint8Array(4) },
    ]);
    const response = answer(request);
    expect(response).toMatchObject({ class: 'error', method: 0x001 });
    expect(valueOf(response, ATTRIBUTE.ERROR_CODE)).toEqual(
      Uint8Array.from([0, 0, 4, 20, ...new TextEncoder().encode('Unknown Attribute')]),
    );
    expect(valueOf(response, ATTRIBUTE.UNKNOWN_ATTRIBUTES)).toEqual(bytes(0x00, 0x24, 0x7f, 0xff));
  });

  it('does not count attributes after MESSAGE-INTEGRITY, which RFC 5389 says to ignore', () => {
    const request = message('request', 0x001, [
      { type: ATTRIBUTE.MESSAGE_INTEGRITY, value: new Uint8Array(20) },
      { type: 0x0024, value: new Uint8Array(4) },
    ]);
    expect(mappedBy(answer(request))).toEqual(ALICE);
  });

  it('asking for a changed address gets 420: this server has a single address', () => {
    const request = message('request', 0x001, [{ type: ATTRIBUTE.CHANGE_REQUEST, value: bytes(0, 0, 0, 0) }]);
    expect(valueOf(answer(request), ATTRIBUTE.UNKNOWN_ATTRIBUTES)).toEqual(bytes(0x00, 0x03));
  });
});

describe('an RFC 3489 Binding request (no magic cookie)', () => {
  it('gets MAPPED-ADDRESS and its own cookie field back', () => {
    const response = answer(legacyRequest(0));
    expect(response).toMatchObject({ class: 'success', cookie: 0x01422034 });
    expect(response?.transactionId).toEqual(TRANSACTION_ID);
    expect(valueOf(response, ATTRIBUTE.XOR_MAPPED_ADDRESS)).toBeUndefined();
    expect(decodeMappedAddress(valueOf(response, ATTRIBUTE.MAPPED_ADDRESS) ?? bytes())).toEqual(ALICE);
  });

  it('asking for a change of address or port gets 420 in the RFC 3489 layout', () => {
    for (const flags of [0x02, 0x04, 0x06]) {
      const response = answer(legacyRequest(flags));
      expect(response).toMatchObject({ class: 'error', cookie: 0x01422034 });
      expect(valueOf(response, ATTRIBUTE.ERROR_CODE)?.length).toBe(24);
      expect(valueOf(response, ATTRIBUTE.UNKNOWN_ATTRIBUTES)).toEqual(bytes(0x00, 0x03, 0x00, 0x03));
    }
  });
});

describe('no answer', () => {
  const cases: [string, Uint8Array][] = [
    ['an indication', message('indication')],
    ['a success response', message('success')],
    ['an error response', message('error')],
    ['a request of another method (TURN Allocate)', message('request', 0x003)],
    [
      'a request with a wrong FINGERPRINT',
      buildBindingRequest(TRANSACTION_ID).map((b, i, all) => (i === all.length - 1 ? b ^ 1 : b)),
    ],
    ['an empty datagram', bytes()],
    ['a DNS query for "example"', bytes(0x12, 0x34, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 7, ...Buffer.from('example'), 0)],
  ];

  it.each(cases)('to %s', (_, packet) => {
    expect(answerStunPacket(packet, ALICE)).toBeNull();
  });

  it('when the sender address is not an IP address', () => {
    expect(answerStunPacket(buildBindingRequest(), { address: 'localhost', port: 1 })).toBeNull();
  });
});
