import * as zlib from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeXorMappedAddress, encodeXorMappedAddress } from './address.js';
import { answerStunPacket, buildBindingSuccess } from './binding.js';
import {
  ATTRIBUTE,
  MAGIC_COOKIE,
  crc32,
  encodeStunMessage,
  longTermKey,
  parseStunMessage,
  verifyMessageIntegrity,
  type StunClass,
  type StunMessage,
} from './codec.js';

// The test vectors of RFC 5769 §2, byte for byte.
const hex = (text: string): Uint8Array => Uint8Array.from(Buffer.from(text.replace(/\s+/g, ''), 'hex'));

const SAMPLE_REQUEST = hex(`
  0001 0058 2112a442 b7e7a701 bc34d686 fa87dfae
  8022 0010 5354554e 20746573 7420636c 69656e74
  0024 0004 6e0001ff
  8029 0008 932ff9b1 51263b36
  0006 0009 6576746a 3a683676 59202020
  0008 0014 9aeaa70c bfd8cb56 781ef2b5 b2d3f249 c1b571a2
  8028 0004 e57a3bcf`);

const SAMPLE_IPV4_RESPONSE = hex(`
  0101 003c 2112a442 b7e7a701 bc34d686 fa87dfae
  8022 000b 74657374 20766563 746f7220
  0020 0008 0001a147 e112a643
  0008 0014 2b91f599 fd9e90c3 8c7489f9 2af9ba53 f06be7d7
  8028 0004 c07d4c96`);

const SAMPLE_IPV6_RESPONSE = hex(`
  0101 0048 2112a442 b7e7a701 bc34d686 fa87dfae
  8022 000b 74657374 20766563 746f7220
  0020 0014 0002a147 0113a9fa a5d3f179 bc25f4b5 bed2b9d9
  0008 0014 a382954e 4be67bf1 1784c97c 8292c275 bfe3ed41
  8028 0004 c8fb0b4c`);

const SAMPLE_LONG_TERM_REQUEST = hex(`
  0001 0060 2112a442 78ad3433 c6ad72c0 29da412e
  0006 0012 e3839ee3 8388e383 aae38383 e382afe3 82b90000
  0015 001c 662f2f34 39396b39 35346436 4f4c3334 6f4c3946 53547679 36347341
  0014 000b 6578616d 706c652e 6f726700
  0008 0014 f6702465 6dd64a3e 02b8e071 2e85c9a2 8ca89666`);

const SAMPLE_TRANSACTION_ID = hex('b7e7a701 bc34d686 fa87dfae');
const SHORT_TERM_PASSWORD = 'VOkJxbRl1RmTxUk/WvJxBt';
const TEST_VECTOR_PEER = { address: '192.0.2.1', port: 32853 };

function parsed(bytes: Uint8Array): StunMessage {
  const result = parseStunMessage(bytes);
  if (!result.ok) throw new Error(`expected a valid STUN message, got ${result.reason}`);
  return result.message;
}

function attribute(message: StunMessage, type: number): Uint8Array | undefined {
  return message.attributes.find((a) => a.type === type)?.value;
}

const text = (bytes: Uint8Array | undefined): string => new TextDecoder().decode(bytes);

describe('RFC 5769 §2.1 sample request', () => {
  it('parses into a Binding request with its attributes, padding stripped', () => {
    const message = parsed(SAMPLE_REQUEST);
    expect(message).toMatchObject({ method: 0x001, class: 'request', cookie: MAGIC_COOKIE });
    expect(message.transactionId).toEqual(SAMPLE_TRANSACTION_ID);
    expect(message.attributes.map((a) => a.type)).toEqual([0x8022, 0x0024, 0x8029, 0x0006, 0x0008, 0x8028]);
    expect(text(attribute(message, ATTRIBUTE.SOFTWARE))).toBe('STUN test client');
    expect(text(attribute(message, ATTRIBUTE.USERNAME))).toBe('evtj:h6vY');
  });

  it('has a valid FINGERPRINT, and any changed byte breaks it', () => {
    expect(parseStunMessage(SAMPLE_REQUEST).ok).toBe(true);
    const tampered = SAMPLE_REQUEST.slice();
    tampered.set([0x55], 30);
    expect(parseStunMessage(tampered)).toEqual({ ok: false, reason: 'fingerprint-mismatch' });
  });

  it('has a valid MESSAGE-INTEGRITY for the short-term password only', () => {
    expect(verifyMessageIntegrity(SAMPLE_REQUEST, SHORT_TERM_PASSWORD)).toBe(true);
    expect(verifyMessageIntegrity(SAMPLE_REQUEST, 'VOkJxbRl1RmTxUk/WvJxBT')).toBe(false);
  });

  it('gets 420 from our server, naming ICE\'s PRIORITY as the comprehension-required attribute it lacks', () => {
    const response = parsed(answerStunPacket(SAMPLE_REQUEST, TEST_VECTOR_PEER) ?? new Uint8Array());
    expect(response.class).toBe('error');
    expect(response.transactionId).toEqual(SAMPLE_TRANSACTION_ID);
    expect(attribute(response, ATTRIBUTE.ERROR_CODE)?.subarray(0, 4)).toEqual(hex('00000414'));
    expect(attribute(response, ATTRIBUTE.UNKNOWN_ATTRIBUTES)).toEqual(hex('0024'));
  });
});

