/**
 * HTML of the sandbox login page: plain forms, no script (the app's CSP forbids inline
 * scripts), inline styles only, French, with one labelled button per test practitioner.
 */
import type { SandboxPractitioner } from './types';

/** Escapes text for HTML element content and double-quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

const STYLE =
  'font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1b1b1b';
const BUTTON_STYLE =
  'display:block;width:100%;margin:.5rem 0;padding:.75rem 1rem;font-size:1rem;text-align:left;border:2px solid #000091;border-radius:.25rem;background:#fff;color:#000091;cursor:pointer';

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>
</head>
<body style="${STYLE}">
<main>
${body}
</main>
</body>
</html>
`;
}

/**
 * The login page: a POST form to `action` carrying `params` as hidden inputs, and one
 * submit button per practitioner (its `rpps` is the button's value).
 */
export function renderLoginPage(
  action: string,
  params: Record<string, string>,
  practitioners: readonly SandboxPractitioner[],
): string {
  const hidden = Object.entries(params)
    .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`)
    .join('\n');
  const buttons = practitioners
    .map((p) => {
      const label = `Se connecter en tant que ${p.name} (RPPS ${p.rpps})`;
      return `<li><button type="submit" name="rpps" value="${escapeHtml(p.rpps)}" style="${BUTTON_STYLE}">${escapeHtml(label)}</button></li>`;
    })
    .join('\n');
  return layout(
    'Portail national — environnement de test',
    `<h1>Portail national — environnement de test</h1>
<p>Cette page remplace Pro Santé Connect pendant le développement. Aucune donnée réelle n’est transmise.</p>
<form method="post" action="${escapeHtml(action)}">
${hidden}
<fieldset style="border:0;padding:0;margin:0">
<legend style="font-weight:bold">Choisissez un professionnel de test</legend>
<ul style="list-style:none;padding:0">
${buttons}
</ul>
</fieldset>
</form>`,
  );
}

/** The page shown instead of redirecting when the request cannot be trusted. */
export function renderErrorPage(reason: string): string {
  return layout(
    'Erreur — Portail national (test)',
    `<h1>Connexion impossible</h1>
<p role="alert">${escapeHtml(reason)}</p>
<p>Revenez à l’application et relancez la connexion. Si le problème persiste, vérifiez la configuration du client (client_id, redirect_uri, PKCE).</p>`,
  );
}
