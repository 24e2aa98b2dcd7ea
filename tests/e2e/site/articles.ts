/** The workflow articles on disk, as the built site should list them. */
import path from 'node:path';
import { workflowIdsIn } from '../../../demo-server/workflow-ids.ts';

const WORKFLOWS = path.resolve(import.meta.dirname, '../../../content/workflows');

export interface ArticleRef {
  url: string;
  appType: string;
  slug: string;
}

export function workflowArticles(): ArticleRef[] {
  return workflowIdsIn(WORKFLOWS, '.mdx').map((id) => {
    const [appType = '', slug = ''] = id.split('/');
    return { url: `/workflows/${id}/`, appType, slug };
  });
}

/** The two seed articles and their step counts (arrow count = step count). */
export const SEEDS = [
  { url: '/workflows/webapp/native-form-to-backend-jwt-refresh-cookies/', steps: 35 },
  { url: '/workflows/spa/native-form-to-idp-same-domain-jwt-refresh-cookies/', steps: 36 },
] as const;
