// The single-page app of the SPA workflows. It learns whether the user is logged in from its API's
// status codes, on every page load as after every call. Where the workflow says so it handles the JWT itself: kept in localStorage and sent
// as a bearer token (data-jwt-storage), or handed to its backend to become a cookie
// (data-jwt-cookie-url); otherwise the browser carries HttpOnly cookies and the script sees no token.
const root = document.querySelector('main[data-app-name]');
const config = root.dataset;
const view = document.getElementById('view');
const JSON_HEADERS = { 'content-type': 'application/json' };
const JWT_KEY = 'jwt';
const keepsJwt = config.jwtStorage === 'local-storage';
// A backend that wants proof a call comes from its own page (a header other origins cannot send
// without a CORS preflight it never allows) gets it on every call.
const BACKEND_HEADERS = config.csrfHeader ? { [config.csrfHeader]: '1' } : {};
// A token-mediating backend hands out access tokens; the SPA keeps the current one in this
// variable only (never in storage) and calls the Store's API with it.
let accessToken = null;
// A browser-only OAuth client runs the login itself (browser-client.js); the SPA defers to it.
const browserClient = config.clientId ? await import('/_assets/browser-client.js') : null;
const SESSION_ENDED = 'Your session has ended. Log in again.';
const LOGIN_ERRORS = {
  404: 'That email and password do not match an account.',
  423: 'Too many failed attempts: this account is locked for a few minutes.',
  202: `This account is not registered for the ${config.appName}.`,
};

function element(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

function show(title, ...nodes) {
  document.title = `${title} · ${config.appName}`;
  view.replaceChildren(...nodes);
}

function showLogin({ notice, error } = {}) {
  const messages = [
    ...(notice ? [element('p', { class: 'notice', role: 'status' }, notice)] : []),
    ...(error ? [element('p', { class: 'message', role: 'alert' }, error)] : []),
  ];
  // An OAuth login leaves the SPA: the backend sends the browser to the identity provider's login page.
  if (config.loginKind === 'redirect') {
    const link = element('a', { href: config.loginUrl, class: 'button' }, 'Log in');
    if (browserClient) link.addEventListener('click', (event) => (event.preventDefault(), browserClient.logIn()));
    return show('Log in', element('h2', {}, `Log in to the ${config.appName}`), ...messages, element('p', {}, link));
  }
  const loginId = element('input', { id: 'loginId', name: 'loginId', type: 'email', autocomplete: 'username', required: '' });
  const password = element('input', { id: 'password', name: 'password', type: 'password', autocomplete: 'current-password', required: '' });
  const button = element('button', { type: 'submit' }, 'Log in');
  const form = element(
    'form',
    { class: 'login' },
    element('label', { for: 'loginId' }, 'Email'),
    loginId,
    element('label', { for: 'password' }, 'Password'),
    password,
    button,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    button.disabled = true;
    logIn(loginId.value, password.value);
  });
  show(
    'Log in',
    element('h2', {}, `Log in to the ${config.appName}`),
    ...messages,
    form,
  );
}

function showProblem(text) {
  show('Problem', element('p', { class: 'message', role: 'alert' }, text));
}

async function logIn(loginId, password) {
  let response;
  try {
    // Cross-origin to the login host: `credentials: 'include'` or the browser would drop its cookies.
    response = await fetch(config.loginUrl, {
      method: 'POST',
      credentials: 'include',
      headers: JSON_HEADERS,
      body: JSON.stringify({ loginId, password, applicationId: config.applicationId }),
    });
  } catch {
    return showLogin({ error: 'The identity provider could not be reached.' });
  }
  const answer = await response.json().catch(() => ({}));
  if (response.status !== 200) {
    return showLogin({ error: LOGIN_ERRORS[response.status] || answer.error || `The login failed (HTTP ${response.status}).` });
  }
  // Unless the workflow uses the JWT from the answer's JSON, this app ignores the tokens in it.
  if (keepsJwt) localStorage.setItem(JWT_KEY, answer.token);
  if (config.jwtCookieUrl) {
    const handedOver = await fetch(config.jwtCookieUrl, { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify({ token: answer.token }) }).catch(() => null);
    if (!handedOver || !handedOver.ok) return showLogin({ error: `The ${config.appName} did not accept the login.` });
  }
  return loadContent();
}

/** An access token from the token-mediating backend: the one in hand, or a new one. */
async function tokenFromBackend(renew) {
  if (accessToken && !renew) return accessToken;
  const response = await fetch(`${config.tokenUrl}${renew ? '?renew=1' : ''}`, { method: 'POST', headers: BACKEND_HEADERS });
  accessToken = response.ok ? (await response.json()).access_token : null;
  return accessToken;
}

/** A call for the app's data: to its own API (with the kept JWT where it keeps one), or with an access token to the Store's API. */
async function callApi(path, { renew = false } = {}) {
  if (browserClient) return browserClient.callApi(path);
  if (config.tokenUrl && path === config.api) {
    const token = await tokenFromBackend(renew);
    if (!token) return new Response(null, { status: 401 });
    return fetch(path, { headers: { authorization: `Bearer ${token}` } });
  }
  const jwt = keepsJwt ? localStorage.getItem(JWT_KEY) : null;
  return fetch(path, { headers: { ...BACKEND_HEADERS, ...(jwt ? { authorization: `Bearer ${jwt}` } : {}) } });
}

