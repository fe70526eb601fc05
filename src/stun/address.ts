// Transport addresses as STUN carries them: MAPPED-ADDRESS for RFC 3489 clients, XOR-MAPPED-ADDRESS for everyone
// else. IP text is parsed and printed here (not with node:net) so the codec stays pure and works on any bytes.

import { isIPv4, isIPv6 } from 'node:net';

export interface TransportAddress {
  address: string;
  port: number;
}

const FAMILY_IPV4 = 0x01;
const FAMILY_IPV6 = 0x02;

export function encodeMappedAddress(mapped: TransportAddress): Uint8Array {
  return encodeAddress(mapped, null);
}

export function decodeMappedAddress(value: Uint8Array): TransportAddress | null {
  return decodeAddress(value, null);
}

// RFC 5389 §15.2: "X-Port is computed by taking the mapped port in host byte order, XOR'ing it with the most
// significant 16 bits of the magic cookie [...]. If the IP address family is IPv4, X-Address is computed by taking
// the mapped IP address in host byte order, XOR'ing it with the magic cookie [...]. If the IP address family is
// IPv6, X-Address is computed by taking the mapped IP address in host byte order, XOR'ing it with the
// concatenation of the magic cookie and the 96-bit transaction ID".
export function encodeXorMappedAddress(mapped: TransportAddress, transactionId: Uint8Array): Uint8Array {
  return encodeAddress(mapped, xorMask(transactionId));
}

export function decodeXorMappedAddress(value: Uint8Array, transactionId: Uint8Array): TransportAddress | null {
  return decodeAddress(value, xorMask(transactionId));
}

// A dual-stack socket reports IPv4 peers as ::ffff:a.b.c.d; the peer itself speaks IPv4 and expects to learn its
// IPv4 address. Zone ids (fe80::1%eth0) mean nothing to the peer either.
export function canonicalPeer(peer: TransportAddress): TransportAddress {
  const address = peer.address.replace(/%.*$/, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return { address: mapped?.[1] ?? address, port: peer.port };
}

export function parseIp(text: string): Uint8Array | null {
  const address = text.replace(/%.*$/, '');
  if (isIPv4(address)) return Uint8Array.from(address.split('.').map(Number));
  if (!isIPv6(address)) return null;
  const [head = '', tail] = address.split('::');
  const headGroups = head === '' ? [] : head.split(':');
  const tailGroups = tail === undefined || tail === '' ? [] : tail.split(':');
  const groups = (list: string[]): number[] =>
    list.flatMap((group) => {
      if (!group.includes('.')) return [parseInt(group, 16)];
      const [a = 0, b = 0, c = 0, d = 0] = group.split('.').map(Number);
      return [(a << 8) | b, (c << 8) | d];
    });
  const before = groups(headGroups);
  const after = groups(tailGroups);
  const zeros = new Array<number>(8 - before.length - after.length).fill(0);
  const words = tail === undefined ? before : [...before, ...zeros, ...after];
  const bytes = new Uint8Array(16);
  words.forEach((word, i) => {
    bytes[2 * i] = word >> 8;
    bytes[2 * i + 1] = word & 0xff;
  });
  return bytes;
}

// RFC 5952 text form (lower case, longest run of two or more zero groups shortened to ::), which is also what
// Node prints for a peer's address, so the two compare equal as strings.
export function formatIp(bytes: Uint8Array): string {
  if (bytes.length === 4) return Array.from(bytes).join('.');
  const words = Array.from({ length: 8 }, (_, i) => ((bytes[2 * i] ?? 0) << 8) | (bytes[2 * i + 1] ?? 0));
  let bestStart = -1;
  let bestLength = 1;
  for (let start = 0; start < 8; ) {
    let end = start;
    while (end < 8 && words[end] === 0) end++;
    if (end - start > bestLength) [bestStart, bestLength] = [start, end - start];
    start = end === start ? start + 1 : end;
  }
  const hex = (list: number[]): string => list.map((word) => word.toString(16)).join(':');
  if (bestStart < 0) return hex(words);
  return `${hex(words.slice(0, bestStart))}::${hex(words.slice(bestStart + bestLength))}`;
}

function xorMask(transactionId: Uint8Array): Uint8Array {
  const mask = new Uint8Array(16);
  mask.set([0x21, 0x12, 0xa4, 0x42]);
  mask.set(transactionId.subarray(0, 12), 4);
  return mask;
}

function encodeAddress(mapped: TransportAddress, mask: Uint8Array | null): Uint8Array {
  const ip = parseIp(mapped.address);
  if (ip === null) throw new Error(`not an IP address: ${mapped.address}`);
  const value = new Uint8Array(4 + ip.length);
  const view = new DataView(value.buffer);
  view.setUint8(1, ip.length === 4 ? FAMILY_IPV4 : FAMILY_IPV6);
  view.setUint16(2, mapped.port ^ (mask === null ? 0 : 0x2112));
  ip.forEach((byte, i) => {
    value[4 + i] = byte ^ (mask?.[i] ?? 0);
  });
  return value;
}

// RFC 5389 §15.1: "The first 8 bits of the MAPPED-ADDRESS MUST be set to 0 and MUST be ignored by receivers."
function decodeAddress(value: Uint8Array, mask: Uint8Array | null): TransportAddress | null {
  const family = value[1];
  const length = family === FAMILY_IPV4 ? 4 : family === FAMILY_IPV6 ? 16 : 0;
  if (length === 0 || value.length !== 4 + length) return null;
  const port = (((value[2] ?? 0) << 8) | (value[3] ?? 0)) ^ (mask === null ? 0 : 0x2112);
  const ip = value.slice(4).map((byte, i) => byte ^ (mask?.[i] ?? 0));
  return { address: formatIp(ip), port };
}
