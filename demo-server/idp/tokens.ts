import { createPrivateKey, createPublicKey, createSecretKey, generateKeyPair, randomBytes, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import { SignJWT, decodeJwt, decodeProtectedHeader, exportJWK, jwtVerify, type JWK, type JWTPayload } from 'jose';

const generateKeyPairAsync = promisify(generateKeyPair);

export type SigningAlgorithm = 'HS256' | 'RS256';

/** A signing key as persisted: HMAC secret (base64) or an RSA key pair (PEM). */
export interface StoredKey {
  id: string;
  name: string;
  algorithm: SigningAlgorithm;
  secret?: string;
  privateKey?: string;
  publicKey?: string;
}

export async function generateSigningKey(id: string, name: string, algorithm: SigningAlgorithm, length = 2048): Promise<StoredKey> {
  if (algorithm === 'HS256') return { id, name, algorithm, secret: randomBytes(32).toString('base64') };
  const pair = await generateKeyPairAsync('rsa', {
    modulusLength: length,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  return { id, name, algorithm, privateKey: pair.privateKey, publicKey: pair.publicKey };
}

interface LoadedKey {
  id: string;
  algorithm: SigningAlgorithm;
  signWith: KeyObject;
  verifyWith: KeyObject;
}

function load(key: StoredKey): LoadedKey {
  if (key.algorithm === 'HS256' && key.secret) {
    const secret = createSecretKey(Buffer.from(key.secret, 'base64'));
    return { id: key.id, algorithm: key.algorithm, signWith: secret, verifyWith: secret };
  }
  if (key.algorithm === 'RS256' && key.privateKey && key.publicKey) {
    return { id: key.id, algorithm: key.algorithm, signWith: createPrivateKey(key.privateKey), verifyWith: createPublicKey(key.publicKey) };
  }
  throw new Error(`Signing key ${key.id} (${key.algorithm}) is incomplete`);
}

export interface VerifyOptions {
  issuer: string;
  /** The verifying user's "now" in epoch ms, so a demo clock offset is honoured. */
  nowFor: (subject: string) => number;
}

/** All signing keys, by id. Bounded: keys are created only by the kickstart. */
export class KeyRing {
  readonly #keys = new Map<string, LoadedKey>();

  constructor(keys: StoredKey[]) {
    for (const key of keys) this.add(key);
  }

  add(key: StoredKey): void {
    this.#keys.set(key.id, load(key));
  }

  has(id: string): boolean {
    return this.#keys.has(id);
  }

  async sign(keyId: string, claims: JWTPayload): Promise<string> {
    const key = this.#keys.get(keyId);
    if (!key) throw new Error(`No signing key ${keyId}`);
    return new SignJWT(claims).setProtectedHeader({ alg: key.algorithm, typ: 'JWT', kid: key.id }).sign(key.signWith);
  }

  /**
   * Verifies signature, issuer and expiry; returns the claims or null. The key is chosen by `kid`
   * and its algorithm is pinned, so `alg: none`, algorithm swaps and unknown keys all fail.
   */
  async verify(token: string, options: VerifyOptions): Promise<JWTPayload | null> {
    let kid: string | undefined;
    let subject: unknown;
    try {
      kid = decodeProtectedHeader(token).kid;
      subject = decodeJwt(token).sub;
    } catch {
      return null;
    }
    const key = kid === undefined ? undefined : this.#keys.get(kid);
    if (!key || typeof subject !== 'string') return null;
    try {
      const { payload } = await jwtVerify(token, key.verifyWith, {
        algorithms: [key.algorithm],
        issuer: options.issuer,
        currentDate: new Date(options.nowFor(subject)),
        requiredClaims: ['exp', 'iat', 'sub'],
      });
      return payload;
    } catch {
      return null;
    }
  }

  /** Public keys for /.well-known/jwks.json; HMAC secrets are never published. */
  async publicJwks(): Promise<JWK[]> {
    const keys: JWK[] = [];
    for (const key of this.#keys.values()) {
      if (key.algorithm !== 'RS256') continue;
      keys.push({ ...(await exportJWK(key.verifyWith)), alg: key.algorithm, kid: key.id, use: 'sig' });
    }
    return keys;
  }
}
