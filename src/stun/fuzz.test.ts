// Hostile input: whatever bytes arrive, the server neither throws nor answers anything but a well-formed Binding
// request, and what it does answer is itself well formed and echoes the transaction.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TransportAddress } from './address.js';
import { answerStunPacket, buildBindingRequest } from './binding.js';
import {
  ATTRIBUTE,
  MAGIC_COOKIE,
  encodeStunMessage,
  parseStunMessage,
  verifyMessageIntegrity,
  type StunClass,
} from './codec.js';

const RUNS = { numRuns: 2000 };
const SENDER: TransportAddress = { address: '127.0.0.1', port: 40000 };

function isBindingRequest(packet: Uint8Array): boolean {
  const parsed = parseStunMessage(packet, { acceptRfc3489: true });
  return parsed.ok && parsed.message.class === 'request' && parsed.message.method === 0x001;
}

// The oracle every property below shares: an answer exactly for well-formed Binding requests, and a valid one.
function checkAnswer(packet: Uint8Array): Uint8Array | null {
  const response = answerStunPacket(packet, SENDER);
  expect(response !== null).toBe(isBindingRequest(packet));
  if (response !== null) {
    const parsed = parseStunMessage(response, { acceptRfc3489: true });
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(Array.from(parsed.message.transactionId)).toEqual(Array.from(packet.subarray(8, 20)));
  }
  return response;
}

const attributeArb = fc.record({
  type: fc.oneof(
    fc.constantFrom(0x0001, 0x0003, 0x0006, 0x0008, 0x0009, 0x000a, 0x0014, 0x0015, 0x0020, 0x0024, 0x8022, 0x8028),
    fc.integer({ min: 0, max: 0xffff }),
  ),
  value: fc.uint8Array({ maxLength: 32 }),
});

// Messages that get past the header checks often, so the attribute walk and the policy get exercised too.
const stunShapedArb = fc
  .record({
    method: fc.oneof(fc.constantFrom(0x001, 0x003), fc.integer({ min: 0, max: 0xfff })),
    class: fc.constantFrom<StunClass>('request', 'request', 'indication', 'success', 'error'),
    cookie: fc.oneof(fc.constant(MAGIC_COOKIE), fc.integer({ min: 0, max: 0xffffffff })),
    transactionId: fc.uint8Array({ minLength: 12, maxLength: 12 }),
    attributes: fc.array(attributeArb, { maxLength: 8 }),
    fingerprint: fc.boolean(),
  })
  .map(({ fingerprint, ...message }) => encodeStunMessage(message, { fingerprint }));

const validRequestArb = fc
  .tuple(fc.uint8Array({ minLength: 12, maxLength: 12 }), fc.array(attributeArb, { maxLength: 4 }))
  .map(([transactionId, attributes]) =>
    buildBindingRequest(transactionId, attributes.filter((a) => a.type !== ATTRIBUTE.FINGERPRINT)),
  );

describe('fuzzing the STUN server with fast-check', () => {
  it('random datagrams never throw and are answered only when they are Binding requests', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 1600 }), (packet) => {
        checkAnswer(packet);
        expect(() => verifyMessageIntegrity(packet, 'key')).not.toThrow();
      }),
      RUNS,
    );
  });

  it('random STUN-shaped datagrams never throw and follow the same rule', () => {
    fc.assert(
      fc.property(stunShapedArb, (packet) => {
        checkAnswer(packet);
        expect(() => verifyMessageIntegrity(packet, 'key')).not.toThrow();
      }),
      RUNS,
    );
  });

  it('a single flipped bit in a fingerprinted request is answered only if it hid the FINGERPRINT', () => {
    fc.assert(
      fc.property(validRequestArb, fc.nat(), fc.integer({ min: 0, max: 7 }), (request, at, bit) => {
        const index = at % request.length;
        const mutated = request.slice();
        mutated.set([(mutated[index] ?? 0) ^ (1 << bit)], index);
        if (checkAnswer(mutated) === null) return;
        // The flip renamed FINGERPRINT, or stretched an earlier attribute over it: what is left is a valid request
        // without a fingerprint, which RFC 5389 allows. A FINGERPRINT the parser can see is always enforced.
        const parsed = parseStunMessage(mutated, { acceptRfc3489: true });
        expect(parsed.ok && parsed.message.attributes.some((a) => a.type === ATTRIBUTE.FINGERPRINT)).toBe(false);
      }),
      RUNS,
    );
  });

  it('several random mutations never throw and follow the rule', () => {
    const mutation = fc.record({ at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) });
    fc.assert(
      fc.property(validRequestArb, fc.array(mutation, { minLength: 1, maxLength: 6 }), (request, mutations) => {
        const mutated = request.slice();
        for (const { at, value } of mutations) mutated.set([value], at % mutated.length);
        checkAnswer(mutated);
      }),
      RUNS,
    );
  });

  it('a truncated request is never answered', () => {
    fc.assert(
      fc.property(validRequestArb, fc.nat(), (request, cut) => {
        expect(checkAnswer(request.subarray(0, cut % request.length))).toBeNull();
      }),
      RUNS,
    );
  });

  it('a request whose length field lies is never answered', () => {
    fc.assert(
      fc.property(validRequestArb, fc.integer({ min: 0, max: 0xffff }), (request, length) => {
        fc.pre(length !== request.length - 20);
        const mutated = request.slice();
        new DataView(mutated.buffer).setUint16(2, length);
        expect(checkAnswer(mutated)).toBeNull();
      }),
      RUNS,
    );
  });

  it('a request with trailing bytes is never answered', () => {
    fc.assert(
      fc.property(validRequestArb, fc.uint8Array({ minLength: 1, maxLength: 64 }), (request, tail) => {
        expect(checkAnswer(Uint8Array.from([...request, ...tail]))).toBeNull();
      }),
      RUNS,
    );
  });
});
