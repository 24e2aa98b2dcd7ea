/**
 * "Which workflow should I use?": the questions that decide, and one answer per situation.
 *
 * Each answer names the situation it covers (`when`: an answer to some of the questions; the others
 * don't change it), says why in a sentence or two, and names workflows by article id
 * (`content/workflows/<id>.mdx`). A recommendation or an alternative is a list of picks in order of
 * preference: the first whose article exists is shown, so an article still being written can stand
 * first in the list and take over the day it lands. The build fails, naming the answer and the id,
 * when no pick of a list exists, when an id is neither an article nor in `PLANNED_ARTICLES`, or when
 * a pick cites a proof its article's frontmatter doesn't list (src/lib/choices.ts).
 */

export const QUESTIONS = {
  app: {
    topic: 'the kind of app',
    legend: 'What are you building?',
    options: {
      webapp: { label: 'A server-rendered web app', short: 'Server-rendered web app' },
      spa: { label: 'A single-page app (JavaScript in the browser calls an API)', short: 'Single-page app' },
      native: { label: 'A mobile or desktop app', short: 'Mobile or desktop app' },
    },
  },
  loginPage: {
    topic: 'the login page',
    legend: 'Where may users type their password?',
    options: {
      hosted: { label: "On the identity provider's own login page (it can carry your branding)", short: "identity provider's login page" },
      'own-form': { label: "Only in the app's own login form", short: 'own login form' },
    },
  },
  domains: {
    topic: 'domains',
    legend: 'Where do your apps and the identity provider live?',
    options: {
      'one-domain': { label: 'Under one parent domain (store.example.com, login.example.com)', short: 'one parent domain' },
      'several-domains': { label: 'On different domains (store.example.com, login.example-id.com)', short: 'different domains' },
    },
  },
  sso: {
    topic: 'single sign-on',
    legend: 'Should one login carry over to your other apps (single sign-on)?',
    options: {
      yes: { label: 'Yes', short: 'single sign-on wanted' },
      no: { label: 'No, or there is only one app', short: 'no single sign-on' },
    },
  },
  data: {
    topic: 'what is at stake',
    legend: 'What would a stolen login expose?',
    options: {
      sensitive: { label: 'Personal or business data', short: 'personal or business data' },
      'low-stakes': { label: 'Little of value: low-stakes data', short: 'low-stakes data' },
    },
  },
} as const;

export type QuestionId = keyof typeof QUESTIONS;
export type OptionId<Q extends QuestionId> = keyof (typeof QUESTIONS)[Q]['options'] & string;
/** Answers to some of the questions. */
export type Situation = { readonly [Q in QuestionId]?: OptionId<Q> };

/**
 * What the live demo proves, as the chooser words it, keyed by the proof names of the articles'
 * frontmatter. A pick without `cite` shows the first three of its article's proofs in this order.
 */
