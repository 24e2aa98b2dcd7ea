/**
 * Frontmatter of a workflow article (`content/workflows/<app-type>/<slug>.mdx`).
 * A missing or wrong field fails the build with the file and the field.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { z } from 'astro/zod';
import { IDP_APIS } from '../data/idp-apis.ts';
import { STORAGE_FACTS } from '../data/token-storage-facts.ts';
import { APP_TYPES, LOGIN_METHODS, TOKEN_STORAGES, VERDICTS, keysOf } from '../data/taxonomy.ts';

/**
 * One cell of the comparison page: a short answer, and where the article shows it: a step, or a
 * proof (one of the article's `proofs`), which the live demo shows for real.
 */
const comparisonFact = z.strictObject({
  text: z.string().min(3).max(200),
  step: z.number().int().positive().optional(),
  proof: z.string().optional(),
}).refine((fact) => fact.step === undefined || fact.proof === undefined, 'give a step or a proof, not both');

export const COMPARISON_PROPERTIES = {
  tokens: 'Where the tokens live',
  scriptCanSteal: 'What page script can steal',
  stolenTokenBuys: 'What a stolen token buys, and for how long',
  sso: 'Single sign-on',
  logout: 'Logging out',
  password: 'Where the password goes',
} as const;

/** The four attacks of a script injected into the app's page, as the IETF's browser-apps document names them. */
export const SCRIPT_ATTACKS = {
  steal: 'Steals the tokens it can read',
  persist: 'Keeps stealing while the page lives',
  acquire: 'Gets fresh tokens of its own',
  proxy: 'Uses the app while the page is open',
} as const;

/** How one of those attacks ends in the workflow's live demo: the workflow holds or not, and the proof that shows it. */
const scriptAttackOutcome = z.strictObject({ held: z.boolean(), proof: z.string() });

export const workflowSchema = z.strictObject({
  title: z.string().min(10),
  description: z.string().min(40).max(200),
  appType: z.enum(keysOf(APP_TYPES)),
  loginMethod: z.enum(keysOf(LOGIN_METHODS)),
  tokenStorage: z.enum(keysOf(TOKEN_STORAGES)),
  sso: z.boolean(),
  /** Whether the workflow lets the user log out: its diagram draws the logout and its live demo offers it. */
  logout: z.boolean({
    error: (issue) => (issue.input === undefined ? 'say whether the workflow logs out: true when its diagram draws a logout, false otherwise' : 'must be true or false'),
  }),
  verdict: z.strictObject({
    rating: z.enum(keysOf(VERDICTS)),
    reason: z.string().min(10).max(160).refine((reason) => !reason.includes('\n'), 'must be one line'),
  }),
  diagram: z
    .string()
    .regex(/^[a-z]+\/[a-z0-9-]+$/, 'must look like "<app-type>/<slug>"')
    .refine((name) => existsSync(path.join('diagrams', `${name}.mmd`)), { error: (issue) => `no diagram source diagrams/${String(issue.input)}.mmd` }),
  apis: z.array(z.enum(keysOf(IDP_APIS))).min(1),
  /** For the browser-app patterns, whose live demo runs them: how each attack by an injected script ends. */
  scriptAttacks: z.strictObject(Object.fromEntries(Object.keys(SCRIPT_ATTACKS).map((key) => [key, scriptAttackOutcome])) as Record<keyof typeof SCRIPT_ATTACKS, typeof scriptAttackOutcome>).optional(),
  /** Why the workflow cannot run live, shown in the article's live-demo box; without it the workflow needs a demo definition and a walkthrough. */
  noLiveDemo: z.string().min(10).max(200).refine((reason) => !reason.includes('\n'), 'must be one sentence on one line').optional(),
  /** The workflow's answers for the side-by-side comparison page, which compares every workflow. */
  comparison: z.strictObject(Object.fromEntries(Object.keys(COMPARISON_PROPERTIES).map((key) => [key, comparisonFact])) as Record<keyof typeof COMPARISON_PROPERTIES, typeof comparisonFact>, {
    error: (issue) => (issue.input === undefined ? 'every workflow is compared side by side: fill in every comparison fact (tokens, scriptCanSteal, stolenTokenBuys, sso, logout, password)' : undefined),
  }),
  /**
   * The security claims its live demo proves, each with the step that shows it: `<Claim proof="…">`
   * marks the claim in the prose, and a step of the workflow's walkthrough declares `proves: ['…']`.
   */
  proofs: z.record(z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'proof names are kebab-case, e.g. page-script-reads-no-token'), z.number().int().positive()).default({}),
  // Starlight's own page options, allowed so articles can still use them.
  sidebar: z.object({ order: z.number().optional(), label: z.string().optional() }).optional(),
}).superRefine((workflow, context) => {
  for (const [key, fact] of Object.entries(workflow.comparison)) {
    if (fact.proof !== undefined && workflow.proofs[fact.proof] === undefined) {
      context.addIssue({ code: 'custom', path: ['comparison', key, 'proof'], message: `"${fact.proof}" is not one of this article's proofs: add it to \`proofs\`, or link a step instead` });
    }
  }
  for (const [key, outcome] of Object.entries(workflow.scriptAttacks ?? {})) {
    if (workflow.proofs[outcome.proof] === undefined) {
      context.addIssue({ code: 'custom', path: ['scriptAttacks', key, 'proof'], message: `"${outcome.proof}" is not one of this article's proofs: every outcome links the step of the live demo that shows it` });
    }
  }
  if (STORAGE_FACTS[workflow.tokenStorage].separateApi && workflow.scriptAttacks === undefined) {
    context.addIssue({ code: 'custom', path: ['scriptAttacks'], message: 'a browser-app pattern runs the four attacks of an injected script: say how each ends (steal, persist, acquire, proxy: { held, proof })' });
  }
});

export type Workflow = z.infer<typeof workflowSchema>;
