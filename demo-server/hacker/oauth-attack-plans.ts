import { REDIRECT_PATH } from '../apps/oauth-login.ts';
import type { Exchange } from '../protocol.ts';
import { answer, type AttackContext, type AttackOutcome, type AttackPlan } from './attack-plans.ts';
import type { HackerResponse } from './hacker-client.ts';

// The attacks on the authorization code grant. Each is carried out for real against the real Store
// and identity provider; the ones that need the reader's browser open a link in it (`run.lure`).

/** How long a lure waits for the reader's browser: a reader may have to type a password first. */
const LURE_TIMEOUT_MS = 120_000;
/** A site the hacker controls; the identity provider must never send a code there. */
export const HACKER_SITE = 'https://hacker.example.net/collect';

interface HackersLogin {
  /** The authorize URL the Store sent the hacker to: its state and PKCE challenge. */
  authorize: URL;
  /** The Store's cookie that ties the login to the hacker's client. */
  cookies: Record<string, string>;
}

/** The hacker starts a login of its own at the Store, as any visitor can: a state and a verifier the Store keeps for the hacker. */
async function startLoginAtStore({ hacker }: AttackContext): Promise<HackersLogin | null> {
  const started = await hacker({ to: 'store', method: 'GET', path: '/login', cookies: {} });
  if (started.status !== 302 || !started.location) return null;
  return { authorize: new URL(started.location), cookies: started.cookies };
}

/** The hacker hands `code` to the Store's redirect URI inside its own login (state and cookie of its own). */
async function redeemAtStore(attack: AttackContext, code: string): Promise<{ login: HackersLogin; response: HackerResponse } | null> {
  const login = await startLoginAtStore(attack);
  const state = login?.authorize.searchParams.get('state');
  if (!login || !state) return null;
  const query = new URLSearchParams({ code, state });
  const response = await attack.hacker({ to: 'store', method: 'GET', path: `${REDIRECT_PATH}?${query}`, cookies: login.cookies });
  return { login, response };
}

const loggedIn = (response: HackerResponse) => response.status === 302 && response.location !== undefined && !response.location.includes('/login');

const pathOf = (exchange: Exchange) => new URL(exchange.url).pathname;

/** A code the browser already used, replayed by the hacker through a login of its own: a code works once. */
export const usedCodeReplayed: AttackPlan = {
  kind: 'code-replay',
  stolen: {
    credential: { code: true },
    sentTo: 'store',
    description: "the code your browser last carried to the Store's redirect URI (it stays in the history and the server logs)",
  },
  async carryOut(attack) {
    const redeemed = await redeemAtStore(attack, attack.stolen);
    if (!redeemed) return { succeeded: false, summary: 'The Store would not start a login for the hacker.' };
    return loggedIn(redeemed.response)
      ? { succeeded: true, summary: 'The Store redeemed your used code a second time and logged the hacker in as you.' }
      : { succeeded: false, summary: `The Store passed the code on, but the identity provider had already redeemed it once and refused it (${answer(redeemed.response)}): a code works only once.` };
  },
};

/**
 * A code caught on its way from the identity provider to the Store (a leaky proxy, a browser
 * extension), then redeemed by the hacker through a login of its own: the Store sends the hacker's
 * verifier, not the one your login's challenge was made from.
 */
export const codeStolenInFlight: AttackPlan = {
  kind: 'stolen-code',
  async carryOut(attack) {
    const { run, hosts } = attack;
    let unwatch = () => {};
    const caught = new Promise<AttackOutcome>((resolve) => {
      unwatch = run.watchNextCode(async (redirect) => {
        const redeemed = await redeemAtStore(attack, redirect.searchParams.get('code') ?? '');
        if (!redeemed) return resolve({ succeeded: false, summary: 'The Store would not start a login for the hacker.' });
        resolve(
          loggedIn(redeemed.response)
            ? { succeeded: true, summary: 'The hacker caught your code on its way and the Store redeemed it for the hacker: the hacker is logged in as you.' }
            : {
                succeeded: false,
                summary: `The hacker caught your code on its way, but the Store redeemed it with the verifier of the hacker's own login, which does not match your login's challenge, and the identity provider refused it (${answer(redeemed.response)}).`,
              },
        );
      });
    });
    const storeLogin = `${hosts.origin('store')}/login`;
    const yours = run.lure('stolen-code', storeLogin, (exchange) => exchange.to === 'Store' && pathOf(exchange) === REDIRECT_PATH, LURE_TIMEOUT_MS);
    const outcome = await Promise.race([caught, yours.then(() => null)]);
    unwatch();
    if (!outcome) return { succeeded: false, summary: 'No login happened in your browser, so there was no code to catch. Log in at the Store while the hacker watches.' };
    const reader = await yours;
    const afterwards = reader?.response?.status === 302 ? 'Your own login went through.' : 'The attempt spent the code, so your own login failed: log in again.';
    return { ...outcome, summary: `${outcome.summary} ${afterwards}` };
  },
};

