/**
 * Binds each article's security claims to the walkthrough steps that prove them. Claims are read
 * from the built page (`<Claim proof="…">` renders `data-proof` and the step it links to), proofs
 * from the workflow's walkthrough (`proves` on a step). A claim no step proves, a proof no claim
 * uses, and a claim linking to a step other than the one its proof lights are all problems.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { workflowIdsIn } from '../../demo-server/workflow-ids.ts';
import type { Walkthrough } from '../../tests/e2e/walkthroughs/walkthrough.ts';

export interface ClaimReport {
  /** `<app-type>/<slug>` */
  article: string;
  marked: number;
  proven: number;
  problems: string[];
}

interface MarkedClaim {
  proof: string;
  step: number;
  text: string;
}

const CLAIM = /<span class="claim" data-proof="([^"]+)">([\s\S]*?)<a class="claim-proof" href="#step-(\d+)"/g;

function markedClaims(root: string, id: string): MarkedClaim[] {
  const page = path.join(root, 'dist/workflows', id, 'index.html');
  if (!existsSync(page)) throw new Error(`${page} is missing: build the site before checking its claims`);
  return [...readFileSync(page, 'utf8').matchAll(CLAIM)].map(([, proof = '', html = '', step = '']) => ({
    proof,
    step: Number(step),
    text: html.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').trim(),
  }));
}

async function walkthroughOf(root: string, id: string): Promise<{ file: string; walkthrough?: Walkthrough }> {
  const file = `tests/e2e/walkthroughs/${id}.ts`;
  if (!existsSync(path.join(root, file))) return { file };
  const module = (await import(pathToFileURL(path.join(root, file)).href)) as { default?: Walkthrough };
  return { file, ...(module.default ? { walkthrough: module.default } : {}) };
}

export async function checkClaims(root: string): Promise<ClaimReport[]> {
  const reports: ClaimReport[] = [];
  for (const id of workflowIdsIn(path.join(root, 'content/workflows'), '.mdx')) {
    const article = `content/workflows/${id}.mdx`;
    const claims = markedClaims(root, id);
    const { file, walkthrough } = await walkthroughOf(root, id);
    const proving = new Map((walkthrough?.steps ?? []).flatMap((step) => (step.proves ?? []).map((proof) => [proof, step] as const)));
    const problems: string[] = [];
    for (const claim of claims) {
      const step = proving.get(claim.proof);
      if (!step) {
        problems.push(`${article}: the claim "${claim.text}" (proof "${claim.proof}") is proven by no step of ${file}. Add proves: ['${claim.proof}'] to the step that shows it, or drop the claim.`);
      } else if (step.lights?.length && !step.lights.includes(claim.step)) {
        problems.push(`${article}: the claim "${claim.text}" links to step ${claim.step}, but the step of ${file} that proves it ("${step.says}") lights ${step.lights.join(', ')}. Point proofs.${claim.proof} at one of those.`);
      }
    }
    const claimed = new Set(claims.map((claim) => claim.proof));
    for (const proof of proving.keys()) {
      if (!claimed.has(proof)) problems.push(`${file} proves "${proof}", but no claim of ${article} names it. Mark the sentence it proves with <Claim proof="${proof}">, or drop the proof.`);
    }
    const proven = claims.filter((claim) => proving.has(claim.proof)).length;
    reports.push({ article: id, marked: claims.length, proven, problems });
  }
  return reports;
}