export const PROOF_PHRASES = {
  'password-goes-only-to-the-idp': 'the password goes only to the identity provider',
  'only-a-session-cookie-reaches-the-browser': 'the browser holds only a session cookie',
  'a-script-finds-no-token': 'an injected script finds no token',
  'page-script-reads-no-token': 'script on the page finds no token',
  'sso-logs-in-without-a-password': 'a second app logs in without a password',
  'a-stolen-code-needs-its-verifier': 'a stolen code is useless without its PKCE verifier',
  'state-stops-login-csrf': 'the state parameter stops login CSRF',
  'logout-ends-the-session': 'logging out ends the session at once',
  'logout-revokes-the-refresh-token': 'logging out revokes the refresh token',
  'logout-ends-the-idp-session': "logging out ends the identity provider's session",
  'a-code-works-once': 'an authorization code works once',
  'an-unregistered-redirect-uri-gets-no-code': 'an unregistered redirect URI gets no code',
  'session-id-is-random': 'the session id is random',
  'cookies-stay-on-the-store': "the cookies stay on the app's own host",
  'idp-session-cookie-stays-on-the-login-host': "the identity provider's session cookie stays on its own host",
  'the-other-app-keeps-its-login': 'logging out of one app leaves the other logged in',
  'cookie-drop-refuses-a-forged-jwt': 'the cookie drop refuses a forged JWT',
  'cross-site-cookies-are-refused': "the browser refuses the identity provider's cookies across sites",
  'refresh-token-cookie-stays-on-the-idp': "the refresh token cookie stays on the identity provider's host",
  'stolen-session-id-works-until-the-session-ends': 'a stolen session id works until the session ends',
  'stolen-jwt-lasts-until-it-expires': 'a stolen JWT works until it expires',
  'stolen-refresh-token-works-until-it-expires': 'a stolen refresh token works until it expires',
  'store-refreshes-a-stolen-refresh-token': 'a stolen refresh token gets fresh tokens from the app',
  'page-script-reads-the-jwt': 'script on the page reads the JWT',
  'cookies-cover-the-parent-domain': 'the cookies cover the whole parent domain',
  'forums-login-replaces-the-store-cookies': "a second app's login replaces the first one's cookies",
  'forums-login-leaves-the-store-cookies': "a second app's login leaves the first one's cookies alone",
  'one-app-logged-in-at-a-time': 'only one app can be logged in at a time',
  'no-sso': 'a second app needs a login of its own',
  'a-script-that-stays-sees-no-token': 'a script that stays in the page sees no token either',
  'a-script-gets-no-tokens-of-its-own': 'an injected script gets no tokens of its own',
  'a-script-can-use-the-app-while-the-page-is-open': 'an injected script can still use the app while the page is open',
  'the-backend-refuses-calls-without-its-header': 'the backend refuses calls without its own header',
  'idp-session-outlives-the-app-session': "the identity provider's session outlives the app's",
} as const;

export type ProofName = keyof typeof PROOF_PHRASES;

/**
 * Articles announced but not necessarily written yet. A pick may name one of these before it
 * exists; any other id must be a written article. Once an article is written, its entry here is
 * harmless and can go.
 */
export const PLANNED_ARTICLES = [
  'webapp/oauth-authorization-code-session',
  'webapp/oauth-authorization-code-session-refresh-token',
  'spa/oauth-authorization-code-jwt-refresh-cookies',
  'spa/oauth-authorization-code-session',
  'spa/oauth-authorization-code-session-refresh-token',
  'spa/backend-for-frontend',
  'spa/token-mediating-backend',
  'spa/browser-only-oauth-client',
] as const;

export interface Pick {
  /** The article's id: `content/workflows/<article>.mdx`. */
  readonly article: string;
  /** What this workflow gives and costs in the answer's situation, in a sentence or two. */
  readonly note: string;
  /** Proofs of the article to link (each must be in its frontmatter); without it, the article's first three in PROOF_PHRASES order. */
  readonly cite?: readonly ProofName[];
}

/** Picks in order of preference: the first whose article exists is shown. */
export type Choice = readonly Pick[];

export interface OptionalChoice {
  readonly picks: Choice;
  /** Shown once one of its articles exists; until then left out instead of failing the build. */
  readonly optional?: true;
}

export interface Answer {
  /** The section's id, for links: /workflows/choose/#<id>. Never change one: readers bookmark them. */
  readonly id: string;
  /** The situation it answers; questions left out don't change the answer. */
  readonly when: Situation;
  /** Why, in a sentence or two. */
  readonly why: string;
  readonly recommend: Choice;
  readonly alternatives: readonly OptionalChoice[];
  /** What not to do here and why, with the articles that show it. */
  readonly avoid?: { readonly text: string; readonly choices?: readonly OptionalChoice[] };
}

const WEBAPP = {
  oauthSession: 'webapp/oauth-authorization-code-session',
  oauthJwt: 'webapp/oauth-authorization-code-jwt-refresh-cookies',
  oauthSessionRefresh: 'webapp/oauth-authorization-code-session-refresh-token',
  formSession: 'webapp/native-form-to-backend-session',
  formJwt: 'webapp/native-form-to-backend-jwt-refresh-cookies',
  formSessionRefresh: 'webapp/native-form-to-backend-session-refresh-token',
} as const;

