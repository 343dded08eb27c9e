/**
 * The token endpoint (RFC 6749 §3.2) for public clients (`token_endpoint_auth_method`
 * `none`, `client_id` in the body): authorization_code with PKCE (RFC 7636 §4.5–4.6) and
 * refresh_token with rotation (RFC 6749 §6, RFC 9700 §4.14.2).
 */
import { Hono, type Context } from 'hono';
import { OAuthError } from './errors';
import { REFRESH_TTL_MS, type CodeGrant, type RefreshGrant } from './grants';
import { verifiesChallenge } from './pkce';
import { issuerOf, type PortalContext } from './portal-context';
import { ACCESS_TOKEN_AUDIENCE } from './signing-keys';

type Form = Record<string, string | undefined>;

/** Route `POST /token`. */
export function tokenRoutes(ctx: PortalContext): Hono {
  const app = new Hono();

  /**
   * `POST /token` (application/x-www-form-urlencoded).
   * - `grant_type=authorization_code&code&redirect_uri&code_verifier&client_id`
   * - `grant_type=refresh_token&refresh_token&client_id`
   * 200 `{ access_token, token_type: 'Bearer', expires_in, refresh_token, id_token, scope }`
   * with `Cache-Control: no-store` (RFC 6749 §5.1). 400 `{ error }` (RFC 6749 §5.2):
   * `invalid_request` (missing parameter, wrong content type), `invalid_client` (unknown
   * client_id), `invalid_grant` (unknown, expired, reused or mis-bound code; wrong PKCE
   * verifier; unknown, expired or replayed refresh token), `unsupported_grant_type`.
   */
  app.post('/token', async (c) => {
    const form = await readForm(c);
    const clientId = form.client_id;
    if (!clientId) throw new OAuthError('invalid_request');
    if (!ctx.clientIds.includes(clientId)) throw new OAuthError('invalid_client');
    let grant: CodeGrant | RefreshGrant;
    let family: string | undefined;
    if (form.grant_type === 'authorization_code') {
      grant = redeemCode(ctx, form, clientId);
    } else if (form.grant_type === 'refresh_token') {
      if (!form.refresh_token) throw new OAuthError('invalid_request');
      const refresh = ctx.grants.rotateRefresh(form.refresh_token, ctx.now());
      if (!refresh || refresh.clientId !== clientId) throw new OAuthError('invalid_grant');
      grant = refresh;
      family = refresh.family;
    } else if (!form.grant_type) {
      throw new OAuthError('invalid_request');
    } else {
      throw new OAuthError('unsupported_grant_type');
    }
    c.header('Cache-Control', 'no-store');
    c.header('Pragma', 'no-cache');
    return c.json(await issueTokens(ctx, issuerOf(c), grant, family));
  });

  return app;
}

async function readForm(c: Context): Promise<Form> {
  const type = c.req.header('Content-Type') ?? '';
  if (!type.toLowerCase().startsWith('application/x-www-form-urlencoded')) {
    throw new OAuthError('invalid_request');
  }
  const body = await c.req.parseBody();
  const form: Form = {};
  for (const [k, v] of Object.entries(body)) if (typeof v === 'string') form[k] = v;
  return form;
}

/** RFC 6749 §4.1.3: one-shot, unexpired, same client and redirect_uri; RFC 7636 §4.6. */
function redeemCode(ctx: PortalContext, form: Form, clientId: string): CodeGrant {
  if (!form.code || !form.redirect_uri || !form.code_verifier) {
    throw new OAuthError('invalid_request');
  }
  const grant = ctx.grants.takeCode(form.code);
  if (
    !grant ||
    grant.expiresAt <= ctx.now() ||
    grant.clientId !== clientId ||
    grant.redirectUri !== form.redirect_uri ||
    !verifiesChallenge(form.code_verifier, grant.codeChallenge)
  ) {
    throw new OAuthError('invalid_grant');
  }
  return grant;
}

async function issueTokens(
  ctx: PortalContext,
  iss: string,
  grant: CodeGrant | RefreshGrant,
  family: string | undefined,
) {
  const nowMs = ctx.now();
  const now = Math.floor(nowMs / 1000);
  const ttl = ctx.accessTokenTtlSeconds;
  const { practitioner, clientId, scope } = grant;
  const accessToken = await ctx.keys.sign(
    {
      iss,
      sub: practitioner.rpps,
      aud: ACCESS_TOKEN_AUDIENCE,
      client_id: clientId,
      scope,
      name: practitioner.name,
    },
    now,
    ttl,
  );
  const nonce = 'nonce' in grant ? grant.nonce : undefined;
  // OIDC Core §2: the ID token's audience is the client; nonce only on the code grant.
  const idToken = await ctx.keys.sign(
    {
      iss,
      sub: practitioner.rpps,
      aud: clientId,
      ...(nonce !== undefined ? { nonce } : {}),
      name: practitioner.name,
      rpps: practitioner.rpps,
    },
    now,
    ttl,
  );
  const refreshToken = ctx.grants.issueRefresh(
    { clientId, scope, practitioner, expiresAt: nowMs + REFRESH_TTL_MS },
    family,
  );
  return {
    access_token: accessToken,
    token_type: 'Bearer' as const,
    expires_in: ttl,
    refresh_token: refreshToken,
    id_token: idToken,
    scope,
  };
}
