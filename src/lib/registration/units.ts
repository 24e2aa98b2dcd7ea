import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseFrontmatter } from '@astrojs/markdown-remark';
import { workflowIdsIn } from '../../../demo-server/workflow-ids.ts';
import { articlePath, registrationProblems, type WorkflowUnits } from './problems.ts';

/** What exists on disk for each workflow of the project at `root`. */
export function workflowUnits(root: string): WorkflowUnits {
  const ids = (folder: string, extension: string) => {
    const absolute = path.join(root, folder);
    return new Set(existsSync(absolute) ? workflowIdsIn(absolute, extension) : []);
  };
  const articles = new Map(
    [...ids('content/workflows', '.mdx')].map((id) => {
      const { noLiveDemo } = parseFrontmatter(readFileSync(path.join(root, articlePath(id)), 'utf8')).frontmatter as { noLiveDemo?: unknown };
      return [id, { noLiveDemo: typeof noLiveDemo === 'string' && noLiveDemo.trim() !== '' ? noLiveDemo : undefined }];
    }),
  );
  return {
    articles,
    diagrams: ids('diagrams', '.mmd'),
    demos: ids('demo-server/workflows', '.ts'),
    walkthroughs: ids('tests/e2e/walkthroughs', '.ts'),
  };
}

/** The registration problems of the project at `root` (none when every workflow is complete). */
export const checkRegistration = (root: string): string[] => registrationProblems(workflowUnits(root));
