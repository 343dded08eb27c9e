/**
 * The portal login popup (OpenID Connect authorization code + PKCE). A popup, not a
 * redirect: leaving the page would lock the session (keys wiped on `pagehide`), and the
 * PKCE verifier must stay in this page's memory. The provider redirects the popup to
 * `/portail/retour`, which hands the URL back on a BroadcastChannel and closes itself.
 */

/** The channel between the callback page and the app. */
export const OIDC_CHANNEL = 'comptoir-oidc';
/** Path of the registered redirect URI. */
export const CALLBACK_PATH = '/portail/retour';
/** A login left open longer than this is abandoned. */
const LOGIN_TIMEOUT_MS = 5 * 60 * 1000;

/** Opens the (blank) popup synchronously, inside the click, so it is not blocked. */
export function openLoginPopup(): Window | null {
  return window.open('about:blank', 'comptoir-portail', 'popup,width=520,height=720');
}

/** Resolves with the callback URL carrying `state`; rejects after the timeout. */
export function waitForCallback(state: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const channel = new BroadcastChannel(OIDC_CHANNEL);
    const timer = setTimeout(() => {
      channel.close();
      reject(new Error('login timed out'));
    }, LOGIN_TIMEOUT_MS);
    channel.onmessage = (event: MessageEvent<{ url?: unknown }>) => {
      const url = event.data?.url;
      if (typeof url !== 'string') return;
      if (new URL(url).searchParams.get('state') !== state) return;
      clearTimeout(timer);
      channel.close();
      resolve(url);
    };
  });
}

/**
 * Runs in the popup on `/portail/retour`: hands the URL to the app, removes the code from
 * the history and closes. Returns true when this page is the callback (the app must not
 * start here).
 */
export function handleLoginCallback(): boolean {
  if (location.pathname !== CALLBACK_PATH) return false;
  const channel = new BroadcastChannel(OIDC_CHANNEL);
  channel.postMessage({ url: location.href });
  channel.close();
  history.replaceState(null, '', CALLBACK_PATH);
  document.title = 'Comptoir — connexion au portail';
  const root = document.getElementById('app');
  if (root) {
    root.innerHTML =
      '<main class="page narrow"><h1>Connexion au portail terminée</h1><p>Vous pouvez fermer cette fenêtre et revenir à Comptoir.</p></main>';
  }
  window.close();
  return true;
}
