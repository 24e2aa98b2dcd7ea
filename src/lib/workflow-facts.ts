/**
 * What an article's frontmatter says its workflow does, in the terms its prose needs: what the app
 * checks on each request, whether a refresh token renews it, whether the user can log out. Partials
 * take these facts rather than free-form props, so a session article cannot speak of a JWT expiring,
 * and the build refuses an article whose frontmatter and diagram disagree on them.
 */
import { STORAGE_FACTS, type StorageFacts } from '../data/token-storage-facts.ts';
import type { LoginMethod, TokenStorage } from '../data/taxonomy.ts';

export interface WorkflowFacts extends StorageFacts {
  /** Whether the workflow (its diagram and its live demo) lets the user log out. */
  logout: boolean;
  /**
   * Where the backend trades a refresh token for a new JWT: FusionAuth's JWT API (native logins), or
   * the OAuth token endpoint, authenticated with the client secret (OAuth clients).
   */
  refreshesAt: 'jwt-api' | 'token-endpoint';
  /** Whether the identity provider's own login page takes the password (OAuth grants). */
  oauth: boolean;
}

interface FactSource {
  tokenStorage: TokenStorage;
  loginMethod: LoginMethod;
  logout: boolean;
}

const isFactSource = (workflow: unknown): workflow is FactSource =>
  typeof workflow === 'object' && workflow !== null &&
  typeof (workflow as FactSource).logout === 'boolean' &&
  typeof (workflow as FactSource).loginMethod === 'string' &&
  Object.hasOwn(STORAGE_FACTS, (workflow as FactSource).tokenStorage);

/**
 * The facts of the article whose frontmatter `partial` was given. A build error names the partial when
 * the frontmatter is missing, or when the article's workflow is not the kind the partial explains (`expects`).
 */
export function factsOf(workflow: unknown, partial: string, expects: Partial<WorkflowFacts> = {}): WorkflowFacts {
  if (!isFactSource(workflow)) throw new Error(`${partial} needs the article's frontmatter: write <… workflow={frontmatter} /> where the article uses it.`);
  const oauth = workflow.loginMethod.startsWith('oauth-');
  const facts: WorkflowFacts = { ...STORAGE_FACTS[workflow.tokenStorage], logout: workflow.logout, oauth, refreshesAt: oauth ? 'token-endpoint' : 'jwt-api' };
  for (const [key, value] of Object.entries(expects) as [keyof WorkflowFacts, unknown][]) {
    if (facts[key] !== value) {
      throw new Error(`${partial} explains workflows whose ${key} is ${JSON.stringify(value)}, but tokenStorage "${workflow.tokenStorage}" (logout: ${workflow.logout}) gives ${JSON.stringify(facts[key])}; use the partial written for this workflow.`);
    }
  }
  return facts;
}

/** Where the frontmatter and the diagram's arrow labels disagree about the workflow; empty when they agree. */
export function contradictionsWithDiagram(workflow: FactSource, labels: readonly string[], diagramFile: string): string[] {
  const facts = factsOf(workflow, 'the frontmatter');
  const firstStep = (pattern: RegExp) => labels.findIndex((label) => pattern.test(label)) + 1;
  const sessionCookie = facts.login === 'session' && facts.cookie ? facts.cookie : 'SessionId';
  const checks = [
    { claims: facts.logout, step: firstStep(/\/logout\b/), yes: 'logout: true', no: 'logout: false', what: 'logs out' },
    { claims: facts.refreshToken, step: firstStep(/\/refresh\b|\/oauth2\/token \(refresh_token/), yes: `tokenStorage "${workflow.tokenStorage}" renews with a refresh token`, no: `tokenStorage "${workflow.tokenStorage}" has no refresh token`, what: 'refreshes' },
    { claims: facts.login === 'session', step: firstStep(new RegExp(`(?<![\\w-])${sessionCookie}\\b`)), yes: `tokenStorage "${workflow.tokenStorage}" keeps a server session`, no: `tokenStorage "${workflow.tokenStorage}" keeps no server session`, what: `sends a ${sessionCookie}` },
  ];
  return checks.flatMap(({ claims, step, yes, no, what }) => {
    if (claims && step === 0) return [`${yes}, but no arrow of ${diagramFile} ${what}`];
    if (!claims && step > 0) return [`${no}, but arrow ${step} of ${diagramFile} ${what}`];
    return [];
  });
}
