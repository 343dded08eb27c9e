/**
 * Validation of an authorization request (RFC 6749 §4.1.1, PKCE RFC 7636 §4.3, OIDC Core
 * §3.1.2.1). Every failure is an {@link AuthorizeError}: the sandbox never redirects to a
 * URI it could not trust (RFC 6749 §4.1.2.1), it shows a French error page instead.
 */
import { AuthorizeError } from './errors';

/** Scopes the issuer knows; others are ignored (RFC 6749 §3.3). */
export const SUPPORTED_SCOPES = ['openid', 'profile'] as const;

/** A validated authorization request. */
export interface AuthorizeRequest {
  clientId: string;
  redirectUri: string;
  state: string | undefined;
  codeChallenge: string;
  scope: string;
  nonce: string | undefined;
}

/** The request parameters carried from the login page to its form (hidden inputs). */
export const AUTHORIZE_PARAMS = [
  'response_type',
  'client_id',
  'redirect_uri',
  'state',
  'code_challenge',
  'code_challenge_method',
  'scope',
  'nonce',
] as const;

/** RFC 7636 §4.2: BASE64URL(SHA-256(verifier)) is always 43 characters. */
const S256_CHALLENGE = /^[A-Za-z0-9_-]{43}$/;
const MAX_PARAM_LENGTH = 512;

/** Validates `params` (query or form) for `clientIds`; throws {@link AuthorizeError}. */
export function parseAuthorizeRequest(
  params: Record<string, string | undefined>,
  clientIds: readonly string[],
): AuthorizeRequest {
  for (const name of AUTHORIZE_PARAMS) {
    if ((params[name]?.length ?? 0) > MAX_PARAM_LENGTH) {
      throw new AuthorizeError(`Le paramètre « ${name} » est trop long.`);
    }
  }
  const clientId = params.client_id ?? '';
  if (!clientIds.includes(clientId)) {
    throw new AuthorizeError('Application inconnue (client_id non enregistré).');
  }
  const redirectUri = params.redirect_uri ?? '';
  if (!isRedirectUri(redirectUri)) {
    throw new AuthorizeError(
      'Adresse de retour invalide (redirect_uri doit être une URL http ou https absolue).',
    );
  }
  if (params.response_type !== 'code') {
    throw new AuthorizeError(
      'Seul le flux « code d’autorisation » est accepté (response_type=code).',
    );
  }
  if (
    params.code_challenge_method !== 'S256' ||
    !S256_CHALLENGE.test(params.code_challenge ?? '')
  ) {
    throw new AuthorizeError(
      'PKCE obligatoire avec la méthode S256 (code_challenge manquant ou invalide).',
    );
  }
  const requested = (params.scope ?? 'openid').split(' ');
  const scope = SUPPORTED_SCOPES.filter((s) => requested.includes(s)).join(' ') || 'openid';
  return {
    clientId,
    redirectUri,
    state: params.state || undefined,
    codeChallenge: params.code_challenge ?? '',
    scope,
    nonce: params.nonce || undefined,
  };
}

/** Absolute http(s) URL without fragment (RFC 6749 §3.1.2). */
function isRedirectUri(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  return (
    (url.protocol === 'https:' || url.protocol === 'http:') &&
    url.hash === '' &&
    !value.includes('#')
  );
}
