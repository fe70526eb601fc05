import { describe, expect, it } from 'vitest';
import { checkAddress, ipv6Groups } from './address-rules.js';

const refused = (address: string) => !checkAddress(address).allowed;

describe('checkAddress', () => {
  it('lets public IPv4 and IPv6 through', () => {
    for (const address of ['93.184.216.34', '8.8.8.8', '1.1.1.1', '172.15.255.255', '172.32.0.0', '100.63.255.255', '100.128.0.0', '2606:4700::1111', '2a00:1450:4001:80b::200e']) {
      expect(checkAddress(address), address).toEqual({ allowed: true });
    }
  });

  it('refuses every special IPv4 range, edges included', () => {
    for (const address of [
      '0.0.0.0', '0.255.255.255', '10.0.0.1', '10.255.255.255', '100.64.0.0', '100.127.255.255', '127.0.0.1', '127.255.255.254',
      '169.254.169.254', '169.254.0.1', '172.16.0.0', '172.31.255.255', '192.0.0.8', '192.0.2.1', '192.88.99.1', '192.168.0.1',
      '192.168.255.255', '198.18.0.1', '198.19.255.255', '198.51.100.7', '203.0.113.9', '224.0.0.1', '239.255.255.250',
      '240.0.0.1', '255.255.255.255',
    ]) {
      expect(refused(address), address).toBe(true);
    }
  });

  it('names the reason', () => {
    expect(checkAddress('169.254.169.254')).toEqual({ allowed: false, reason: 'link-local, cloud metadata (169.254.0.0/16)' });
    expect(checkAddress('::ffff:10.0.0.1')).toEqual({ allowed: false, reason: 'IPv4-mapped address of private (10.0.0.0/8)' });
  });

  it('refuses the special IPv6 ranges', () => {
    for (const address of ['::', '::1', 'fc00::1', 'fd12:3456::1', 'fe80::1', 'fe80::1%eth0', 'febf::1', 'fec0::1', 'ff02::1', 'ff0e::1', '2001:db8::1', '100::1', '::2', '64:ff9b:1::1']) {
      expect(refused(address), address).toBe(true);
    }
  });

  it('judges IPv6 forms that carry IPv4 by the IPv4 address inside', () => {
    for (const address of ['::ffff:127.0.0.1', '::ffff:7f00:1', '::ffff:a9fe:a9fe', '::ffff:192.168.1.1', '64:ff9b::127.0.0.1', '64:ff9b::a00:1', '2002:7f00:1::1', '2002:c0a8:101::', '::127.0.0.1']) {
      expect(refused(address), address).toBe(true);
    }
    expect(checkAddress('::ffff:8.8.8.8')).toEqual({ allowed: true });
    expect(checkAddress('64:ff9b::8.8.8.8')).toEqual({ allowed: true });
    expect(checkAddress('2002:0808:0808::1')).toEqual({ allowed: true });
  });

  it('refuses Teredo, naming a private client address when there is one', () => {
    // Client 192.168.1.1 is stored inverted: 3f57:fefe.
    expect(checkAddress('2001:0:4136:e378:8000:63bf:3f57:fefe')).toEqual({ allowed: false, reason: 'Teredo address of private (192.168.0.0/16)' });
    expect(refused('2001:0:4136:e378:8000:63bf:f7f7:f7f7')).toBe(true);
  });

  it('refuses what is not an address', () => {
    for (const text of ['', 'localhost', '127.1', '2130706433', '0x7f.1', '::ffff:999.0.0.1']) expect(refused(text), text).toBe(true);
  });
});

describe('ipv6Groups', () => {
  it('expands compressed and dotted forms', () => {
    expect(ipv6Groups('::1')).toEqual([0, 0, 0, 0, 0, 0, 0, 1]);
    expect(ipv6Groups('fe80::1:2')).toEqual([0xfe80, 0, 0, 0, 0, 0, 1, 2]);
    expect(ipv6Groups('::ffff:1.2.3.4')).toEqual([0, 0, 0, 0, 0, 0xffff, 0x102, 0x304]);
    expect(ipv6Groups('1:2:3:4:5:6:7:8')).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });
});