describe('RFC 5769 §2.2 sample IPv4 response', () => {
  it('maps to 192.0.2.1 port 32853, with valid FINGERPRINT and MESSAGE-INTEGRITY', () => {
    const message = parsed(SAMPLE_IPV4_RESPONSE);
    expect(message.class).toBe('success');
    expect(text(attribute(message, ATTRIBUTE.SOFTWARE))).toBe('test vector');
    const value = attribute(message, ATTRIBUTE.XOR_MAPPED_ADDRESS) ?? new Uint8Array();
    expect(decodeXorMappedAddress(value, message.transactionId)).toEqual({ address: '192.0.2.1', port: 32853 });
    expect(verifyMessageIntegrity(SAMPLE_IPV4_RESPONSE, SHORT_TERM_PASSWORD)).toBe(true);
  });

  it('is what we encode for the same address and transaction', () => {
    const value = encodeXorMappedAddress({ address: '192.0.2.1', port: 32853 }, SAMPLE_TRANSACTION_ID);
    expect(value).toEqual(SAMPLE_IPV4_RESPONSE.slice(40, 48));
  });
});

describe('RFC 5769 §2.3 sample IPv6 response', () => {
  const mapped = { address: '2001:db8:1234:5678:11:2233:4455:6677', port: 32853 };

  it('maps to 2001:db8:1234:5678:11:2233:4455:6677 port 32853, with valid FINGERPRINT and MESSAGE-INTEGRITY', () => {
    const message = parsed(SAMPLE_IPV6_RESPONSE);
    const value = attribute(message, ATTRIBUTE.XOR_MAPPED_ADDRESS) ?? new Uint8Array();
    expect(decodeXorMappedAddress(value, message.transactionId)).toEqual(mapped);
    expect(verifyMessageIntegrity(SAMPLE_IPV6_RESPONSE, SHORT_TERM_PASSWORD)).toBe(true);
  });

  it('is what we encode for the same address and transaction', () => {
    expect(encodeXorMappedAddress(mapped, SAMPLE_TRANSACTION_ID)).toEqual(SAMPLE_IPV6_RESPONSE.slice(40, 60));
  });
});

describe('RFC 5769 §2.4 sample request with long-term authentication', () => {
  const username = '\u30DE\u30C8\u30EA\u30C3\u30AF\u30B9';

  it('parses USERNAME, NONCE and REALM', () => {
    const message = parsed(SAMPLE_LONG_TERM_REQUEST);
    expect(message.transactionId).toEqual(hex('78ad3433 c6ad72c0 29da412e'));
    expect(message.attributes.map((a) => a.type)).toEqual([0x0006, 0x0015, 0x0014, 0x0008]);
    expect(text(attribute(message, ATTRIBUTE.USERNAME))).toBe(username);
    expect(text(attribute(message, ATTRIBUTE.NONCE))).toBe('f//499k954d6OL34oL9FSTvy64sA');
    expect(text(attribute(message, ATTRIBUTE.REALM))).toBe('example.org');
  });

  it('has a valid MESSAGE-INTEGRITY under MD5(username ":" realm ":" SASLprep(password))', () => {
    // "The<U+00AD>M<U+00AA>tr<U+2168>" is "TheMatrIX" after SASLprep, as the RFC states.
    const key = longTermKey(username, 'example.org', 'TheMatrIX');
    expect(verifyMessageIntegrity(SAMPLE_LONG_TERM_REQUEST, key)).toBe(true);
    expect(verifyMessageIntegrity(SAMPLE_LONG_TERM_REQUEST, longTermKey(username, 'example.org', 'thematrix'))).toBe(
      false,
    );
  });

  it('is answered by our server, which authenticates nobody', () => {
    const response = parsed(answerStunPacket(SAMPLE_LONG_TERM_REQUEST, TEST_VECTOR_PEER) ?? new Uint8Array());
    expect(response.class).toBe('success');
    const value = attribute(response, ATTRIBUTE.XOR_MAPPED_ADDRESS) ?? new Uint8Array();
    expect(decodeXorMappedAddress(value, response.transactionId)).toEqual(TEST_VECTOR_PEER);
  });

  it('uses the key RFC 5389 §15.4 gives as its example', () => {
    expect(Buffer.from(longTermKey('user', 'realm', 'pass')).toString('hex')).toBe('8493fbc53ba582fb4c044c456bdc40eb');
  });
});

describe('CRC-32', () => {
  it('matches the standard check value and node:zlib', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => crc32(bytes) === zlib.crc32(bytes)),
      { numRuns: 500 },
    );
  });
});

