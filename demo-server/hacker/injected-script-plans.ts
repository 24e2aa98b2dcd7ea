import type { AttackKind } from '../protocol.ts';
import { answer, type AttackContext, type AttackOutcome, type AttackPlan } from './attack-plans.ts';

// The attacks of a script injected into the app's page. The script itself runs in the reader's
// browser (apps/assets/injected-script.js); what it got arrives here as loot, and the hacker's own
// client tries it against the Store's API, as a thief far from the reader's browser would.

const API_CART = '/cart';

/** Trades a stolen refresh token of the browser-only client for new tokens at the identity provider, as that public client. */
async function redeemRefreshToken({ hacker, browserClientId }: AttackContext, refreshToken: string): Promise<{ access: string } | { refused: string }> {
  const renewed = await hacker({ to: 'idp', method: 'POST', path: '/oauth2/token', cookies: {}, form: { grant_type: 'refresh_token', refresh_token: refreshToken, client_id: browserClientId } });
  const access = renewed.status === 200 ? (JSON.parse(renewed.body) as { access_token?: string }).access_token : undefined;
  return access ? { access } : { refused: answer(renewed) };
}

/**
 * The hacker calls the Store's API with each stolen access token, and redeems a stolen refresh token
 * too, which keeps the access going after the access token expires (and, with rotation, spends the
 * token the app holds).
 */
async function useTokens(attack: AttackContext): Promise<{ worked: string[]; tried: string[] }> {
  const { hacker, loot } = attack;
  const worked: string[] = [];
  const tried: string[] = [];
  for (const token of loot.tokens) {
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
    const cart = await hacker({ to: 'api', method: 'GET', path: API_CART, cookies: {}, bearer: renewed.access });
    if (cart.status === 200) {
      worked.push('a stolen refresh token, redeemed for new tokens of the hacker’s own');
      break;
    }
    tried.push(`a refresh token (${answer(cart)})`);
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
        return { succeeded: false, summary: `The injected script ${what}, and found no token to send the hacker: in this architecture none reaches the page.${why}` };
      }
      const { worked, tried } = await useTokens(attack);
      return worked.length > 0
        ? { succeeded: true, summary: `The injected script ${what} and sent the hacker ${loot.tokens.length + loot.refreshTokens.length} token(s); with ${worked.join(', and with ')}, the hacker's own client read the cart from the Store's API, far from your browser.` }
        : { succeeded: false, summary: `The injected script ${what} and sent the hacker some tokens, but none worked any more: ${tried.join('; ')}.` };
    },
  };
}

/** (a) Single-execution token theft. */
export const scriptStealsTokens = scriptTokenAttack('xss-steal', 'read the cookies and both storages once');
/** (b) Persistent token theft: the script watches every request and token answer while the page lives. */
export const scriptKeepsStealing = scriptTokenAttack('xss-persist', 'wrapped fetch, let the app reload its data, and copied every token that passed');
/** (c) Acquisition of new tokens through the page's own origin. */
export const scriptAcquiresTokens = scriptTokenAttack('xss-acquire', 'asked for tokens of its own, with a silent authorization request and any token endpoint the page uses,');

/** (d) Proxying: the script makes the app fetch the data and reads it off the page; no token needed. */
export const scriptUsesTheApp: AttackPlan = {
  kind: 'xss-proxy',
  async carryOut({ loot }) {
    return loot.data
      ? { succeeded: true, summary: `The injected script had the app load the cart, with everything your browser attaches, and read it off the page: "${loot.data.slice(0, 120)}". This works in every architecture for as long as the page is open.` }
      : { succeeded: false, summary: 'The injected script found no cart to read on the page: log in first.' };
  },
};

/** The four attacks, in the order the articles draw them. */
export const INJECTED_SCRIPT_ATTACKS: readonly AttackPlan[] = [scriptStealsTokens, scriptKeepsStealing, scriptAcquiresTokens, scriptUsesTheApp];
