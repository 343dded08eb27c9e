/**
 * The authorization endpoint (RFC 6749 §3.1, §4.1; PKCE RFC 7636; OIDC Core §3.1.2) with
 * a login page in place of Pro Santé Connect: the user picks a test practitioner.
 */
import { Hono } from 'hono';
import { AUTHORIZE_PARAMS, parseAuthorizeRequest } from './authorize-request';
import { renderLoginPage } from './authorize-page';
import { AuthorizeError } from './errors';
import { CODE_TTL_MS } from './grants';
import { issuerOf, type PortalContext } from './portal-context';

/** Routes `GET /authorize` and `POST /authorize`. */
export function authorizeRoutes(ctx: PortalContext): Hono {
  const app = new Hono();

  /**
   * `GET /authorize?response_type=code&client_id&redirect_uri&state&code_challenge
   * &code_challenge_method=S256&scope&nonce` — RFC 6749 §4.1.1, RFC 7636 §4.3.
   * 200: French login page, one POST form whose buttons name each test practitioner.
   * 400: French HTML error page for an unknown client, a bad redirect_uri, a response_type
   * other than `code` or missing/`plain` PKCE — never a redirect (RFC 6749 §4.1.2.1).
   */
  app.get('/authorize', (c) => {
    const query = c.req.query();
    parseAuthorizeRequest(query, ctx.clientIds);
    const carried: Record<string, string> = {};
    for (const name of AUTHORIZE_PARAMS) {
      const value = query[name];
      if (value !== undefined) carried[name] = value;
    }
    c.header('Cache-Control', 'no-store');
    return c.html(renderLoginPage(`${issuerOf(c)}/authorize`, carried, ctx.practitioners));
  });

  /**
   * `POST /authorize` (application/x-www-form-urlencoded: the GET parameters plus `rpps`).
   * 302 to `redirect_uri?code=…&state=…&iss=…` (RFC 6749 §4.1.2, RFC 9207 `iss`); the
   * code is one-shot, lives 60 s and is bound to client, redirect URI, PKCE challenge,
   * nonce and practitioner. 400: French HTML error page, as for GET.
   */
  app.post('/authorize', async (c) => {
    const form = await c.req.parseBody();
    const params: Record<string, string | undefined> = {};
    for (const [k, v] of Object.entries(form)) if (typeof v === 'string') params[k] = v;
    const request = parseAuthorizeRequest(params, ctx.clientIds);
    const practitioner = ctx.practitioners.find((p) => p.rpps === params.rpps);
    if (!practitioner) throw new AuthorizeError('Professionnel de test inconnu.');
    const code = ctx.grants.issueCode({
      clientId: request.clientId,
      redirectUri: request.redirectUri,
      codeChallenge: request.codeChallenge,
      nonce: request.nonce,
      scope: request.scope,
      practitioner,
      expiresAt: ctx.now() + CODE_TTL_MS,
    });
    const target = new URL(request.redirectUri);
    target.searchParams.set('code', code);
    if (request.state !== undefined) target.searchParams.set('state', request.state);
    target.searchParams.set('iss', issuerOf(c));
    c.header('Cache-Control', 'no-store');
    return c.redirect(target.toString(), 302);
  });

  return app;
}