/**
 * Login CSRF: the hacker logs in with its own account, keeps the code, and sends the reader a link to
 * the Store's redirect URI with that code. Without the state check the reader would be logged in
 * as the hacker, and whatever they then typed would land in the hacker's account.
 */
export const loginCsrfLink: AttackPlan = {
  kind: 'login-csrf',
  async carryOut(attack) {
    const { hacker, hackerAccount, run } = attack;
    const login = await startLoginAtStore(attack);
    if (!login) return { succeeded: false, summary: 'The Store would not start a login for the hacker.' };
    const form = { ...Object.fromEntries(login.authorize.searchParams), loginId: hackerAccount.email, password: hackerAccount.password };
    const signedIn = await hacker({ to: 'idp', method: 'POST', path: login.authorize.pathname, cookies: {}, form });
    const code = signedIn.location ? new URL(signedIn.location).searchParams.get('code') : null;
    if (!code || !signedIn.location) return { succeeded: false, summary: `The identity provider did not log the hacker in (${answer(signedIn)}).` };
    const link = new URL(signedIn.location);
    const opened = await run.lure('login-csrf', link.href, (exchange) => exchange.to === 'Store' && pathOf(exchange) === REDIRECT_PATH, LURE_TIMEOUT_MS);
    const status = opened?.response?.status;
    if (status === undefined) return { succeeded: false, summary: "Your browser did not open the hacker's link." };
    return status === 302
      ? { succeeded: true, summary: "Your browser opened the hacker's link and the Store logged you in to the hacker's account." }
      : { succeeded: false, summary: `Your browser opened the hacker's link, with the hacker's code and state, but the Store refused it (${status}): this login was not started in your browser, so its state matches nothing here.` };
  },
};

/** An authorize link that asks for a code to be sent to the hacker's site: the identity provider only redirects to registered URIs. */
export const foreignRedirectUri: AttackPlan = {
  kind: 'foreign-redirect-uri',
  async carryOut({ run, hosts, target }) {
    const authorize = new URL('/oauth2/authorize', hosts.origin('idp'));
    authorize.search = new URLSearchParams({
      client_id: target.store.applicationId,
      redirect_uri: HACKER_SITE,
      response_type: 'code',
      scope: 'openid offline_access',
      state: 'hacker',
    }).toString();
    const opened = await run.lure(
      'foreign-redirect-uri',
      authorize.href,
      (exchange) => exchange.to === 'IdP' && pathOf(exchange) === '/oauth2/authorize' && new URL(exchange.url).searchParams.get('redirect_uri') === HACKER_SITE,
      LURE_TIMEOUT_MS,
    );
    const response = opened?.response;
    if (!response) return { succeeded: false, summary: "Your browser did not open the hacker's link." };
    return response.location?.startsWith(HACKER_SITE)
      ? { succeeded: true, summary: "The identity provider sent your browser, with a code, to the hacker's site." }
      : { succeeded: false, summary: `The identity provider refused the link (${response.status}) and redirected nowhere: ${new URL(HACKER_SITE).host} is not a redirect URI the Store registered.` };
  },
};

/** The four attacks on the code grant, in the order the articles draw them. */
export const OAUTH_CODE_ATTACKS: readonly AttackPlan[] = [usedCodeReplayed, codeStolenInFlight, loginCsrfLink, foreignRedirectUri];