const SPA = {
  bff: 'spa/backend-for-frontend',
  tokenMediating: 'spa/token-mediating-backend',
  browserOnly: 'spa/browser-only-oauth-client',
  oauthSession: 'spa/oauth-authorization-code-session',
  oauthJwt: 'spa/oauth-authorization-code-jwt-refresh-cookies',
  oauthSessionRefresh: 'spa/oauth-authorization-code-session-refresh-token',
  formSession: 'spa/native-form-to-backend-session',
  formJwt: 'spa/native-form-to-backend-jwt-refresh-cookies',
  formSessionRefresh: 'spa/native-form-to-backend-session-refresh-token',
  idpSameDomain: 'spa/native-form-to-idp-same-domain-jwt-refresh-cookies',
  idpOtherDomain: 'spa/native-form-to-idp-different-domain-jwt-cookie',
  idpLocalStorage: 'spa/native-form-to-idp-jwt-local-storage',
} as const;

// Picks shared by several answers.

const webappHostedLogin: Choice = [
  {
    article: WEBAPP.oauthSession,
    note: 'The browser holds nothing but a random session id in an HttpOnly cookie; the tokens stay on the server, and logging out ends the session at once.',
    cite: ['password-goes-only-to-the-idp', 'page-script-reads-no-token', 'logout-ends-the-session'],
  },
  {
    article: WEBAPP.oauthJwt,
    note: 'The code grant with PKCE, with both tokens in HttpOnly cookies rather than a server session: the password goes to the identity provider alone, page script never sees a token, and a second app logs in through the identity provider’s session.',
    cite: ['password-goes-only-to-the-idp', 'page-script-reads-no-token', 'sso-logs-in-without-a-password'],
  },
];

/** The SPA's backend runs the code grant and keeps the tokens out of the SPA's reach. */
const spaHostedLogin: Choice = [
  {
    article: SPA.bff,
    note: 'The SPA’s backend is the OAuth client: it redeems the code with PKCE, keeps every token on the server and forwards the SPA’s API calls, which carry only an HttpOnly session cookie. What injected script can still do is use the app while the page is open.',
    cite: ['password-goes-only-to-the-idp', 'only-a-session-cookie-reaches-the-browser', 'a-script-finds-no-token', 'a-script-can-use-the-app-while-the-page-is-open'],
  },
  {
    article: SPA.oauthSession,
    note: 'The backend-for-frontend pattern in practice: the SPA’s backend redeems the code and keeps the tokens in its session, so the browser holds nothing but a session id.',
  },
  {
    article: SPA.oauthJwt,
    note: 'The SPA’s backend redeems the code with PKCE and keeps both tokens in HttpOnly cookies on its own host: no code or token ever reaches the SPA’s script.',
  },
];

/** For native apps there is no article yet: the closest one shows the same exchange with the identity provider. */
const nativeHostedLogin: Choice = [
  {
    article: WEBAPP.oauthJwt,
    note: 'No article covers native apps yet. This one shows the same exchange with the identity provider (the redirect, the code, PKCE, state, single sign-on), run by a web server; a native app redeems the code itself and keeps the tokens in the system’s secure storage.',
    cite: ['password-goes-only-to-the-idp', 'a-stolen-code-needs-its-verifier', 'sso-logs-in-without-a-password'],
  },
];

/** The browser-only client is the same kind of client as a native app: public, redeeming its own code. */
const nativeLikeClient: OptionalChoice = {
  optional: true,
  picks: [
    {
      article: SPA.browserOnly,
      note: 'The same kind of client as a native app, in a browser: it redeems the code itself with PKCE and holds the tokens, which a native app keeps in the system’s secure storage (Keychain, Keystore) instead of page memory.',
    },
  ],
};

const spaLocalStorage: OptionalChoice = {
  picks: [
    {
      article: SPA.idpLocalStorage,
      note: 'Any script on the page can read a JWT kept in localStorage and use it from anywhere until it expires.',
      cite: ['page-script-reads-the-jwt', 'stolen-jwt-lasts-until-it-expires'],
    },
  ],
};

