import { isIPv4, isIPv6 } from 'node:net';

// Which addresses a link preview may connect to. Only globally routable unicast addresses pass: everything private,
// local, shared, reserved or multicast is refused, including IPv6 forms that carry an IPv4 address inside
// (IPv4-mapped, NAT64, 6to4, Teredo), which are judged by the IPv4 address they lead to.

export type AddressVerdict = { allowed: true } | { allowed: false; reason: string };

const PUBLIC: AddressVerdict = { allowed: true };
const refuse = (reason: string): AddressVerdict => ({ allowed: false, reason });

interface Range4 {
  base: number;
  bits: number;
  reason: string;
}

function v4(text: string): number {
  return text.split('.').reduce((acc, part) => acc * 256 + Number(part), 0);
}

const RANGES_4: readonly Range4[] = [
  ['0.0.0.0', 8, '"this network" (0.0.0.0/8)'],
  ['10.0.0.0', 8, 'private (10.0.0.0/8)'],
  ['100.64.0.0', 10, 'carrier-grade NAT (100.64.0.0/10)'],
  ['127.0.0.0', 8, 'loopback (127.0.0.0/8)'],
  ['169.254.0.0', 16, 'link-local, cloud metadata (169.254.0.0/16)'],
  ['172.16.0.0', 12, 'private (172.16.0.0/12)'],
  ['192.0.0.0', 24, 'IETF protocol assignments (192.0.0.0/24)'],
  ['192.0.2.0', 24, 'documentation (192.0.2.0/24)'],
  ['192.88.99.0', 24, '6to4 relay (192.88.99.0/24)'],
  ['192.168.0.0', 16, 'private (192.168.0.0/16)'],
  ['198.18.0.0', 15, 'benchmarking (198.18.0.0/15)'],
  ['198.51.100.0', 24, 'documentation (198.51.100.0/24)'],
  ['203.0.113.0', 24, 'documentation (203.0.113.0/24)'],
  ['224.0.0.0', 4, 'multicast (224.0.0.0/4)'],
  ['240.0.0.0', 4, 'reserved or broadcast (240.0.0.0/4)'],
].map(([base, bits, reason]) => ({ base: v4(base as string), bits: bits as number, reason: reason as string }));

function inRange(value: number, range: Range4): boolean {
  const size = 2 ** (32 - range.bits);
  return value >= range.base && value < range.base + size;
}

function checkV4Number(value: number): AddressVerdict {
  const hit = RANGES_4.find((range) => inRange(value, range));
  return hit ? refuse(hit.reason) : PUBLIC;
}

/** The eight 16-bit groups of a valid IPv6 address (a trailing dotted IPv4 part counts as two groups). */
export function ipv6Groups(text: string): number[] {
  let address = text.toLowerCase();
  const zone = address.indexOf('%');
  if (zone >= 0) address = address.slice(0, zone);
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  if (dotted) {
    const n = v4(dotted[1] as string);
    address = `${address.slice(0, dotted.index)}${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`;
  }
  const [head, tail] = address.includes('::') ? address.split('::') : [address, null];
  const parse = (part: string | undefined) => (part ? part.split(':').map((g) => parseInt(g, 16)) : []);
  const front = parse(head);
  if (tail === null) return front;
  const back = parse(tail);
  return [...front, ...new Array<number>(8 - front.length - back.length).fill(0), ...back];
}

function embeddedV4(groups: readonly number[], at: number): number {
  return ((groups[at] as number) * 65536 + (groups[at + 1] as number)) >>> 0;
}

function inner(reason: string, verdict: AddressVerdict): AddressVerdict {
  return verdict.allowed ? verdict : refuse(`${reason} of ${verdict.reason}`);
}

function checkV6(text: string): AddressVerdict {
  const g = ipv6Groups(text);
  const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0] = g;
  const zeroTo = (n: number) => g.slice(0, n).every((x) => x === 0);
  if (zeroTo(8)) return refuse('unspecified (::)');
  if (zeroTo(7) && g[7] === 1) return refuse('loopback (::1)');
  if (zeroTo(5) && f === 0xffff) return inner('IPv4-mapped address', checkV4Number(embeddedV4(g, 6)));
  if (zeroTo(6)) return refuse('IPv4-compatible (::/96, deprecated)');
  if (zeroTo(4) && e === 0xffff && f === 0) return refuse('IPv4-translated (::ffff:0:0:0/96)');
  if (a === 0x64 && b === 0xff9b && c === 0 && d === 0 && e === 0 && f === 0) {
    return inner('NAT64 address', checkV4Number(embeddedV4(g, 6)));
  }
  if (a === 0x64 && b === 0xff9b && c === 1) return refuse('local-use NAT64 (64:ff9b:1::/48)');
  if (a === 0x2002) return inner('6to4 address', checkV4Number(embeddedV4(g, 1)));
  if (a === 0x2001 && b === 0) {
    // Teredo keeps the client's IPv4 address inverted in the last 32 bits.
    const client = inner('Teredo address', checkV4Number(~embeddedV4(g, 6) >>> 0));
    return client.allowed ? refuse('Teredo tunnel (2001::/32)') : client;
  }
  if (a === 0x2001 && b === 0xdb8) return refuse('documentation (2001:db8::/32)');
  if (a >= 0xfc00 && a <= 0xfdff) return refuse('unique local (fc00::/7)');
  if (a >= 0xfe80 && a <= 0xfebf) return refuse('link-local (fe80::/10)');
  if (a >= 0xfec0 && a <= 0xfeff) return refuse('site-local (fec0::/10, deprecated)');
  if (a >= 0xff00) return refuse('multicast (ff00::/8)');
  // Everything else outside 2000::/3 is unallocated or special-purpose (100::/64 discard, ::/8 reserved…).
  if (a < 0x2000 || a > 0x3fff) return refuse('not global unicast (outside 2000::/3)');
  return PUBLIC;
}

/** Whether a link preview may connect to this IP address (as a resolver returns it, not a URL host). */
export function checkAddress(address: string): AddressVerdict {
  if (isIPv4(address)) return checkV4Number(v4(address));
  if (isIPv6(address)) return checkV6(address);
  return refuse('not an IP address');
}
