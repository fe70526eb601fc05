import { localIpAddresses } from './tls/local-addresses.js';

export interface BannerInfo {
  tls: boolean;
  host: string;
  port: number;
  stunPort: number | null;
  dataDir: string;
  caAvailable: boolean;
}

function urlHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

/** The addresses people can type: every local IPv4 when listening on all interfaces, else the one bound. */
export function formatBanner(info: BannerInfo): string {
  const scheme = info.tls ? 'https' : 'http';
  const wildcard = info.host === '0.0.0.0' || info.host === '::';
  const hosts = wildcard ? [...localIpAddresses().ipv4.filter((ip) => ip !== '127.0.0.1'), 'localhost'] : [info.host];
  const urls = hosts.map((h) => `${scheme}://${urlHost(h)}:${info.port}`);
  const lines = ['', 'MiniMost is running.', `  Open:     ${urls[0] ?? ''}`, ...urls.slice(1).map((u) => `            ${u}`)];
  if (info.caAvailable) lines.push(`  CA cert:  ${urls[0] ?? ''}/ca.pem  (install it once on each device to trust this server)`);
  lines.push(info.stunPort === null ? '  STUN:     off' : `  STUN:     udp port ${info.stunPort}`);
  lines.push(`  Data:     ${info.dataDir}`, '  Stop with Ctrl+C.', '');
  return lines.join('\n');
}
