/**
 * A walkthrough is a workflow's live demo written as a reader's script: a list of actions (open the
 * app, follow a link, log in, reload, move the clock, run an attack, run the probe, log out, …), each
 * with the arrows it must light, in order. tests/e2e/demo/walkthroughs.spec.ts runs every one in
 * Chromium and then checks that every arrow of the diagram was lit by a real exchange.
 *
 * Checks a workflow needs beyond that stay next to its script as `check`s; the common ones live in
 * assertions.ts.
 */
import { expect, type BrowserContext, type FrameLocator, type Locator } from '@playwright/test';
import type { AttackKind } from '../../../demo-server/protocol.ts';
import { FORUMS, STORE, type LiveLab } from '../demo/live-lab.ts';

/** What a step's action and checks work with. */
export interface Walk {
  lab: LiveLab;
  context: BrowserContext;
  /** Values a check keeps for a later one (a cookie before a refresh, …). */
  memory: Map<string, unknown>;
}

export interface Step {
  /** What the reader does, in words: it names the step when a run fails. */
  says: string;
  do: (walk: Walk) => Promise<unknown>;
  /** The arrows this action lights, exactly and in this order. */
  lights?: number[];
  /** Of those, the ones whose answer contradicts its arrow (a refused replay); every other one must not. */
  fails?: number[];
  /** What the framed app shows once the action is done. */
  shows?: (app: FrameLocator) => Locator;
  /** Anything else this step establishes, in code. */
  check?: (walk: Walk) => Promise<void>;
  /** The article's claims this step shows to be true (`<Claim proof="…">`, and `proofs` in its frontmatter). */
  proves?: string[];
}

export interface Walkthrough {
  /** The article's id, `<app-type>/<slug>`. */
  article: string;
  steps: Step[];
}

export const defineWalkthrough = (article: string, steps: Step[]): Walkthrough => ({ article, steps });

/** Steps `from` to `to`, inclusive. */
export const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);

// What the framed app shows.
export const text = (pattern: RegExp | string) => (app: FrameLocator) => app.getByText(pattern).first();
export const heading = (name: RegExp | string) => (app: FrameLocator) => app.getByRole('heading', { name });
export const button = (name: RegExp | string) => (app: FrameLocator) => app.getByRole('button', { name, exact: typeof name === 'string' });
export const link = (name: RegExp | string) => (app: FrameLocator) => app.getByRole('link', { name, exact: typeof name === 'string' });

// What the reader does.
type Action = Step['do'];

const ORIGINS = { store: STORE, forums: FORUMS };
/** Types an address into the lab's address bar: a path on the Store's or the Forums' host. */
export const open = (app: keyof typeof ORIGINS, path = '/'): Action => async ({ lab }) => lab.go(`${ORIGINS[app]}${path}`);
export const follow = (name: RegExp | string): Action => async ({ lab }) => lab.app.getByRole('link', { name, exact: typeof name === 'string' }).click();
export const press = (name: RegExp | string): Action => async ({ lab }) => lab.app.getByRole('button', { name, exact: typeof name === 'string' }).click();
export const logIn = (): Action => async ({ lab }) => lab.logIn();
/** Signs in on the identity provider's own login page (the OAuth workflows). */
export const signInAtIdp = (): Action => async ({ lab }) => lab.signInAtIdp();
export const reload = (): Action => async ({ lab }) => lab.reload();
/** Nothing but waiting for what the lab's start already set going. */
export const start = (): Action => async () => undefined;

const JUMP_LABELS = {
  'jwt-expires': /JWT expires now/i,
  'session-expires': /session expires now/i,
  'refresh-token-expires': /refresh token expires now/i,
} as const;
export const jump = (to: keyof typeof JUMP_LABELS): Action => async ({ lab }) => lab.jump(JUMP_LABELS[to]);

const ATTACK_LABELS: Record<AttackKind, RegExp> = {
  'stolen-refresh-token': /stolen refresh token/i,
  'stolen-jwt': /stolen JWT/i,
  'stolen-session': /stolen session id/i,
  'code-replay': /used authorization code/i,
  'stolen-code': /catch your next code/i,
  'login-csrf': /hacker's own code/i,
  'foreign-redirect-uri': /code for the hacker's site/i,
  'xss-steal': /steal the tokens it can read/i,
  'xss-persist': /keep stealing tokens/i,
  'xss-acquire': /fresh tokens of its own/i,
  'xss-proxy': /use the app as a proxy/i,
};
/** Runs an attack from the lab; it must end as `outcome` says. */
export const attack = (kind: AttackKind, outcome: 'succeeds' | 'fails'): Action => async ({ lab }) => {
  expect(await lab.attack(ATTACK_LABELS[kind]), `${kind} ${outcome}`).toBe(outcome === 'succeeds');
};
/** Runs the page-script probe; `finds` says whether injected script on the page gets a token. */
export const probe = (finds: 'a token' | 'no token'): Action => async ({ lab }) => {
  const seen = await lab.probe();
  if (finds === 'no token') expect(seen).toContain('No token is visible');
  else expect(seen).toContain('The script got a token');
};
/** Several actions as one step. */
export const all = (...actions: Action[]): Action => async (walk) => {
  for (const action of actions) await action(walk);
};
