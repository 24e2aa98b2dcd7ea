/** The workflow articles on disk, as the built site should list them. */
import { readdirSync } from 'node:fs';
import path from 'node:path';

const WORKFLOWS = path.resolve(import.meta.dirname, '../../../content/workflows');

export interface ArticleRef {
  url: string;
  appType: string;
  slug: string;
}

export function workflowArticles(): ArticleRef[] {
  return readdirSync(WORKFLOWS, { withFileTypes: true })
    .filter((dir) => dir.isDirectory())
    .flatMap((dir) =>
      readdirSync(path.join(WORKFLOWS, dir.name))
        .filter((file) => file.endsWith('.mdx'))
        .map((file) => {
          const slug = file.replace(/\.mdx$/, '');
          return { url: `/workflows/${dir.name}/${slug}/`, appType: dir.name, slug };
        }),
    );
}

/** The two seed articles and their step counts (arrow count = step count). */
export const SEEDS = [
  { url: '/workflows/webapp/native-form-to-backend-jwt-refresh-cookies/', steps: 35 },
  { url: '/workflows/spa/native-form-to-idp-same-domain-jwt-refresh-cookies/', steps: 36 },
] as const;