const noPasswordGrant =
  'Skip the OAuth password grant, which RFC 9700 says must not be used. A form of your own can post to the identity provider’s login API instead, as these workflows do; it still puts the password in your app’s hands, which is the price of the form.';

export const ANSWERS: readonly Answer[] = [
  // Server-rendered web apps: the backend is a confidential client, and the domains don't matter.
  {
    id: 'webapp-hosted-sensitive',
    when: { app: 'webapp', loginPage: 'hosted', data: 'sensitive' },
    why: 'Let the identity provider run the login with the authorization code grant and PKCE: the password never reaches your app, and single sign-on comes with it whatever your domains. With personal or business data at stake, keep the user in a server session, so the browser holds only an id you can end at once.',
    recommend: webappHostedLogin,
    alternatives: [
      {
        picks: [
          {
            article: WEBAPP.oauthJwt,
            note: 'Both tokens in HttpOnly cookies instead of a server session: no session store to run, but a stolen refresh token keeps buying new JWTs until it expires or the user logs out.',
            cite: ['page-script-reads-no-token', 'store-refreshes-a-stolen-refresh-token', 'stolen-jwt-lasts-until-it-expires'],
          },
        ],
      },
      {
        picks: [
          {
            article: WEBAPP.oauthSessionRefresh,
            note: 'A session renewed from a refresh token cookie: fewer logins, but a token that lasts weeks now waits in the browser.',
            cite: ['logout-revokes-the-refresh-token', 'store-refreshes-a-stolen-refresh-token'],
          },
        ],
      },
    ],
  },
  {
    id: 'webapp-hosted-low-stakes',
    when: { app: 'webapp', loginPage: 'hosted', data: 'low-stakes' },
    why: 'The authorization code grant with PKCE is the right login whatever is at stake: only the identity provider sees the password, and single sign-on comes for free across any domains. With little to lose, a refresh token that keeps users logged in for weeks is a fair trade.',
    recommend: [
      {
        article: WEBAPP.oauthJwt,
        note: 'Both tokens in HttpOnly cookies on the app’s own host. The backend refreshes the JWT by itself, so users stay logged in until the refresh token expires (30 days by default) or they log out.',
        cite: ['password-goes-only-to-the-idp', 'page-script-reads-no-token', 'sso-logs-in-without-a-password'],
      },
    ],
    alternatives: [
      {
        picks: [
          {
            article: WEBAPP.oauthSession,
            note: 'A server session instead: nothing long-lived in the browser and simpler to end, but users log in again whenever it times out.',
            cite: ['session-id-is-random', 'logout-ends-the-session'],
          },
        ],
      },
      {
        picks: [
          {
            article: WEBAPP.oauthSessionRefresh,
            note: 'A server session renewed from a refresh token cookie, for apps that already keep sessions.',
            cite: ['page-script-reads-no-token', 'logout-revokes-the-refresh-token'],
          },
        ],
      },
    ],
  },
  {
    id: 'webapp-own-form-sso',
    when: { app: 'webapp', loginPage: 'own-form', sso: 'yes' },
    why: 'No workflow with an app’s own form gives single sign-on: the identity provider keeps its session only for users who log in on its own pages, and a login through its API from your form leaves none. For single sign-on, use the identity provider’s login page (most can be styled to match your app); to keep the form, give up single sign-on.',
    recommend: webappHostedLogin,
    alternatives: [
      {
        picks: [
          {
            article: WEBAPP.formSession,
            note: 'If the form must stay: your backend sees the password and logs in at the identity provider’s API, and every app asks for the password again.',
            cite: ['no-sso', 'page-script-reads-no-token'],
          },
        ],
      },
    ],
  },
  {
    id: 'webapp-own-form-sensitive',
    when: { app: 'webapp', loginPage: 'own-form', sso: 'no', data: 'sensitive' },
    why: 'With your own form the password passes through your backend, which logs in at the identity provider’s API: serve the form over TLS and never log or store the password. Keep the user in a server session, so no token reaches the browser and logging out ends the session at once.',
    recommend: [
      {
        article: WEBAPP.formSession,
        note: 'Only a random session id reaches the browser, in an HttpOnly cookie; the tokens stay on the server.',
        cite: ['page-script-reads-no-token', 'session-id-is-random', 'logout-ends-the-session'],
      },
    ],
    alternatives: [
      {
        picks: [
          {
            article: WEBAPP.formSessionRefresh,
            note: 'Sessions renewed from a refresh token cookie: fewer logins, but a token that lasts weeks sits in the browser.',
            cite: ['logout-revokes-the-refresh-token', 'store-refreshes-a-stolen-refresh-token'],
          },
        ],
      },
      {
        picks: [
          {
            article: WEBAPP.formJwt,
            note: 'Both tokens in HttpOnly cookies and no session to keep, but no logout either: a stolen refresh token works until it expires.',
            cite: ['page-script-reads-no-token', 'store-refreshes-a-stolen-refresh-token'],
          },
        ],
      },
      {
        picks: [
          { article: WEBAPP.oauthSession, note: 'If the form can go: the identity provider’s page keeps the password out of your app altogether.', cite: ['password-goes-only-to-the-idp'] },
          { article: WEBAPP.oauthJwt, note: 'If the form can go: the identity provider’s page keeps the password out of your app altogether.', cite: ['password-goes-only-to-the-idp'] },
        ],
      },
    ],
    avoid: { text: noPasswordGrant },
  },
  {
    id: 'webapp-own-form-low-stakes',
    when: { app: 'webapp', loginPage: 'own-form', sso: 'no', data: 'low-stakes' },
    why: 'With your own form the password passes through your backend, which logs in at the identity provider’s API: serve the form over TLS and never log or store the password. With little at stake, a refresh token that renews the session saves users from logging in again and again.',
    recommend: [
      {
        article: WEBAPP.formSessionRefresh,
        note: 'A server session, renewed from a refresh token cookie when it times out; logging out ends the session and revokes the refresh token.',
        cite: ['page-script-reads-no-token', 'logout-revokes-the-refresh-token', 'store-refreshes-a-stolen-refresh-token'],
      },
    ],
    alternatives: [
      {
        picks: [{ article: WEBAPP.formSession, note: 'A plain server session: nothing long-lived in the browser, but a login each time it times out.', cite: ['logout-ends-the-session'] }],
      },
      {
        picks: [
          {
            article: WEBAPP.formJwt,
            note: 'Both tokens in HttpOnly cookies and no session store, but no logout: the cookies last until the tokens expire.',
            cite: ['page-script-reads-no-token', 'stolen-jwt-lasts-until-it-expires'],
          },
        ],
      },
    ],
    avoid: { text: noPasswordGrant },
  },

  // Single-page apps: current guidance puts a backend between the SPA and its tokens.
  {
    id: 'spa-hosted-sensitive',
    when: { app: 'spa', loginPage: 'hosted', data: 'sensitive' },
    why: 'The IETF draft “OAuth 2.0 for Browser-Based Applications” ranks a backend-for-frontend first: your backend runs the authorization code grant with PKCE and keeps the tokens, and the SPA carries only an HttpOnly cookie, so injected script finds no token to steal. The draft does not recommend a client that lives in the browser alone for apps with personal or business data.',
    recommend: spaHostedLogin,
    alternatives: [
      {
        optional: true,
        picks: [{ article: SPA.oauthSession, note: 'The SPA’s backend redeems the code and keeps the tokens in a server session: the browser holds only a session id, and the SPA calls its own backend rather than the API.' }],
      },
      {
        optional: true,
        picks: [{ article: SPA.oauthJwt, note: 'Both tokens in HttpOnly cookies set by the SPA’s backend, in place of a server session.' }],
      },
      {
        optional: true,
        picks: [{ article: SPA.oauthSessionRefresh, note: 'A server session renewed from a refresh token cookie: fewer logins, but a token that lasts weeks waits in the browser.' }],
      },
    ],
    avoid: {
      text: 'Any token within reach of page script: in localStorage, in memory, or in a cookie script can read. The implicit grant is out too: RFC 9700 says it should not be used.',
      choices: [spaLocalStorage, { optional: true, picks: [{ article: SPA.browserOnly, note: 'A client that lives in the browser alone holds its tokens where injected script can use them; the draft keeps it for low-stakes apps.' }] }],
    },
  },
  {
    id: 'spa-hosted-low-stakes',
    when: { app: 'spa', loginPage: 'hosted', data: 'low-stakes' },
    why: 'A backend-for-frontend is still the safest design, and cheap if your SPA already has a backend. With little at stake, the IETF draft also accepts a token-mediating backend or a client in the browser alone that uses PKCE and rotated refresh tokens; the implicit grant stays out, as RFC 9700 says it should not be used.',
    recommend: spaHostedLogin,
    alternatives: [
      {
        optional: true,
        picks: [{ article: SPA.tokenMediating, note: 'The backend gets the tokens and hands the SPA its access token: simpler calls to APIs, but script can use or copy that token while it lasts.' }],
      },
      {
        optional: true,
        picks: [{ article: SPA.browserOnly, note: 'No backend at all: the SPA redeems the code with PKCE and holds the tokens, where any injected script can reach them.' }],
      },
      {
        optional: true,
        picks: [{ article: SPA.oauthSession, note: 'The SPA’s backend redeems the code and keeps the tokens in a server session: the browser holds only a session id.' }],
      },
      {
        optional: true,
        picks: [{ article: SPA.oauthJwt, note: 'Both tokens in HttpOnly cookies set by the SPA’s backend, in place of a server session.' }],
      },
    ],
    avoid: { text: 'Tokens in localStorage: every script on the page can read them.', choices: [spaLocalStorage] },
  },
  {
    id: 'spa-own-form-sso',
    when: { app: 'spa', loginPage: 'own-form', sso: 'yes' },
    why: 'No workflow with an app’s own form gives single sign-on: the identity provider keeps its session only for users who log in on its own pages, and a login through its API from your form leaves none. For single sign-on, send users to the identity provider’s login page (most can be styled to match your app); to keep the form, give up single sign-on.',
    recommend: spaHostedLogin,
    alternatives: [
      {
        picks: [
          {
            article: SPA.formSession,
            note: 'If the form must stay: the SPA posts it to your backend, which logs in at the identity provider’s API, and every app asks for the password again.',
            cite: ['no-sso', 'page-script-reads-no-token'],
          },
        ],
      },
    ],
  },
  {
    id: 'spa-own-form-one-domain-sensitive',
    when: { app: 'spa', loginPage: 'own-form', domains: 'one-domain', sso: 'no', data: 'sensitive' },
    why: 'Post the form to your own backend and keep the user in a server session: your backend sees the password, but every token stays on the server and the SPA carries only an HttpOnly session id. Sending the password straight to the identity provider keeps it from your backend, at the price of cookies shared across the whole parent domain.',
    recommend: [
      {
        article: SPA.formSession,
        note: 'The SPA posts the form to its backend, which logs in at the identity provider’s API and answers with a random session id in an HttpOnly cookie.',
        cite: ['page-script-reads-no-token', 'session-id-is-random', 'logout-ends-the-session'],
      },
    ],
    alternatives: [
      {
        picks: [
          {
            article: SPA.idpSameDomain,
            note: 'The password goes straight to the identity provider under your parent domain, which sets both tokens as HttpOnly cookies there. Those cookies reach every host under the domain, need a proxy that rewrites their domain, and a second app’s login overwrites them.',
            cite: ['page-script-reads-no-token', 'cookies-cover-the-parent-domain', 'forums-login-replaces-the-store-cookies'],
          },
        ],
      },
      {
        picks: [
          {
            article: SPA.formSessionRefresh,
            note: 'A session renewed from a refresh token cookie: fewer logins, but a token that lasts weeks sits in the browser.',
            cite: ['logout-revokes-the-refresh-token', 'store-refreshes-a-stolen-refresh-token'],
          },
        ],
      },
    ],
    avoid: { text: noPasswordGrant, choices: [spaLocalStorage] },
  },
  {
    id: 'spa-own-form-one-domain-low-stakes',
    when: { app: 'spa', loginPage: 'own-form', domains: 'one-domain', sso: 'no', data: 'low-stakes' },
    why: 'Post the form to your own backend, which keeps a server session and renews it from a refresh token, so users seldom log in again. Your backend sees the password; sending it straight to the identity provider under your parent domain avoids that, with cookies shared across the whole domain.',
    recommend: [
      {
        article: SPA.formSessionRefresh,
        note: 'A server session behind an HttpOnly cookie, renewed from a refresh token cookie after a 401; logging out ends both.',
        cite: ['page-script-reads-no-token', 'logout-revokes-the-refresh-token', 'store-refreshes-a-stolen-refresh-token'],
      },
    ],
    alternatives: [
      {
        picks: [
          {
            article: SPA.idpSameDomain,
            note: 'The password goes straight to the identity provider under your parent domain, which sets both tokens as HttpOnly cookies there; they reach every host under the domain, and a second app’s login overwrites them.',
            cite: ['page-script-reads-no-token', 'cookies-cover-the-parent-domain', 'one-app-logged-in-at-a-time'],
          },
        ],
      },
      {
        picks: [
          {
            article: SPA.formJwt,
            note: 'Both tokens in HttpOnly cookies set by your backend, with no session to keep; but no logout, so a stolen refresh token works until it expires.',
            cite: ['page-script-reads-no-token', 'stolen-refresh-token-works-until-it-expires'],
          },
        ],
      },
    ],
    avoid: { text: noPasswordGrant, choices: [spaLocalStorage] },
  },
  {
    id: 'spa-own-form-several-domains-sensitive',
    when: { app: 'spa', loginPage: 'own-form', domains: 'several-domains', sso: 'no', data: 'sensitive' },
    why: 'Post the form to your own backend and keep the user in a server session: your backend sees the password, but every token stays on the server and the SPA carries only an HttpOnly session id. An identity provider on another domain can’t set cookies your app receives, so the workflows where it sets them are out.',
    recommend: [
      {
        article: SPA.formSession,
        note: 'The SPA posts the form to its backend, which logs in at the identity provider’s API and answers with a random session id in an HttpOnly cookie.',
        cite: ['page-script-reads-no-token', 'session-id-is-random', 'logout-ends-the-session'],
      },
    ],
    alternatives: [
      {
        picks: [
          {
            article: SPA.idpOtherDomain,
            note: 'The password goes straight to the identity provider, and the SPA hands the JWT to its backend, which keeps it in an HttpOnly cookie. Script holds the JWT during the login, and with no refresh token every expiry means a new login.',
            cite: ['cross-site-cookies-are-refused', 'page-script-reads-no-token', 'stolen-jwt-lasts-until-it-expires'],
          },
        ],
      },
      {
        picks: [
          {
            article: SPA.formSessionRefresh,
            note: 'A session renewed from a refresh token cookie: fewer logins, but a token that lasts weeks sits in the browser.',
            cite: ['logout-revokes-the-refresh-token', 'store-refreshes-a-stolen-refresh-token'],
          },
        ],
      },
    ],
    avoid: { text: noPasswordGrant, choices: [spaLocalStorage] },
  },
  {
    id: 'spa-own-form-several-domains-low-stakes',
    when: { app: 'spa', loginPage: 'own-form', domains: 'several-domains', sso: 'no', data: 'low-stakes' },
    why: 'Post the form to your own backend, which keeps a server session and renews it from a refresh token, so users seldom log in again. Your backend sees the password; to keep it away, the SPA can post it to the identity provider and hand its backend the JWT, at the cost of a new login whenever the JWT expires.',
    recommend: [
      {
        article: SPA.formSessionRefresh,
        note: 'A server session behind an HttpOnly cookie, renewed from a refresh token cookie after a 401; logging out ends both.',
        cite: ['page-script-reads-no-token', 'logout-revokes-the-refresh-token', 'store-refreshes-a-stolen-refresh-token'],
      },
    ],
    alternatives: [
      {
        picks: [
          {
            article: SPA.idpOtherDomain,
            note: 'The password goes straight to the identity provider on its own domain, and the SPA hands the JWT to its backend’s cookie drop. No refresh token survives the cross-site answer, so users log in again each time the JWT expires (an hour by default).',
            cite: ['cross-site-cookies-are-refused', 'cookie-drop-refuses-a-forged-jwt', 'stolen-jwt-lasts-until-it-expires'],
          },
        ],
      },
      {
        picks: [
          {
            article: SPA.formJwt,
            note: 'Both tokens in HttpOnly cookies set by your backend, with no session to keep; but no logout, so a stolen refresh token works until it expires.',
            cite: ['page-script-reads-no-token', 'stolen-refresh-token-works-until-it-expires'],
          },
        ],
      },
    ],
    avoid: { text: noPasswordGrant, choices: [spaLocalStorage] },
  },

  // Mobile and desktop apps: RFC 8252 (OAuth 2.0 for Native Apps).
  {
    id: 'native-hosted',
    when: { app: 'native', loginPage: 'hosted' },
    why: 'RFC 8252 (OAuth 2.0 for Native Apps) asks for the authorization code grant with PKCE in the system browser: the password stays with the identity provider, and the browser’s session with it gives single sign-on across apps. Keep the tokens in the system’s secure storage; the app can’t keep a secret, so RFC 9700 wants its refresh tokens rotated or bound to it.',
    recommend: nativeHostedLogin,
    alternatives: [nativeLikeClient],
    avoid: {
      text: 'A login page in a web view inside the app: the app could read the password typed into it, and RFC 8252 says apps must not use one for the login. The password grant is out too: RFC 9700 says it must not be used.',
    },
  },
  {
    id: 'native-own-form-sso',
    when: { app: 'native', loginPage: 'own-form', sso: 'yes' },
    why: 'An app’s own form can’t give single sign-on: the identity provider keeps its session only for users who log in on its own pages. Open its login page in the system browser, as RFC 8252 asks, and every app that does the same shares the login; to keep the form, give up single sign-on.',
    recommend: nativeHostedLogin,
    alternatives: [
      {
        picks: [
          {
            article: SPA.idpOtherDomain,
            note: 'If the form must stay: no article covers native apps yet, and this one shows the same login call, client code posting the password straight to the identity provider’s login API. Each app asks for the password again.',
            cite: ['no-sso', 'stolen-jwt-lasts-until-it-expires'],
          },
        ],
      },
    ],
  },
  {
    id: 'native-own-form',
    when: { app: 'native', loginPage: 'own-form', sso: 'no' },
    why: 'With its own form, the app handles the password: post it over TLS to the identity provider’s login API, or to your backend, and keep what comes back in the system’s secure storage (Keychain, Keystore). There is no single sign-on with this, and the OAuth password grant is out: RFC 9700 says it must not be used.',
    recommend: [
      {
        article: SPA.idpOtherDomain,
        note: 'No article covers native apps yet. This one shows the same login call: client code posts the password straight to the identity provider’s login API and gets the JWT in the answer, which a native app keeps in secure storage instead of handing it to a backend.',
        cite: ['no-sso', 'stolen-jwt-lasts-until-it-expires'],
      },
    ],
    alternatives: [
      {
        picks: [
          {
            article: SPA.formSession,
            note: 'Through your own backend instead: it logs in at the identity provider and keeps the tokens, and the app holds only a session id.',
            cite: ['session-id-is-random', 'logout-ends-the-session'],
          },
        ],
      },
    ],
    avoid: { text: 'Tokens in plain files or preferences, outside the system’s secure storage, and the OAuth password grant, which RFC 9700 says must not be used.' },
  },
];
