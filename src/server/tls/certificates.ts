import { X509Certificate, createPrivateKey } from 'node:crypto';
import { isIP } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { domainToASCII } from 'node:url';
import type { CertificateAuthority, ServerNames } from './issue-certificates.js';
import { ensurePrivateDir, readOptional, tightenMode, writePrivateFile } from './pem-files.js';
import { importSigningKey } from './signing-key.js';

export type TlsOptions = {
  /** Folder holding the CA and server files (`<data dir>/tls`). */
  dir: string;
  /** Names clients may use besides `localhost`, e.g. the machine's hostname. */
  hostnames: string[];
  /** Addresses clients may use besides 127.0.0.1 and ::1, e.g. from `localIpAddresses()`. */
  ipAddresses: string[];
  now?: () => Date;
};

/** PEM strings ready for `https.createServer({ key, cert })`; `caCert` is what `/ca.pem` serves. */
export type TlsMaterial = {
  key: string;
  cert: string;
  caCert: string;
  caPath: string;
  generated: { ca: boolean; server: boolean };
};

const DAY_MS = 24 * 60 * 60 * 1000;
// Renewing a month ahead means a server restarted at least monthly never serves an expired cert.
const RENEW_BEFORE_MS = 30 * DAY_MS;

/**
 * A CA read from its files carries no parsed X.509 object: the certificate tooling (the issuing code and its ASN.1
 * library) is loaded only when a certificate is to be made, and a start that reuses its certificates never needs it.
 */
type LoadedCa = Omit<CertificateAuthority, 'cert'> & { cert?: CertificateAuthority['cert'] };

// The issuing code, loaded on the first certificate this process makes.
const issuing = () => import('./issue-certificates.js');

const FILES = {
  caCert: 'ca.pem',
  caKey: 'ca-key.pem',
  serverCert: 'server.pem',
  serverKey: 'server-key.pem',
} as const;

/**
 * Returns the TLS key and certificate for this server, creating them when needed.
 *
 * The CA is made once and kept: users trust `/ca.pem` a single time, so it is never replaced
 * behind their back — a damaged CA stops startup instead. The server certificate is cheap and
 * is reissued whenever it is unusable, close to expiry, or lacks a requested name or address.
 */
export async function ensureTlsMaterial(options: TlsOptions): Promise<TlsMaterial> {
  const now = (options.now ?? (() => new Date()))();
  const files = filePaths(options.dir);
  const names = serverNames(options.hostnames, options.ipAddresses);
  await ensurePrivateDir(options.dir);

  const { ca, generated: caGenerated } = await loadOrCreateCa(files, now);
  const existing = await readServerPair(files);
  if (existing && isReusable(existing, ca, names, now)) {
    await tightenMode(files.serverKey);
    return material(existing.keyPem, existing.certPem, ca, files, { ca: caGenerated, server: false });
  }

  const { issueServerCertificate, parseCertificate } = await issuing();
  const issued = await issueServerCertificate({ ...ca, cert: ca.cert ?? parseCertificate(ca.certPem) }, names, now);
  // Key first: a crash in between leaves a cert that does not match its key, which is reissued.
  await writePrivateFile(files.serverKey, issued.keyPem);
  await writePrivateFile(files.serverCert, issued.certPem);
  return material(issued.keyPem, issued.certPem, ca, files, { ca: caGenerated, server: true });
}

type Files = Record<keyof typeof FILES, string>;

function filePaths(dir: string): Files {
  const absolute = path.resolve(dir);
  return {
    caCert: path.join(absolute, FILES.caCert),
    caKey: path.join(absolute, FILES.caKey),
    serverCert: path.join(absolute, FILES.serverCert),
    serverKey: path.join(absolute, FILES.serverKey),
  };
}

function material(
  key: string,
  cert: string,
  ca: LoadedCa,
  files: Files,
  generated: TlsMaterial['generated'],
): TlsMaterial {
  return { key, cert, caCert: ca.certPem, caPath: files.caCert, generated };
}

