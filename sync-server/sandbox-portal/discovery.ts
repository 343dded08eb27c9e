/**
 * Issuer metadata (OIDC Discovery 1.0 §3–4, RFC 8414), its key set (RFC 7517) and the
 * UserInfo endpoint (OIDC Core §5.3).
 */
import { Hono } from 'hono';
import { OAuthError } from './errors';
import { issuerOf, type PortalContext } from './portal-context';
import { SUPPORTED_SCOPES } from './authorize-request';

/** Routes `/.well-known/openid-configuration`, `/jwks` and `/userinfo`. */
export function discoveryRoutes(ctx: PortalContext): Hono {
  const app = new Hono();

  /**
   * `GET /.well-known/openid-configuration` → 200 provider metadata; every URL is built
   * from the request origin, so the document is right behind any host name.
   */
  app.get('/.well-known/openid-configuration', (c) => {
    const iss = issuerOf(c);
    return c.json({
      issuer: iss,
      authorization_endpoint: `${iss}/authorize`,
      token_endpoint: `${iss}/token`,
      jwks_uri: `${iss}/jwks`,
      userinfo_endpoint: `${iss}/userinfo`,
      response_types_supported: ['code'],
      grant_types_supported: ['authorization_code', 'refresh_token'],
      code_challenge_methods_supported: ['S256'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['ES256'],
      token_endpoint_auth_methods_supported: ['none'],
      scopes_supported: [...SUPPORTED_SCOPES],
      claims_supported: ['sub', 'name', 'rpps'],
      // RFC 9207 §3: the authorization response carries `iss` (mix-up defence).
      authorization_response_iss_parameter_supported: true,
    });
  });

  /** `GET /jwks` → 200 `{ keys: [ES256 public JWK with kid, alg, use: 'sig'] }`. */
  app.get('/jwks', async (c) => c.json({ keys: [await ctx.keys.publicJwk()] }));

  /**
   * `GET /userinfo` with `Authorization: Bearer <access_token>` (RFC 6750 §2.1) → 200
   * `{ sub, name, rpps }`; 401 `{ error: 'invalid_token' }` with `WWW-Authenticate`.
   */
  app.get('/userinfo', async (c) => {
    const claims = await ctx.keys
      .verifyAccess(bearerToken(c.req.header('Authorization')), issuerOf(c), ctx.now())
      .catch(() => {
        throw new OAuthError('invalid_token', 401);
      });
    c.header('Cache-Control', 'no-store');
    return c.json({ sub: claims.sub, name: claims.name, rpps: claims.sub });
  });

  return app;
}

/** The token of an RFC 6750 §2.1 `Authorization: Bearer` header, or '' if absent. */
export function bearerToken(header: string | undefined): string {
  const match = /^Bearer ([A-Za-z0-9\-._~+/]+=*)$/i.exec(header ?? '');
  return match?.[1] ?? '';
}
