import os from 'node:os';

export type LocalIpAddresses = { ipv4: string[]; ipv6: string[] };

/**
 * This machine's addresses, LAN ones first (they are what the startup banner should offer) and
 * loopback last. Interfaces are passed in by tests; the default reads the live ones.
 */
export function localIpAddresses(
  interfaces: NodeJS.Dict<os.NetworkInterfaceInfo[]> = os.networkInterfaces(),
): LocalIpAddresses {
  const entries = Object.values(interfaces).flatMap((list) => list ?? []);
  const ordered = [...entries.filter((entry) => !entry.internal), ...entries.filter((entry) => entry.internal)];
  const ipv4 = new Set<string>();
  const ipv6 = new Set<string>();
  for (const entry of ordered) {
    if (entry.family === 'IPv4') ipv4.add(entry.address);
    else if (entry.family === 'IPv6' && !isLinkLocalIpv6(entry.address)) ipv6.add(entry.address);
  }
  return { ipv4: [...ipv4], ipv6: [...ipv6] };
}

// fe80::/10 addresses are only usable with a zone id (fe80::1%eth0), which neither a URL a
// colleague types nor a certificate can carry.
function isLinkLocalIpv6(address: string): boolean {
  const firstGroup = Number.parseInt(address.split(':')[0] ?? '', 16);
  return (firstGroup & 0xffc0) === 0xfe80;
}
