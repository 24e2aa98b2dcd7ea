// The Store's SPA as a browser-only OAuth client (a public client: no backend, no secret). It runs
// the authorization code grant itself with PKCE, redeems the code at the identity provider's token
// endpoint, keeps the tokens in this module's memory only, renews them with the (rotating) refresh
// token, and after a page load tries a silent login in a hidden frame before showing "Log in".
const config = document.querySelector('main[data-app-name]').dataset;
const REDIRECT_URI = `${location.origin}${config.redirectPath}`;
const PENDING_KEY = 'oauth-pending';
let tokens = null;

const base64url = (bytes) => btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const random = () => base64url(crypto.getRandomValues(new Uint8Array(32)));
const challengeOf = async (verifier) => base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));

async function authorizeUrl(state, verifier, prompt) {
  const url = new URL('/oauth2/authorize', config.idpOrigin);
  url.search = new URLSearchParams({
    client_id: config.clientId,
    redirect_uri: REDIRECT_URI,
    response_type: 'code',
    scope: 'openid offline_access',
    state,
    code_challenge: await challengeOf(verifier),
    code_challenge_method: 'S256',
    ...(prompt ? { prompt } : {}),
  }).toString();
  return url.href;
}

async function tokenRequest(fields) {
  // `include` only so the demo can file the call under the reader's run (the run cookie); the
  // identity provider's token endpoint reads no cookie.
  const response = await fetch(new URL('/oauth2/token', config.idpOrigin), { method: 'POST', credentials: 'include', body: new URLSearchParams({ client_id: config.clientId, ...fields }) });
  if (!response.ok) return false;
  const answer = await response.json();
  tokens = { access: answer.access_token, refresh: answer.refresh_token };
  return true;
}

const redeem = (code, verifier) => tokenRequest({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, code_verifier: verifier });

/** A login with no page of the identity provider: prompt=none in a hidden frame, which comes back to the redirect URI on this origin. */
function silentLogin() {
  return new Promise((resolve) => {
    const state = random();
    const verifier = random();
    const frame = document.createElement('iframe');
    frame.hidden = true;
    const done = (result) => {
      clearTimeout(timer);
      frame.remove();
      resolve(result);
    };
    const timer = setTimeout(() => done(false), 5000);
    frame.addEventListener('load', async () => {
      let url;
      try {
        url = new URL(frame.contentWindow.location.href);
      } catch {
        return; // still on the identity provider's origin
      }
      if (url.pathname !== config.redirectPath) return;
      const code = url.searchParams.get('code');
      done(code && url.searchParams.get('state') === state ? await redeem(code, verifier) : false);
    });
    authorizeUrl(state, verifier, 'none').then((href) => {
      frame.src = href;
      document.body.append(frame);
    });
  });
}

/** After a page load: finishes a login coming back with a code, or tries a silent one. True when logged in. */
export async function resume() {
  const query = new URLSearchParams(location.search);
  if (location.pathname === config.redirectPath && query.has('code')) {
    const pending = JSON.parse(sessionStorage.getItem(PENDING_KEY) || 'null');
    sessionStorage.removeItem(PENDING_KEY);
    history.replaceState(null, '', '/');
    return Boolean(pending && pending.state === query.get('state') && (await redeem(query.get('code'), pending.verifier)));
  }
  return tokens !== null || silentLogin();
}

/** Leaves for the identity provider's login page; state and verifier wait in sessionStorage for the way back. */
export async function logIn() {
  const pending = { state: random(), verifier: random() };
  sessionStorage.setItem(PENDING_KEY, JSON.stringify(pending));
  location.assign(await authorizeUrl(pending.state, pending.verifier));
}

export const callApi = (path) => fetch(path, tokens ? { headers: { authorization: `Bearer ${tokens.access}` } } : {});

/** Trades the refresh token for new tokens; the old refresh token is spent (rotation). */
export const refresh = () => (tokens?.refresh ? tokenRequest({ grant_type: 'refresh_token', refresh_token: tokens.refresh }) : Promise.resolve(false));

/**
 * Revokes the refresh token's whole family at the identity provider (its Logout API), so that no
 * copy of it outlives the logout, then ends the provider's session.
 */
export async function logOut() {
  const refreshToken = tokens?.refresh;
  tokens = null;
  if (refreshToken) {
    await fetch(new URL('/api/logout', config.idpOrigin), { method: 'POST', credentials: 'include', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ refreshToken }) }).catch(() => {});
  }
  const url = new URL('/oauth2/logout', config.idpOrigin);
  url.search = new URLSearchParams({ client_id: config.clientId, post_logout_redirect_uri: `${location.origin}/` }).toString();
  location.assign(url.href);
}

/** The page inside the silent-login frame must do nothing but be read by its parent. */
export const isSilentFrame = (() => {
  try {
    return window.parent !== window && window.parent.location.origin === location.origin;
  } catch {
    return false;
  }
})();
