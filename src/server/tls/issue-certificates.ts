import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import { KEY_ALGORITHM } from './signing-key.js';

// The library is typed against the DOM's Crypto, which Node's webcrypto implements but does not
// match type-for-type (and which the server build, without the DOM lib, does not even declare).
x509.cryptoProvider.set(webcrypto as unknown as ReturnType<typeof x509.cryptoProvider.get>);

const SIGNING_ALGORITHM = { name: 'ECDSA', hash: 'SHA-256' } as const;

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;
// Backdated so a client whose clock runs a little behind ours does not see "not yet valid".
const CLOCK_SKEW_MS = HOUR_MS;
const CA_LIFETIME_MS = 3652 * DAY_MS;
// The most browsers accept for a leaf, even from a user-installed root.
export const SERVER_LIFETIME_MS = 397 * DAY_MS;

// RFC 5280 §4.1.2.4: attribute values are bounded (CN ub-common-name = 64).
const MAX_COMMON_NAME = 64;

export type CertificateAuthority = {
  certPem: string;
  signingKey: webcrypto.CryptoKey;
  cert: x509.X509Certificate;
};

export type IssuedPair = { certPem: string; keyPem: string };

export type ServerNames = { dns: string[]; ips: string[] };

export async function createCertificateAuthority(
  hostname: string,
  now: Date,
): Promise<CertificateAuthority & { keyPem: string }> {
  const keys = await generateKeyPair();
  const notBefore = new Date(now.getTime() - CLOCK_SKEW_MS);
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    name: [{ CN: [commonName(`MiniMost local CA (${hostname})`)] }],
    keys,
    notBefore,
    notAfter: new Date(notBefore.getTime() + CA_LIFETIME_MS),
    signingAlgorithm: SIGNING_ALGORITHM,
    extensions: [
      // pathLength 0: this CA only ever signs the server's own leaf certificate.
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { cert, certPem: toPem(cert), signingKey: keys.privateKey, keyPem: await exportPrivateKey(keys.privateKey) };
}

export async function issueServerCertificate(
  ca: CertificateAuthority,
  names: ServerNames,
  now: Date,
): Promise<IssuedPair> {
  const keys = await generateKeyPair();
  const notBefore = new Date(now.getTime() - CLOCK_SKEW_MS);
  // A leaf outliving its issuer would be rejected anyway; end it with the CA instead.
  const notAfter = new Date(Math.min(notBefore.getTime() + SERVER_LIFETIME_MS, ca.cert.notAfter.getTime()));
  const cert = await x509.X509CertificateGenerator.create({
    // Browsers ignore the CN; it is only what certificate viewers show, so show the machine.
    subject: [{ CN: [commonName(names.dns.find((name) => name !== 'localhost') ?? 'localhost')] }],
    issuer: ca.cert.subjectName,
    publicKey: keys.publicKey,
    signingKey: ca.signingKey,
    notBefore,
    notAfter,
    signingAlgorithm: SIGNING_ALGORITHM,
    extensions: [
      new x509.SubjectAlternativeNameExtension([
        ...names.dns.map((value) => ({ type: 'dns' as const, value })),
        ...names.ips.map((value) => ({ type: 'ip' as const, value })),
      ]),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.BasicConstraintsExtension(false),
      await authorityKeyIdentifier(ca.cert),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { certPem: toPem(cert), keyPem: await exportPrivateKey(keys.privateKey) };
}

export function parseCertificate(pem: string): x509.X509Certificate {
  return new x509.X509Certificate(pem);
}

async function generateKeyPair(): Promise<webcrypto.CryptoKeyPair> {
  return webcrypto.subtle.generateKey(KEY_ALGORITHM, true, ['sign', 'verify']);
}

async function exportPrivateKey(key: webcrypto.CryptoKey): Promise<string> {
  const der = await webcrypto.subtle.exportKey('pkcs8', key);
  return `${x509.PemConverter.encode(der, 'PRIVATE KEY')}\n`;
}

// Reuses the CA's own subject key identifier so chain building matches it byte for byte.
async function authorityKeyIdentifier(caCert: x509.X509Certificate): Promise<x509.AuthorityKeyIdentifierExtension> {
  const ski = caCert.getExtension(x509.SubjectKeyIdentifierExtension);
  return ski
    ? new x509.AuthorityKeyIdentifierExtension(ski.keyId)
    : x509.AuthorityKeyIdentifierExtension.create(caCert.publicKey);
}

function toPem(cert: x509.X509Certificate): string {
  return `${cert.toString('pem')}\n`;
}

function commonName(text: string): string {
  return text.length <= MAX_COMMON_NAME ? text : `${text.slice(0, MAX_COMMON_NAME - 1)}…`;
}
