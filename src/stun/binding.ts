// What the server answers to one UDP payload: the Binding method of RFC 5389 / RFC 8489 with no authentication,
// as a stand-alone STUN server. Pure, so the whole policy is testable and fuzzable without sockets.

import { randomBytes } from 'node:crypto';
import {
  canonicalPeer,
  encodeMappedAddress,
  encodeXorMappedAddress,
  parseIp,
  type TransportAddress,
} from './address.js';
import {
  ATTRIBUTE,
  MAGIC_COOKIE,
  METHOD_BINDING,
  encodeStunMessage,
  isRfc3489,
  parseStunMessage,
  type StunAttribute,
  type StunClass,
  type StunMessage,
} from './codec.js';

// Eight bytes on purpose: RFC 3489-era clients (Debian's `stun`) read this type as SERVER and reject a length that
// is not a multiple of 4.
export const SOFTWARE = 'MiniMost';

const MESSAGE_INTEGRITY_SHA256 = 0x001c;
const PASSWORD_ALGORITHM = 0x001d;
const USERHASH = 0x001e;

// Comprehension-required attributes of RFC 5389 / RFC 8489 itself. This server authenticates nobody, so the
// credential ones are known but unused. RFC 5389 §7.3: "Known-but-unexpected attributes SHOULD be ignored by the
// agent."
const KNOWN_ATTRIBUTES: ReadonlySet<number> = new Set([
  ATTRIBUTE.MAPPED_ADDRESS,
  ATTRIBUTE.USERNAME,
  ATTRIBUTE.MESSAGE_INTEGRITY,
  ATTRIBUTE.ERROR_CODE,
  ATTRIBUTE.UNKNOWN_ATTRIBUTES,
  ATTRIBUTE.REALM,
  ATTRIBUTE.NONCE,
  ATTRIBUTE.XOR_MAPPED_ADDRESS,
  MESSAGE_INTEGRITY_SHA256,
  PASSWORD_ALGORITHM,
  USERHASH,
]);

// The reply to a received datagram, or null when RFC 5389 says to stay silent: malformed or non-STUN bytes, a bad
// FINGERPRINT, indications, responses, and methods other than Binding.
export function answerStunPacket(packet: Uint8Array, sender: TransportAddress): Uint8Array | null {
  // RFC 5389 §13: "Stand-alone STUN servers SHOULD support backwards compatibility with [RFC3489] clients, as
  // described in Section 12." Debian's `stun` client is one of them.
  const parsed = parseStunMessage(packet, { acceptRfc3489: true });
  if (!parsed.ok) return null;
  const request = parsed.message;
  if (request.class !== 'request' || request.method !== METHOD_BINDING) return null;
  const mapped = canonicalPeer(sender);
  if (parseIp(mapped.address) === null) return null;

  // RFC 5389 §7.3.1: "If the request contains one or more unknown comprehension-required attributes, the server
  // replies with an error response with an error code of 420 (Unknown Attribute), and includes an
  // UNKNOWN-ATTRIBUTES attribute in the response that lists the unknown comprehension-required attributes."
  const unknown = unknownRequiredAttributes(request);
  if (unknown.length > 0) return buildUnknownAttributeError(request, unknown);
  return buildBindingSuccess(request, mapped);
}

// RFC 5389 §12.2: "When the server detects an RFC 3489 client, it SHOULD copy the value seen in the magic cookie
// field in the Binding request to the magic cookie field in the Binding response message, and insert a
// MAPPED-ADDRESS attribute instead of an XOR-MAPPED-ADDRESS attribute."
export function buildBindingSuccess(request: StunMessage, mapped: TransportAddress): Uint8Array {
  const address: StunAttribute = isRfc3489(request)
    ? { type: ATTRIBUTE.MAPPED_ADDRESS, value: encodeMappedAddress(mapped) }
    : { type: ATTRIBUTE.XOR_MAPPED_ADDRESS, value: encodeXorMappedAddress(mapped, request.transactionId) };
  return buildResponse(request, 'success', [address]);
}

export function buildUnknownAttributeError(request: StunMessage, unknownTypes: number[]): Uint8Array {
  const legacy = isRfc3489(request);
  // RFC 3489 §11.2.9: "The lengths of the reason phrases MUST be a multiple of 4 (measured in bytes). This can be
  // accomplished by added spaces to the end of the text, if necessary."
  const reason = legacy ? 'Unknown Attribute   ' : 'Unknown Attribute';
  const errorCode = new Uint8Array([0, 0, 4, 20, ...new TextEncoder().encode(reason)]);
  // RFC 5389 §15.9: "In [RFC3489], this field was padded to 32 by duplicating the last attribute. In this version
  // of the specification, the normal padding rules for attributes are used instead."
  const types = legacy && unknownTypes.length % 2 === 1 ? [...unknownTypes, unknownTypes.at(-1) ?? 0] : unknownTypes;
  const list = new Uint8Array(types.length * 2);
  types.forEach((type, i) => new DataView(list.buffer).setUint16(2 * i, type));
  return buildResponse(request, 'error', [
    { type: ATTRIBUTE.ERROR_CODE, value: errorCode },
    { type: ATTRIBUTE.UNKNOWN_ATTRIBUTES, value: list },
  ]);
}

// What a client sends. The server has no use for it; health checks and tests do.
export function buildBindingRequest(
  transactionId: Uint8Array = randomBytes(12),
  attributes: StunAttribute[] = [],
): Uint8Array {
  return encodeStunMessage(
    { method: METHOD_BINDING, class: 'request', cookie: MAGIC_COOKIE, transactionId, attributes },
    { fingerprint: true },
  );
}

function buildResponse(request: StunMessage, messageClass: StunClass, attributes: StunAttribute[]): Uint8Array {
  const software: StunAttribute = { type: ATTRIBUTE.SOFTWARE, value: new TextEncoder().encode(SOFTWARE) };
  return encodeStunMessage(
    {
      method: request.method,
      class: messageClass,
      cookie: request.cookie,
      transactionId: request.transactionId,
      attributes: [...attributes, software],
    },
    { fingerprint: true },
  );
}

function unknownRequiredAttributes(request: StunMessage): number[] {
  const unknown = new Set<number>();
  for (const { type, value } of request.attributes) {
    // RFC 5389 §15.4: "With the exception of the FINGERPRINT attribute, which appears after MESSAGE-INTEGRITY,
    // agents MUST ignore all other attributes that follow MESSAGE-INTEGRITY." (RFC 8489 §14.6 adds its SHA-256 twin.)
    if (type === ATTRIBUTE.MESSAGE_INTEGRITY || type === MESSAGE_INTEGRITY_SHA256) break;
    if (type >= 0x8000 || KNOWN_ATTRIBUTES.has(type)) continue;
    if (type === ATTRIBUTE.CHANGE_REQUEST && isRfc3489(request) && asksForNoChange(value)) continue;
    unknown.add(type);
  }
  return [...unknown];
}

// RFC 3489 clients such as Debian's `stun` send CHANGE-REQUEST in every Binding request, usually with both flags
// clear: that asks for an answer from the address it was sent to, which is all this server does anyway. With a
// flag set it asks for a second address this server does not have; RFC 5780 §6.1: "If the Request contains the
// CHANGE-REQUEST attribute and the server does not have an alternate address and port as described above, the
// server MUST generate an error response of type 420." The same goes for modern clients, per RFC 5389 §12.2.
function asksForNoChange(value: Uint8Array): boolean {
  return value.length === 4 && value.every((byte) => byte === 0);
}
