/**
 * What the demo server tells an article's live panel, and what the panel may ask of it.
 * Shared by both sides (types only), so the two cannot drift apart.
 *
 * All routes live on the docs host, under /__demo/, and act on the reader's own run,
 * identified by the HttpOnly `demo_run` cookie (never by anything page script can read).
 *
 *   GET    /__demo/status.json        → DemoStatus (no run needed). A static build ships this file with no
 *                                       workflows, so the article learns "no demo here" without an error.
 *   POST   /__demo/runs               ← StartRunRequest   → RunSnapshot, sets the run cookie (429 + Retry-After
 *                                       past the caller's share, 503 + Retry-After when every run is in use)
 *   GET    /__demo/run                → RunSnapshot of the browser's live run (404 + DemoError without one),
 *                                       so a second tab of the same article joins it
 *   DELETE /__demo/run?reason=…       → 204, ends the run (EndReason: reset, closed or replaced; reset when
 *                                       absent) and clears the demo's cookies (Clear-Site-Data)
 *   GET    /__demo/run/events         → text/event-stream of RunEvent (first event: a `snapshot`)
 *   POST   /__demo/run/clock          ← ClockRequest      → ClockState   (409 + DemoError where not honest)
 *   POST   /__demo/run/attack         ← AttackRequest     → AttackResult
 *
 * State-changing routes take JSON only and check Origin (CSRF); errors answer DemoError. Starting runs,
 * attacks and logins are limited per client address: 429 with Retry-After and a DemoError sentence.
 *
 * Every app host also answers GET /__demo/clear, run or not, with `Clear-Site-Data: "cookies", "storage"`:
 * the panel loads it after ending a run, so nothing of the run stays in the apps' storage either.
 */

/** The participants of the story, named exactly as in the diagrams' `participant` lines. */
export type Actor = 'Browser' | 'Store' | 'Forums' | 'API' | 'IdP' | 'Hacker';

export interface DemoStatus {
  /** `embedded`: the project's own identity provider, with the demo clock; `fusionauth`: a real FusionAuth; null: no demo server (static hosting). */
  identityProvider: 'embedded' | 'fusionauth' | null;
  /** Article ids (`<app-type>/<slug>`) that have a runnable demo. */
  workflows: string[];
  /** The app hosts a run can leave cookies and storage on; each answers GET /__demo/clear (absent on a static host). */
  appOrigins?: string[];
}

export interface StartRunRequest {
  /** Article id, e.g. `webapp/native-form-to-backend-jwt-refresh-cookies`. */
  workflow: string;
}

export interface RunSnapshot {
  workflow: string;
  /** Credentials of the user made for this run; typed by the reader into the app's login form. */
  user: { email: string; password: string };
  /** Where the run's apps live, as the reader's browser reaches them. */
  /** `idp` shares the apps' parent domain; `idpOwnDomain` is the identity provider on a domain of its own. */
  origins: { docs: string; store: string; forums: string; api: string; idp: string; idpOwnDomain: string };
  clock: ClockState;
  /** Lifetimes the identity provider applies to the Store's tokens. */
  lifetimes: { jwtSeconds: number; refreshTokenSeconds: number };
  /** The clock jumps this workflow's panel offers, in order. */
  jumps: ClockJump[];
  attacks: AttackKind[];
  exchanges: Exchange[];
  /** Exchanges dropped from the start of the trace because it reached its size limit. */
  droppedExchanges: number;
}

export interface ClockState {
  /** How far this run's clock runs ahead of real time. */
  offsetSeconds: number;
  /** False on a real FusionAuth, whose clock the demo cannot move. */
  available: boolean;
  /** Why the clock cannot move, in one sentence, when `available` is false. */
  unavailableReason?: string;
}

export type ClockJump = 'jwt-expires' | 'refresh-token-expires' | 'session-expires';

export interface ClockRequest {
  jump: ClockJump;
}

/**
 * The attacks of the articles' "Attack vectors" sections. The first three replay a token copied from
 * the reader's browser; the OAuth ones go after the authorization code grant: a used code replayed,
 * a code stolen on its way and redeemed without its PKCE verifier, a login-CSRF link with the
 * hacker's own code, and an authorize link with a redirect URI the app never registered. The `xss-`
 * ones are a script injected into the app's page: it steals the tokens it can read (once, or for as
 * long as the page lives), acquires tokens of its own, or uses the app itself as a proxy.
 */
