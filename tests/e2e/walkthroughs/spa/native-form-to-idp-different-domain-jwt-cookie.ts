/** SPA, native form to the identity provider on a domain of its own, JWT handed to the backend's HttpOnly cookie. */
import { expect } from '@playwright/test';
import { decodeJwt } from 'jose';
import { FORUMS, STORE } from '../../demo/live-lab.ts';
import { answered, checks, emptyDocumentCookie, hostOnlyHttpOnly, remember, storedCookie, traceEntry, traceLine, unchanged } from '../assertions.ts';
import { all, attack, button, defineWalkthrough, jump, logIn, open, press, probe, range, reload, start, text, type Walk } from '../walkthrough.ts';

const OWN_DOMAIN_LOGIN_HOST = 'http://login.example-id.localhost:4400';
const cart = text(/cart of/i);
const loginForm = button('Log in');
const ended = text(/session has ended/i);

/** The browser refused both of the identity provider's cross-site cookies, and the trace and the jar say so. */
async function idpCookiesRefused({ lab, context }: Walk): Promise<void> {
  await expect(lab.traceEntry(7).locator('[data-refused]')).toHaveCount(2);
  expect(await context.cookies(OWN_DOMAIN_LOGIN_HOST)).toEqual([]);
  await expect(lab.jarOf(OWN_DOMAIN_LOGIN_HOST)).toContainText('no cookies');
}

/** The JWT cookie lives no longer than the JWT it holds. */
async function cookieExpiresWithJwt(walk: Walk): Promise<void> {
  const jwt = (await storedCookie(walk, STORE, 'access_token'))!;
  expect(jwt.expires - Date.now() / 1000).toBeGreaterThan(60);
  expect(jwt.expires).toBeLessThanOrEqual(decodeJwt(jwt.value).exp! + 1);
}

/** Page script hands the cookie-drop endpoint the Store's JWT with a forged signature: it must refuse it. */
async function dropForgedJwt(walk: Walk): Promise<void> {
  const forged = `${(await storedCookie(walk, STORE, 'access_token'))!.value.slice(0, -4)}AAAA`;
  const status = await walk.lab.page.frame({ url: (url) => url.origin === STORE })!.evaluate(async (token) => {
    const response = await fetch('/api/jwt-cookie', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token }) });
    return response.status;
  }, forged);
  expect(status).toBe(401);
}

/** The Forums' JWT cookie holds a JWT issued for the Forums, not the Store's. */
async function forumsJwtIsTheirOwn(walk: Walk): Promise<void> {
  const [forums, store] = [await storedCookie(walk, FORUMS, 'access_token'), await storedCookie(walk, STORE, 'access_token')];
  expect(decodeJwt(forums!.value).aud).not.toBe(decodeJwt(store!.value).aud);
}

/** With no refresh token to steal, the stolen JWT is the only attack offered. */
async function onlyJwtAttack({ lab }: Walk): Promise<void> {
  await expect(lab.dialog.locator('button[data-attack]')).toHaveCount(1);
}

export default defineWalkthrough('spa/native-form-to-idp-different-domain-jwt-cookie', [
  { says: 'The lab opens the Store: nobody is logged in', do: start(), lights: [1, 2, 3, 4], shows: loginForm },
  {
    says: 'Log in at the identity provider on its own domain',
    do: logIn(),
    lights: range(5, 11),
    shows: cart,
    check: checks(
      traceLine(7, 'login.example-id.localhost'),
      traceEntry(7, '"token"'),
      idpCookiesRefused,
      hostOnlyHttpOnly(STORE, 'access_token'),
      cookieExpiresWithJwt,
      remember('JWT', STORE, 'access_token'),
    ),
    proves: ['cross-site-cookies-are-refused'],
  },
  { says: 'Try to read the tokens from page script', do: probe('no token'), check: emptyDocumentCookie, proves: ['page-script-reads-no-token'] },
  { says: 'Reload: the Store knows the user', do: reload(), lights: [1, 2, 3, 10, 11], shows: cart },
  { says: 'Hand the cookie-drop endpoint a forged JWT', do: dropForgedJwt, lights: [8, 9], fails: [9], check: checks(answered(9, 401), unchanged('JWT', STORE, 'access_token')), proves: ['cookie-drop-refuses-a-forged-jwt'] },
  { says: 'The JWT expires; reload the cart: back to the login form', do: all(jump('jwt-expires'), press(/reload cart/i)), lights: [12, 13], shows: ended, check: answered(13, 401) },
  { says: 'Log in again', do: logIn(), lights: [14, ...range(6, 11)], shows: cart },
  { says: 'The JWT expires; reload the page: back to the login form', do: all(jump('jwt-expires'), reload()), lights: [1, 2, 3], shows: ended, check: answered(3, 401) },
  { says: 'Log in again', do: logIn(), lights: range(6, 11), shows: cart },
  { says: 'Open the Forums', do: open('forums'), lights: range(15, 18), shows: loginForm, proves: ['no-sso'] },
  { says: 'Log in to the Forums', do: logIn(), lights: range(19, 25), shows: text(/signed in as/i), check: checks(hostOnlyHttpOnly(FORUMS, 'access_token'), forumsJwtIsTheirOwn) },
  { says: 'The hacker replays the stolen JWT cookie', do: attack('stolen-jwt', 'succeeds'), lights: [26, 27], check: checks(onlyJwtAttack, traceLine(27, 'Hacker → Store')) },
  { says: 'The JWT expires: the stolen JWT stops working', do: all(jump('jwt-expires'), attack('stolen-jwt', 'fails')), lights: [26, 27], fails: [27], proves: ['stolen-jwt-lasts-until-it-expires'] },
]);