/** Asks for a new login after a 401; true when one came (a new JWT kept, or new cookies set). */
async function refresh() {
  if (browserClient) return browserClient.refresh();
  const response = await fetch(config.refreshUrl, { method: 'POST', credentials: 'include', headers: JSON_HEADERS, body: '{}' });
  if (!response.ok) return false;
  if (keepsJwt) localStorage.setItem(JWT_KEY, (await response.json()).token);
  return true;
}

function forgetLogin(notice) {
  if (keepsJwt) localStorage.removeItem(JWT_KEY);
  return showLogin({ notice });
}

async function loadContent() {
  try {
    let response = await callApi(config.api);
    // The token-mediating backend renews the access token itself when asked for a new one.
    if (response.status === 401 && config.tokenUrl) response = await callApi(config.api, { renew: true });
    if (response.status === 401) {
      // Without a refresh endpoint (a plain server session, a handed-over JWT), an expired login means a new one.
      if (!(config.refreshUrl || browserClient) || !(await refresh())) return forgetLogin(SESSION_ENDED);
      response = await callApi(config.api);
      if (response.status === 401) return forgetLogin(SESSION_ENDED);
    }
    if (!response.ok) return showProblem(`The ${config.appName} answered HTTP ${response.status}.`);
    return showContent(await response.json());
  } catch {
    return showProblem(`The ${config.appName} could not be reached.`);
  }
}

const money = (amount) => `$${amount.toFixed(2)}`;

const RENDERERS = {
  cart: (cart) => [
    element('p', { class: 'signed-in' }, `Cart of ${cart.customer}`),
    element(
      'table',
      {},
      element('thead', {}, element('tr', {}, ...['Item', 'Qty', 'Price'].map((label) => element('th', { scope: 'col' }, label)))),
      element(
        'tbody',
        {},
        ...cart.items.map((item) =>
          element('tr', {}, element('td', {}, item.name), element('td', {}, String(item.quantity)), element('td', {}, money(item.quantity * item.unitPrice))),
        ),
      ),
      element('tfoot', {}, element('tr', {}, element('th', { scope: 'row', colspan: '2' }, 'Total'), element('td', {}, money(cart.total)))),
    ),
  ],
  posts: (forum) => [
    element('p', { class: 'signed-in' }, `Signed in as ${forum.member}`),
    element(
      'ul',
      { class: 'posts' },
      ...forum.posts.map((post) =>
        element('li', {}, element('span', { class: 'post-title' }, post.title), ' ', element('span', { class: 'post-meta' }, `by ${post.author} · ${post.replies} replies`)),
      ),
    ),
  ],
};

function showContent(data) {
  const reload = element('button', { type: 'button' }, config.reloadLabel);
  reload.addEventListener('click', () => {
    reload.disabled = true;
    loadContent();
  });
  const buttons = element('p', {}, reload);
  if (config.logoutUrl) {
    const logout = element('button', { type: 'button' }, 'Log out');
    logout.addEventListener('click', () => {
      logout.disabled = true;
      logOut();
    });
    buttons.append(' ', logout);
  }
  show(config.contentTitle, element('h2', {}, config.contentTitle), ...RENDERERS[config.contentKind](data), buttons);
}

async function logOut() {
  if (browserClient) return browserClient.logOut();
  try {
    const response = await fetch(config.logoutUrl, { method: 'POST', headers: { ...JSON_HEADERS, ...BACKEND_HEADERS }, body: '{}' });
    accessToken = null;
    if (!response.ok) return showProblem(`The ${config.appName} answered HTTP ${response.status}.`);
    const { next } = await response.json().catch(() => ({}));
    if (next) return location.assign(next);
  } catch {
    return showProblem(`The ${config.appName} could not be reached.`);
  }
  return showLogin({ notice: 'You have logged out.' });
}

/**
 * The first look after every page load (reload, typed URL, back and forward): 200 means a valid
 * login, 401 a lapsed one, which the SPA refreshes where it can, exactly as after a 401 from its API;
 * anything else means nobody is logged in.
 */
async function start() {
  if (browserClient) return (await browserClient.resume()) ? loadContent() : showLogin();
  let response;
  try {
    response = await callApi('/api/user');
  } catch {
    return showProblem(`The ${config.appName} could not be reached.`);
  }
  if (response.status === 200) return loadContent();
  if (response.status !== 401) return showLogin();
  try {
    if (config.refreshUrl && (await refresh())) return loadContent();
  } catch {
    return showProblem(`The ${config.appName} could not be reached.`);
  }
  return forgetLogin(SESSION_ENDED);
}

// A page restored from the back-forward cache runs no script again: look at the login anew.
window.addEventListener('pageshow', (event) => {
  if (event.persisted) start();
});

if (!browserClient?.isSilentFrame) start();
