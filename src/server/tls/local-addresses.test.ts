import type { NetworkInterfaceInfo } from 'node:os';
import { describe, expect, it } from 'vitest';
import { localIpAddresses } from './local-addresses.js';

function address(address: string, internal = false): NetworkInterfaceInfo {
  const family = address.includes(':') ? 'IPv6' : 'IPv4';
  const common = { address, internal, netmask: '', mac: '00:00:00:00:00:00', cidr: null };
  return family === 'IPv6' ? { ...common, family, scopeid: 0 } : { ...common, family };
}

describe('localIpAddresses', () => {
  it('lists LAN addresses first and loopback last, without link-local IPv6', () => {
    const result = localIpAddresses({
      lo: [address('127.0.0.1', true), address('::1', true)],
      eth0: [address('192.168.1.20'), address('fe80::1c2b:3aff:fe4d:5e6f'), address('fd00::20')],
      wlan0: [address('10.0.0.7'), address('FEBF::1'), address('2001:db8::7')],
      down: undefined,
    });

    expect(result).toEqual({
      ipv4: ['192.168.1.20', '10.0.0.7', '127.0.0.1'],
      ipv6: ['fd00::20', '2001:db8::7', '::1'],
    });
  });

  it('lists each address once', () => {
    expect(localIpAddresses({ a: [address('10.0.0.7')], b: [address('10.0.0.7')] }).ipv4).toEqual(['10.0.0.7']);
  });

  it('reads the live interfaces by default, loopback included', () => {
    expect(localIpAddresses().ipv4).toContain('127.0.0.1');
  });
});
