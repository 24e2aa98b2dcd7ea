import type { FusionAuthClient } from '@fusionauth/typescript-client';
import { createLocalJWKSet, errors, jwtVerify, type JSONWebKeySet, type JWTPayload } from 'jose';

// Asymmetric algorithms only: a token naming `none` or an HMAC algorithm is refused before any key is tried.
const ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512'];
/** Unknown key ids trigger a new key download at most this often. */
const REFETCH_INTERVAL_MS = 30_000;

/** What a JWT is for one audience at the run's time. */
export type JwtCheck = { state: 'valid'; claims: JWTPayload } | { state: 'expired' } | { state: 'invalid' };

interface Keys {
  issuer: string;
  keySet: ReturnType<typeof createLocalJWKSet>;
  fetchedAt: number;
}

/**
 * Verifies the identity provider's JWTs locally, as the apps' backends do: signature against the
 * published keys (fetched through the FusionAuth client and cached), issuer, audience, expiry.
 */
export class JwtVerifier {
  readonly #client: FusionAuthClient;
  #keys: Promise<Keys> | null = null;

  constructor(client: FusionAuthClient) {
    this.#client = client;
  }

  /** Downloads the keys and issuer now, so no reader's trace shows the first download. */
  async warm(): Promise<void> {
    await this.#currentKeys();
  }

  /**
   * The token's claims when it is valid for `audience` at `now + offsetSeconds` (the run's clock),
   * otherwise null.
   */
  async verify(token: string, audience: string, offsetSeconds: number): Promise<JWTPayload | null> {
    const checked = await this.check(token, audience, offsetSeconds);
    return checked.state === 'valid' ? checked.claims : null;
  }

  /**
   * Like `verify`, but tells an expired login apart from no login: `expired` when the token is
   * correctly signed by the identity provider for `audience` and only its `exp` has passed.
   */
  async check(token: string, audience: string, offsetSeconds: number): Promise<JwtCheck> {
    const options = { audience, algorithms: ALGORITHMS, currentDate: new Date(Date.now() + offsetSeconds * 1000) };
    const attempt = (keys: Keys): Promise<JwtCheck> =>
      jwtVerify(token, keys.keySet, { ...options, issuer: keys.issuer }).then(
        (result): JwtCheck => ({ state: 'valid', claims: result.payload }),
        (error: unknown): JwtCheck => {
          // jose checks the signature, issuer and audience before it looks at the expiry.
          if (error instanceof errors.JWTExpired) return { state: 'expired' };
          if (error instanceof errors.JWKSNoMatchingKey) throw error;
          return { state: 'invalid' };
        },
      );
    const keys = await this.#currentKeys();
    try {
      return await attempt(keys);
    } catch {
      // A key id we have not seen: the provider may have rotated its keys.
      if (Date.now() - keys.fetchedAt < REFETCH_INTERVAL_MS) return { state: 'invalid' };
    }
    this.#keys = null;
    return attempt(await this.#currentKeys()).catch((): JwtCheck => ({ state: 'invalid' }));
  }

  #currentKeys(): Promise<Keys> {
    this.#keys ??= this.#download().catch((error: unknown) => {
      this.#keys = null;
      throw error;
    });
    return this.#keys;
  }

  async #download(): Promise<Keys> {
    const [configuration, jwks] = await Promise.all([this.#client.retrieveOpenIdConfiguration(), this.#client.retrieveJsonWebKeySet()]);
    const issuer = configuration.response.issuer;
    if (!issuer) throw new Error('The identity provider published no issuer.');
    return { issuer, keySet: createLocalJWKSet(jwks.response as JSONWebKeySet), fetchedAt: Date.now() };
  }
}
