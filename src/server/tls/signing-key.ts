import { createPrivateKey, webcrypto } from 'node:crypto';

// P-256 keys are generated in milliseconds (RSA-2048 can take seconds) and every TLS client we
// care about accepts them.
export const KEY_ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256' } as const;

/**
 * Parses a PEM private key (PKCS#8, or SEC1 as openssl writes it) into a WebCrypto signing key.
 * Throws with a short reason when it is not a P-256 key.
 */
export async function importSigningKey(pem: string): Promise<webcrypto.CryptoKey> {
  let key;
  try {
    key = createPrivateKey(pem);
  } catch {
    throw new Error('not a readable PEM private key');
  }
  if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
    throw new Error('not an ECDSA P-256 private key');
  }
  const der = key.export({ type: 'pkcs8', format: 'der' });
  return webcrypto.subtle.importKey('pkcs8', der, KEY_ALGORITHM, false, ['sign']);
}
