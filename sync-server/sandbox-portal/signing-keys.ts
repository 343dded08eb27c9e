/**
 * The sandbox issuer's ES256 signing key, generated in memory at start-up (a restart
 * invalidates every token, as a key rotation would), and the JWTs it signs.
 */
import { generateKeyPairSync, randomBytes, randomUUID, type KeyObject } from 'node:crypto';
import { exportJWK, jwtVerify, SignJWT, type JWK, type JWTPayload } from 'jose';

/** Audience of access tokens: the FHIR endpoint stands for SI-DEP. */
export const ACCESS_TOKEN_AUDIENCE = 'sidep-sandbox';

/** Claims of a sandbox access token (RFC 9068 shape, plus the practitioner's name). */
export interface AccessClaims extends JWTPayload {
  sub: string;
  client_id: string;
  scope: string;
  name: string;
}

/** An ES256 key pair with its key id; signs and verifies the sandbox's JWTs. */
export interface SigningKeys {
  /** Public JWK for `/jwks` (RFC 7517), with `kid`, `alg` and `use`. */
  publicJwk(): Promise<JWK>;
  /** Signs `claims` (iat/exp set from `nowSeconds` and `ttlSeconds`). */
  sign(claims: JWTPayload, nowSeconds: number, ttlSeconds: number): Promise<string>;
  /** Verifies an access token for `issuer`; throws on any failure (signature, exp, iss, aud). */
  verifyAccess(token: string, issuer: string, nowMs: number): Promise<AccessClaims>;
}

/** Generates a fresh P-256 key pair (RFC 7518 §3.4 ES256). */
export function createSigningKeys(): SigningKeys {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const kid = randomBytes(8).toString('base64url');
  return {
    publicJwk: async () => ({ ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' }),
    sign: (claims, nowSeconds, ttlSeconds) => sign(privateKey, kid, claims, nowSeconds, ttlSeconds),
    async verifyAccess(token, issuer, nowMs) {
      const { payload } = await jwtVerify(token, publicKey, {
        issuer,
        audience: ACCESS_TOKEN_AUDIENCE,
        algorithms: ['ES256'],
        currentDate: new Date(nowMs),
        requiredClaims: ['sub', 'exp', 'iat'],
      });
      if (typeof payload.sub !== 'string' || typeof payload.client_id !== 'string') {
        throw new Error('access token without sub or client_id');
      }
      return payload as AccessClaims;
    },
  };
}

function sign(
  key: KeyObject,
  kid: string,
  claims: JWTPayload,
  nowSeconds: number,
  ttlSeconds: number,
): Promise<string> {
  return new SignJWT({ ...claims, jti: randomUUID() })
    .setProtectedHeader({ alg: 'ES256', kid, typ: 'JWT' })
    .setIssuedAt(nowSeconds)
    .setExpirationTime(nowSeconds + ttlSeconds)
    .sign(key);
}