describe('our own messages', () => {
  it('round-trip a success response through encode and parse (IPv4 and IPv6)', () => {
    for (const mapped of [
      { address: '203.0.113.7', port: 1 },
      { address: '::1', port: 65535 },
      { address: 'fe80::1:2', port: 3478 },
    ]) {
      const request = parsed(encodeStunMessage(requestWith(SAMPLE_TRANSACTION_ID)));
      const response = parsed(buildBindingSuccess(request, mapped));
      expect(response).toMatchObject({ method: 0x001, class: 'success', cookie: MAGIC_COOKIE });
      expect(response.transactionId).toEqual(SAMPLE_TRANSACTION_ID);
      expect(response.attributes.map((a) => a.type)).toEqual([0x0020, 0x8022, 0x8028]);
      const value = attribute(response, ATTRIBUTE.XOR_MAPPED_ADDRESS) ?? new Uint8Array();
      expect(decodeXorMappedAddress(value, response.transactionId)).toEqual(mapped);
    }
  });

  it('round-trip any method, class and attribute list, with padding', () => {
    const classes: StunClass[] = ['request', 'indication', 'success', 'error'];
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 0xfff }),
        fc.constantFrom(...classes),
        fc.uint8Array({ minLength: 12, maxLength: 12 }),
        fc.array(
          fc.record({ type: fc.integer({ min: 0, max: 0xffff }), value: fc.uint8Array({ maxLength: 23 }) }),
          { maxLength: 6 },
        ),
        (method, messageClass, transactionId, drafts) => {
          const attributes = drafts.filter((a) => a.type !== ATTRIBUTE.FINGERPRINT);
          const message = { method, class: messageClass, cookie: MAGIC_COOKIE, transactionId, attributes };
          const bytes = encodeStunMessage(message, { fingerprint: true });
          expect(bytes.length % 4).toBe(0);
          const back = parsed(bytes);
          expect({ ...back, attributes: back.attributes.slice(0, -1) }).toEqual(message);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('malformed input is a typed failure', () => {
  const valid = encodeStunMessage(requestWith(SAMPLE_TRANSACTION_ID, [{ type: 0x8001, value: hex('0102') }]));
  const withHeader = (edit: (view: DataView) => void, bytes = valid.slice()): Uint8Array => {
    edit(new DataView(bytes.buffer));
    return bytes;
  };
  const cases: [string, Uint8Array, string][] = [
    ['shorter than a header', valid.slice(0, 19), 'too-short'],
    ['first two bits set', withHeader((v) => v.setUint16(0, 0x4001)), 'not-stun'],
    ['length not a multiple of 4', withHeader((v) => v.setUint16(2, 6)), 'bad-length'],
    ['length beyond the datagram', withHeader((v) => v.setUint16(2, 12)), 'bad-length'],
    ['datagram beyond the length', Uint8Array.from([...valid, 0, 0, 0, 0]), 'bad-length'],
    ['wrong magic cookie', withHeader((v) => v.setUint32(4, 0x2112a443)), 'bad-cookie'],
    ['attribute longer than the message', withHeader((v) => v.setUint16(22, 5)), 'attribute-overrun'],
    [
      'FINGERPRINT not last',
      encodeStunMessage(
        requestWith(SAMPLE_TRANSACTION_ID, [
          { type: ATTRIBUTE.FINGERPRINT, value: hex('00000000') },
          { type: 0x8001, value: hex('00') },
        ]),
      ),
      'fingerprint-not-last',
    ],
    [
      'FINGERPRINT of another message',
      withHeader((v) => v.setUint8(30, 0xff), SAMPLE_REQUEST.slice()),
      'fingerprint-mismatch',
    ],
  ];

  it.each(cases)('%s', (_, bytes, reason) => {
    expect(parseStunMessage(bytes)).toEqual({ ok: false, reason });
  });

  it('accepts a missing magic cookie only when asked to, for RFC 3489 clients', () => {
    const legacy = withHeader((v) => v.setUint32(4, 0x01422034));
    expect(parseStunMessage(legacy, { acceptRfc3489: true })).toMatchObject({
      ok: true,
      message: { cookie: 0x01422034 },
    });
  });

  it('leaves a Buffer it is given untouched, and hands back plain copies', () => {
    const packet = Buffer.from(SAMPLE_REQUEST);
    expect(verifyMessageIntegrity(packet, SHORT_TERM_PASSWORD)).toBe(true);
    expect(packet.equals(SAMPLE_REQUEST)).toBe(true);
    const message = parsed(packet);
    expect(Buffer.isBuffer(message.transactionId)).toBe(false);
    expect(message.attributes.some((a) => Buffer.isBuffer(a.value))).toBe(false);
  });

  it('finds no MESSAGE-INTEGRITY where there is none or where the message is broken', () => {
    expect(verifyMessageIntegrity(valid, SHORT_TERM_PASSWORD)).toBe(false);
    expect(verifyMessageIntegrity(SAMPLE_REQUEST.slice(0, 60), SHORT_TERM_PASSWORD)).toBe(false);
  });
});

function requestWith(transactionId: Uint8Array, attributes: StunMessage['attributes'] = []): StunMessage {
  return { method: 0x001, class: 'request', cookie: MAGIC_COOKIE, transactionId, attributes };
}