export type AttackKind =
  | 'stolen-refresh-token'
  | 'stolen-jwt'
  | 'stolen-session'
  | 'code-replay'
  | 'stolen-code'
  | 'login-csrf'
  | 'foreign-redirect-uri'
  | 'xss-steal'
  | 'xss-persist'
  | 'xss-acquire'
  | 'xss-proxy';

export interface AttackRequest {
  attack: AttackKind;
  /** For the `xss-` attacks: what the script injected into the framed page got. */
  loot?: ScriptLoot;
}

/** What a script injected into an app's page hands the hacker. */
export interface ScriptLoot {
  tokens: string[];
  refreshTokens: string[];
  /** Data the script read off the page (the proxying attack). */
  data?: string;
  /** Why it got nothing, in the script's words. */
  notes?: string[];
}

export interface AttackResult {
  attack: AttackKind;
  /** True when the attack got the victim's data, false when it was refused. */
  succeeded: boolean;
  /** One sentence on what happened, for the panel. */
  summary: string;
  /** Ids of the exchanges the hacker made (also sent as events). */
  exchangeIds: number[];
}

/** One real HTTP exchange that crossed the wire during the run. */
export interface Exchange {
  /** 1, 2, 3… in the order the requests started. */
  id: number;
  /** Wall-clock time the request started (ms since the epoch). */
  startedAt: number;
  /** How far the run's clock ran ahead of real time when the request started. */
  clockOffsetSeconds: number;
  /** The exchange whose handling made this request (an app's call to the identity provider). */
  causedBy?: number;
  from: Actor;
  to: Actor;
  method: string;
  /** Full URL as the sender addressed it (http://store.example.localhost:4400/shopping-cart). */
  url: string;
  request: {
    /** Cookies sent, by name. */
    cookies: Record<string, string>;
    /** The Authorization header, when one was sent (a bearer JWT). */
    authorization?: string;
    /**
     * How the browser related the request to the page that made it (its Sec-Fetch-Site header):
     * `cross-site` answers may not set SameSite=Lax or Strict cookies.
     */
    fetchSite?: 'same-origin' | 'same-site' | 'cross-site' | 'none';
    /** The Sec-Fetch-Dest header: `document` for a page navigation, `empty` for fetch(). */
    fetchDest?: string;
    /** Query or form parameters. */
    params: Record<string, string>;
    /** Body as text (JSON pretty-printed), passwords replaced by "••••", cut at 4 KB. */
    body?: string;
    contentType?: string;
  };
  /** Absent while the request is still in flight. */
  response?: {
    status: number;
    setCookies: SetCookie[];
    location?: string;
    body?: string;
    contentType?: string;
    durationMs: number;
  };
  /** Transport failure (connection refused, timeout) instead of a response. */
  error?: string;
}

export interface SetCookie {
  name: string;
  value: string;
  /** Absent for a host-only cookie. */
  domain?: string;
  path?: string;
  expires?: string;
  maxAge?: number;
  httpOnly: boolean;
  secure: boolean;
  sameSite?: 'Strict' | 'Lax' | 'None';
  /** The header exactly as sent. */
  raw: string;
}

export type RunEvent =
  | { type: 'snapshot'; run: RunSnapshot }
  | { type: 'request'; exchange: Exchange }
  | { type: 'response'; exchange: Exchange }
  | { type: 'clock'; jump: ClockJump; clock: ClockState }
  /** An attack's link opens in the reader's browser: the panel navigates its frame there. */
  | { type: 'lure'; attack: AttackKind; url: string }
  | { type: 'ended'; reason: EndReason };

/**
 * Why a run ended: `reset` (Reset pressed), `closed` (the lab closed), `replaced` (the browser started a
 * run of another workflow), `expired` (no request for the idle timeout), `evicted` (idle while the server,
 * or the reader's network address, had no room left for another reader's new run), `shutdown` (the
 * server stopped). A panel only hears of its own run ending when another tab or the server ended it.
 */
export type EndReason = 'reset' | 'closed' | 'replaced' | 'expired' | 'evicted' | 'shutdown';

export interface DemoError {
  error: string;
}