async function loadOrCreateCa(files: Files, now: Date): Promise<{ ca: LoadedCa; generated: boolean }> {
  const keyPem = await readCaFile(files.caKey, files);
  const certPem = await readCaFile(files.caCert, files);
  if (keyPem === undefined && certPem === undefined) {
    const { createCertificateAuthority } = await issuing();
    const ca = await createCertificateAuthority(os.hostname(), now);
    // Two renames, each atomic; a crash between them leaves a lone key, which stops the next
    // start with an explanation rather than guessing whether a trusted CA was lost.
    await writePrivateFile(files.caKey, ca.keyPem);
    await writePrivateFile(files.caCert, ca.certPem);
    return { ca, generated: true };
  }
  if (keyPem === undefined) throw caError(files.caKey, 'the file is missing', files);
  const signingKey = await importSigningKey(keyPem).catch((error: Error) => {
    throw caError(files.caKey, error.message, files);
  });
  if (certPem === undefined) throw caError(files.caCert, 'the file is missing', files);

  let nodeCert: X509Certificate;
  try {
    nodeCert = new X509Certificate(certPem);
  } catch {
    throw caError(files.caCert, 'not a readable PEM certificate', files);
  }
  if (!nodeCert.ca) throw caError(files.caCert, 'not a CA certificate', files);
  if (!nodeCert.checkPrivateKey(createPrivateKey(keyPem))) {
    throw caError(files.caCert, `it does not match the key in ${files.caKey}`, files);
  }
  await tightenMode(files.caKey);
  return { ca: { certPem, signingKey }, generated: false };
}

async function readCaFile(file: string, files: Files): Promise<string | undefined> {
  try {
    return await readOptional(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw caError(file, code ? `cannot read it (${code})` : (error as Error).message, files);
  }
}

function caError(file: string, reason: string, files: Files): Error {
  return new Error(
    `Cannot use the local CA file ${file}: ${reason}. Restore it from a backup, or delete ` +
      `${files.caKey} and ${files.caCert} to create a new CA (clients must then trust the new /ca.pem again).`,
  );
}

type ServerPair = { certPem: string; keyPem: string };

async function readServerPair(files: Files): Promise<ServerPair | undefined> {
  try {
    const [certPem, keyPem] = await Promise.all([readOptional(files.serverCert), readOptional(files.serverKey)]);
    return certPem !== undefined && keyPem !== undefined ? { certPem, keyPem } : undefined;
  } catch {
    // Unreadable is as good as absent: the pair is reissued and the files replaced by rename.
    return undefined;
  }
}

function isReusable(pair: ServerPair, ca: LoadedCa, names: ServerNames, now: Date): boolean {
  let cert: X509Certificate;
  let caCert: X509Certificate;
  try {
    cert = new X509Certificate(pair.certPem);
    caCert = new X509Certificate(ca.certPem);
    if (!cert.checkPrivateKey(createPrivateKey(pair.keyPem))) return false;
  } catch {
    return false;
  }
  const notBefore = new Date(cert.validFrom).getTime();
  const notAfter = new Date(cert.validTo).getTime();
  // Exact matching only, as a browser would do it for these very names.
  const hostOptions = { subject: 'never', wildcards: false } as const;
  return (
    cert.checkIssued(caCert) &&
    cert.verify(caCert.publicKey) &&
    notBefore <= now.getTime() &&
    notAfter - now.getTime() >= RENEW_BEFORE_MS &&
    names.dns.every((name) => cert.checkHost(name, hostOptions) !== undefined) &&
    names.ips.every((ip) => cert.checkIP(ip) !== undefined)
  );
}

/** localhost and the loopback addresses always come first; duplicates and spelling variants are merged. */
export function serverNames(hostnames: readonly string[], ipAddresses: readonly string[]): ServerNames {
  const dns = new Set(['localhost']);
  const ips = new Set(['127.0.0.1', '::1']);
  for (const raw of hostnames) {
    const name = raw.trim().replace(/\.$/, '');
    if (name === '') continue;
    // Clients match a literal address only against IP entries, never against DNS names.
    if (isIP(withoutZone(name))) ips.add(canonicalIp(name));
    else dns.add(dnsName(raw, name));
  }
  for (const raw of ipAddresses) {
    if (!isIP(withoutZone(raw.trim()))) throw new Error(`Not an IP address for the TLS certificate: "${raw}"`);
    ips.add(canonicalIp(raw.trim()));
  }
  return { dns: [...dns], ips: [...ips] };
}

function dnsName(raw: string, name: string): string {
  const ascii = domainToASCII(name.toLowerCase());
  if (ascii === '' || !/^[a-z0-9_*.-]+$/.test(ascii)) {
    throw new Error(`Not a hostname for the TLS certificate: "${raw}"`);
  }
  return ascii;
}

// A zone id (fe80::1%eth0) is local to this machine and cannot be put in a certificate.
function withoutZone(ip: string): string {
  return ip.replace(/%.*$/, '');
}

function canonicalIp(ip: string): string {
  const bare = withoutZone(ip);
  return isIP(bare) === 6 ? new URL(`http://[${bare}]/`).hostname.slice(1, -1) : bare;
}
